/**
 * Interface translations (react-i18next). The first screen's namespaces (FIRST_SCREEN_NAMESPACES)
 * are in the entry's chunk, in every language; the app starts with them in its language. Every
 * other locale file is a chunk of its own and loads when a screen first asks for it
 * (the backend below; useTranslation suspends meanwhile), and English, the fallback, after the
 * first screen. All files are precached by the service worker, so every language works offline
 * after the first visit.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, type Language } from '../instrument/languages';

/**
 * The first screen's namespaces in every language are part of the entry's chunk (about 11 kB
 * gzipped for all three): a request for them between the app's code and its first screen cost
 * 40–80 ms on this machine, more on a tablet or a school network (docs/performance.md). The
 * pattern names FIRST_SCREEN_NAMESPACES below; a test keeps the two the same.
 */
const firstScreenFiles = import.meta.glob<Record<string, unknown>>('../../locales/*/{common,lock}.json', { import: 'default', eager: true });
/** locales/<language>/<namespace>.json: one namespace per file (validation, cases, …), each loaded when first needed. */
const lazyFiles = import.meta.glob<Record<string, unknown>>(['../../locales/*/*.json', '!../../locales/*/{common,lock}.json'], { import: 'default' });
const parse = (path: string) => /locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
export const namespaces = [...new Set([...Object.keys(firstScreenFiles), ...Object.keys(lazyFiles)].flatMap((path) => parse(path)?.[2] ?? []))];
/** Language → namespaces that are in the entry's chunk. */
export const bundledNamespaces = (language: string): string[] =>
  Object.keys(firstScreenFiles)
    .map(parse)
    .filter((match) => match?.[1] === language)
    .map((match) => match![2]!)
    .sort();

/**
 * What the first screen reads: the passphrase screen (set-up or unlock, ui/app/KeyScreen.tsx) and its
 * storage messages. The others load on demand, the case list's while the passphrase is typed; a
 * test checks that the passphrase screen renders with these alone.
 */
export const FIRST_SCREEN_NAMESPACES = ['common', 'lock'] as const;

const fileOf = (language: string, namespace: string): (() => Promise<Record<string, unknown>>) | undefined => {
  const path = `../../locales/${language}/${namespace}.json`;
  const bundled = firstScreenFiles[path];
  return bundled ? () => Promise.resolve(bundled) : lazyFiles[path];
};

/** Reads locale files for i18next when a screen needs a namespace (or a language) not yet loaded. */
const localeFiles = {
  type: 'backend' as const,
  init() {},
  read(language: string, namespace: string, callback: (error: unknown, data: Record<string, unknown> | boolean) => void) {
    const load = fileOf(language, namespace);
    if (!load) return callback(null, {});
    load().then(
      (data) => callback(null, data),
      (error: unknown) => callback(error, false),
    );
  },
};

/** Adds a language's texts (all namespaces, or the ones named) to the instance (once). */
export async function loadLanguage(instance: I18n, language: Language, only: readonly string[] = namespaces): Promise<void> {
  await Promise.all(
    only.map(async (namespace) => {
      const load = fileOf(language, namespace);
      if (!load || instance.hasResourceBundle(language, namespace)) return;
      instance.addResourceBundle(language, namespace, await load(), true, true);
    }),
  );
}

/** Switches the interface language once its texts are loaded, and remembers the choice. */
export async function switchLanguage(instance: I18n, language: Language): Promise<void> {
  // The namespaces loaded so far, in the new language; the rest load when their screens open.
  await loadLanguage(instance, language, [...new Set(instance.options.ns ?? [])]);
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
  process(
    value: string,
    keys: string | string[],
    options: { lng?: string; ns?: string | readonly string[] },
    translator: { language?: string; resourceStore: { getResource: (lng: string, ns: string, key: string) => unknown } },
  ) {
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

/**
 * `initial`: the namespaces loaded before the app renders (the app: FIRST_SCREEN_NAMESPACES; tests:
 * all of them, so a screen renders at once).
 */
export async function setupI18n(
  language: Language = initialLanguage(),
  { markFallbacks = import.meta.env.DEV && import.meta.env.MODE !== 'test', initial = namespaces as readonly string[] } = {},
) {
  const instance = i18next.createInstance();
  if (markFallbacks) instance.use(markEnglishFallback);
  const resources: Record<string, Record<string, Record<string, unknown>>> = { [language]: {} };
  await Promise.all(
    initial.map(async (namespace) => {
      const load = fileOf(language, namespace);
      if (load) resources[language]![namespace] = await load();
    }),
  );
  await instance
    .use(localeFiles)
    .use(initReactI18next)
    .init({
      resources,
      partialBundledLanguages: true,
      lng: language,
      // No fallback yet, so that starting waits for no English file; set just below.
      fallbackLng: false,
      ns: [...initial],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      // A key missing in fi or sv falls back to English; in development it is also marked on screen
      // ("⟦en⟧ …") and logged, so a missing translation is seen before it ships.
      ...(markFallbacks ? { postProcess: ['markEnglishFallback'], saveMissing: true, missingKeyHandler: warnMissing } : {}),
    });
  // English is the fallback for a text missing in fi or sv (a test keeps that from happening), so
  // it loads after the first screen rather than before it. i18next reads its options object
  // live; from here on every namespace loaded on demand loads in English too.
  instance.options.fallbackLng = ['en'];
  if (language !== 'en') void instance.loadLanguages('en');
  const syncDocument = (lng: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  };
  syncDocument(instance.language);
  instance.on('languageChanged', syncDocument);
  return instance;
}
