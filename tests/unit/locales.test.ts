/** Every interface text exists in en, fi and sv, with the same placeholders and plural forms. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { flatten } from '../support/flatten-texts';
import { FIRST_SCREEN_NAMESPACES } from '../../src/ui/i18n';

const root = resolve(__dirname, '../../locales');
const languages = ['en', 'fi', 'sv'];

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const namespaces = readdirSync(join(root, 'en')).filter((f) => f.endsWith('.json'));

describe('locales', () => {
  it('have the same namespace files', () => {
    for (const language of languages)
      expect(
        readdirSync(join(root, language))
          .filter((f) => f.endsWith('.json'))
          .sort(),
      ).toEqual([...namespaces].sort());
    expect(namespaces).toEqual(expect.arrayContaining(['common.json', 'validation.json', 'cases.json']));
  });

  describe.each(namespaces)('%s', (file) => {
    const texts = Object.fromEntries(languages.map((l) => [l, flatten(JSON.parse(readFileSync(join(root, l, file), 'utf8')))]));

    it.each(['fi', 'sv'])('%s has exactly the English keys', (language) => {
      const base = (key: string) => key.replace(/_(one|other|zero|two|few|many)$/, '');
      expect([...new Set([...texts[language]!.keys()].map(base))].sort()).toEqual([...new Set([...texts.en!.keys()].map(base))].sort());
    });

    it.each(['fi', 'sv'])('%s uses the same placeholders and leaves nothing empty', (language) => {
      for (const [key, english] of texts.en!) {
        const translated = texts[language]!.get(key) ?? texts[language]!.get(key.replace(/_one$/, '_other'));
        expect(translated, `${language} ${file} ${key}`).toBeTruthy();
        expect(placeholders(translated!), `${language} ${file} ${key}`).toEqual(placeholders(english));
      }
    });
  });
});

/**
 * The app loads a namespace when a screen asks for it (useTranslation's list, src/ui/i18n.ts);
 * only the first screen's are there from the start. A text named with another namespace
 * (`t('research-run:…')`) that its component does not ask for shows as its bare key in the built
 * app, while the unit tests, which load every namespace, pass.
 */
describe('namespaced texts in components', () => {
  const sourceRoot = resolve(__dirname, '../../src/ui');
  const components = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx') && !f.includes('.test.'));
  const alwaysLoaded: readonly string[] = FIRST_SCREEN_NAMESPACES;

  it.each(components)('%s asks for every namespace it names', (file) => {
    const source = readFileSync(join(sourceRoot, file), 'utf8');
    const named = new Set([...source.matchAll(/\bt\(\s*['`]([a-z-]+):/g)].map((m) => m[1]!));
    const asked = new Set([...source.matchAll(/useTranslation\(([^)]*)\)/g)].flatMap((m) => [...m[1]!.matchAll(/'([a-z-]+)'/g)].map((n) => n[1]!)));
    expect([...named].filter((namespace) => !asked.has(namespace) && !alwaysLoaded.includes(namespace))).toEqual([]);
  });
});
