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

const warnMissing = (languages: readonly string[], namespace: string, key: string) => console.warn(`missing translation ${languages.join(',')} ${namespace}:${key}`);

/** Marks texts shown in English because the current language lacks them (development only). */
export const markEnglishFallback = {
  type: 'postProcessor' as const,
  name: 'markEnglishFallback',
  process(value: string, keys: string | string[], options: { lng?: string; ns?: string | readonly string[] }, translator: { language?: string; resourceStore: { getResource: (lng: string, ns: string, key: string) => unknown } }) {
    const language = options.lng ?? translator.language ?? 'en';
    if (language === 'en') return value;
    const namespace = (Array.isArray(options.ns) ? options.ns[0] : options.ns) ?? 'common';
    const found = [keys].flat().some((key) => {
      const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : [namespace, key];
      return ['', '_one', '_other'].some((suffix) => translator.resourceStore.getResource(language, ns, path + suffix) !== undefined);
    });
    return found ? value : `⟦en⟧ ${value}`;
  },
};

export async function setupI18n(language: Language = initialLanguage(), { markFallbacks = import.meta.env.DEV && import.meta.env.MODE !== 'test' } = {}) {
  const instance = i18next.createInstance();
  if (markFallbacks) instance.use(markEnglishFallback);
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    // A key missing in fi or sv falls back to English; in development it is also marked on screen
    // ("⟦en⟧ …") and logged, so a missing translation is seen before it ships.
    ...(markFallbacks ? { postProcess: ['markEnglishFallback'], saveMissing: true, missingKeyHandler: warnMissing } : {}),
  });
  const syncDocument = (lng: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  };
  syncDocument(instance.language);
  instance.on('languageChanged', syncDocument);
  return instance;
}
