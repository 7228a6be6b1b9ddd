import { useTranslation } from 'react-i18next';

/** Shown for the moment a screen's code or data is being loaded. */
export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('app.loading')}</p>;
}
