import { inSentence, summaryText, type SummaryFormat } from './summary';

const format = (language: 'en' | 'fi'): SummaryFormat => ({
  language,
  t: (key, options) => `${key} ${JSON.stringify(options)}`,
  score: (v) => (v === null ? '—' : v.toFixed(2)),
  number: (v, digits = 1) => String(Number(v.toFixed(digits))),
  date: (iso) => iso.slice(0, 10),
});

describe('summaryText', () => {
  it('formats each value and passes count for plurals', () => {
    const text = summaryText(
      {
        key: 'summary.informants.differ',
        count: 2,
        values: {
          a: { kind: 'informant', informant: 'child' },
          b: { kind: 'informant', informant: 'mother', inSentence: true },
          difference: { kind: 'number', value: 1.7999999999999998, digits: 2 },
          scale: { kind: 'text', text: 'Seeking attention', inSentence: true },
          list: {
            kind: 'list',
            items: [
              { kind: 'scored', text: 'Escape', value: 2.2, inSentence: true },
              { kind: 'percent', value: 7.5 },
              { kind: 'date', iso: '2026-01-05T09:00:00Z' },
            ],
          },
        },
      },
      format('en'),
    );
    expect(text).toBe(
      'charts:summary.informants.differ {"a":"charts:informant.child undefined","b":"charts:informant.mother undefined","difference":"1.8","scale":"seeking attention","list":"escape (2.20), 7.5% and 2026-01-05","count":2}',
    );
  });

  it('lowercases the first letter mid-sentence but keeps acronyms', () => {
    expect(inSentence('Sosiaalisten tilanteiden välttäminen', 'fi')).toBe('sosiaalisten tilanteiden välttäminen');
    expect(inSentence('ISAP scales', 'en')).toBe('ISAP scales');
    expect(inSentence('', 'en')).toBe('');
  });
});
