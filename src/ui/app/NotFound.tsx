import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** A page for what is not there: an unknown address (the default), a deleted case or plan. */
export function NotFound({ title, back }: { title?: string; back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  const link = back ?? { to: '/instruments', label: t('app.backToLibrary') };
  return (
    <section className="page">
      <h1>{title ?? t('app.notFound')}</h1>
      <Link to={link.to}>{link.label}</Link>
    </section>
  );
}
