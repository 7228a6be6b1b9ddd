/**
 * Interface translations (react-i18next). Each locale file is a chunk of its own: the first screen
 * loads only its language (the first-visit budget), the others load when chosen. All of them are
 * precached by the service worker, so every language works offline after the first visit.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, type Language } from '../instrument/languages';

/** locales/<language>/<namespace>.json: one namespace per file (common, validation, cases, …). */
const files = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', { import: 'default' });
const parse = (path: string) => /locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
export const namespaces = [...new Set(Object.keys(files).flatMap((path) => parse(path)?.[2] ?? []))];

/** Adds a language's texts to the instance (once). */
export async function loadLanguage(instance: I18n, language: Language): Promise<void> {
  await Promise.all(
    Object.entries(files).map(async ([path, load]) => {
      const [, lng, namespace] = parse(path) ?? [];
      if (lng !== language || !namespace || instance.hasResourceBundle(lng, namespace)) return;
      instance.addResourceBundle(lng, namespace, await load(), true, true);
    }),
  );
}

/** Switches the interface language once its texts are loaded, and remembers the choice. */
export async function switchLanguage(instance: I18n, language: Language): Promise<void> {
  await loadLanguage(instance, language);
  rememberLanguage(language);
  await instance.changeLanguage(language);
}

const STORAGE_KEY = 'polku.language';

export { isLanguage };

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
    resources: {},
    partialBundledLanguages: true,
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
  await loadLanguage(instance, language);
  // English is the fallback for a text missing in fi or sv (a test keeps that from happening), so
  // it loads after the first screen rather than before it.
  if (language !== 'en') void loadLanguage(instance, 'en');
  const syncDocument = (lng: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  };
  syncDocument(instance.language);
  instance.on('languageChanged', syncDocument);
  return instance;
}
