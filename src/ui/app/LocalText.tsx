import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText } from '../../instrument/schema';
import { localize } from '../../instrument/text';

/**
 * A definition's text in the chosen language. An imported pack without that language shows the
 * English text, marked, with the right `lang` for screen readers.
 */
export function LocalText({ text, language, as: Tag = 'span' }: { text: LocalizedText; language: Language; as?: 'span' | 'p' | 'strong' }) {
  const { t } = useTranslation();
  const { text: value, fallback } = localize(text, language);
  if (!fallback) return <Tag lang={language}>{value}</Tag>;
  return (
    <Tag lang="en">
      {value} <span className="fallback-marker">({t('preview.fallbackMarker', { language: t(`languageNames.${language}`) })})</span>
    </Tag>
  );
}
