/**
 * The report's texts in the report's language, which may differ from the interface language: the
 * language's bundles are loaded first (only the interface language loads up front), then a fixed
 * `t` reads the report namespace and the ones it borrows labels from.
 */
import type { i18n as I18n } from 'i18next';
import type { Language } from '../../instrument/languages';
import type { Translate } from '../../report/model';
import { loadLanguage } from '../i18n';

export const REPORT_NAMESPACES = ['report', 'charts', 'plans', 'attendance', 'cases', 'common'];

export async function reportTranslate(instance: I18n, language: Language): Promise<Translate> {
  await loadLanguage(instance, language);
  // English is the fallback for a text an imported pack lacks.
  if (language !== 'en') await loadLanguage(instance, 'en');
  const fixed = instance.getFixedT(language, REPORT_NAMESPACES);
  return (key, options) => String(fixed(key, options as never));
}
