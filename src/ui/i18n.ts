/**
 * Interface translations (react-i18next). Every locale ships in the bundle: they are small, and
 * the app must work offline in all three languages from the first visit.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../instrument/schema';

/** locales/<language>/<namespace>.json: one namespace per file (common, validation, cases, …). */
const files = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', { eager: true, import: 'default' });

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, content] of Object.entries(files)) {
  const [, language, namespace] = /locales\/(\w+)\/([\w-]+)\.json$/.exec(path) ?? [];
  if (!language || !namespace) continue;
  (resources[language] ??= {})[namespace] = content;
}
export const namespaces = Object.keys(resources.en ?? {});

const STORAGE_KEY = 'polku.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The saved choice, else the browser's language if we speak it, else Finnish (the primary market). */
export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'fi';
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

export async function setupI18n(language: Language = initialLanguage()) {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    // A key missing in fi or sv falls back to English; in development it is marked so it gets noticed.
    ...(import.meta.env.DEV
      ? { saveMissing: true, missingKeyHandler: (lngs: readonly string[], ns: string, key: string) => console.warn(`missing translation ${lngs.join(',')} ${ns}:${key}`) }
      : {}),
  });
  const syncDocument = (lng: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  };
  syncDocument(instance.language);
  instance.on('languageChanged', syncDocument);
  return instance;
}
