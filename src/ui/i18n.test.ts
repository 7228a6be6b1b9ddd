import { LANGUAGES } from '../instrument/languages';
import { bundledNamespaces, FIRST_SCREEN_NAMESPACES, setupI18n } from './i18n';

describe('i18n', () => {
  it('falls back to English for a missing Finnish text, marked when marking is on', async () => {
    const marked = await setupI18n('fi', { markFallbacks: true });
    marked.addResource('en', 'common', 'onlyInEnglish', 'Only in English');
    expect(marked.t('onlyInEnglish')).toBe('⟦en⟧ Only in English');
    expect(marked.t('nav.cases')).toBe('Tapaukset');
    expect(marked.t('cases:count', { shown: 2, count: 3 })).toBe('2/3 tapausta');
    const plain = await setupI18n('fi', { markFallbacks: false });
    plain.addResource('en', 'common', 'onlyInEnglish', 'Only in English');
    expect(plain.t('onlyInEnglish')).toBe('Only in English');
  });

  it('has the first screen’s namespaces, and only those, in the entry’s chunk, in every language', () => {
    for (const language of LANGUAGES) expect(bundledNamespaces(language)).toEqual([...FIRST_SCREEN_NAMESPACES].sort());
  });
});
