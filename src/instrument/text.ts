/** Picking a text in a language, with the English fallback imported packs may need. Pure. */
import type { Language, LocalizedText } from './schema';

export interface LocalizedResult {
  text: string;
  /** True when the language was missing and English is shown instead (the UI marks it). */
  fallback: boolean;
}

export function localize(text: LocalizedText, language: Language): LocalizedResult {
  const value = text[language];
  return value === undefined ? { text: text.en, fallback: language !== 'en' } : { text: value, fallback: false };
}
