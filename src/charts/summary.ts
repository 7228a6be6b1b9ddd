/**
 * Plain-language summaries as data. The chart-data functions say *what* to tell (a key in the
 * `charts` namespace and typed values); `summaryText` turns a line into words with a translate
 * function and number/date formatters that the caller passes in — the screen passes the interface
 * language's, the PDF report its report language's — so this module needs no i18next.
 */
import type { Language } from '../instrument/languages';
import type { SeriesKey } from './types';
import { formatPercent } from '../format/number';

export type SummaryValue =
  | { kind: 'text'; text: string; /** Mid-sentence: the first letter is lowercased ("on seeking attention"). */ inSentence?: boolean }
  | { kind: 'score'; value: number | null }
  | { kind: 'number'; value: number; digits?: number }
  | { kind: 'percent'; value: number | null }
  | { kind: 'date'; iso: string }
  | { kind: 'informant'; informant: SeriesKey; inSentence?: boolean }
  /** A label with its score: "seeking attention (1,60)". */
  | { kind: 'scored'; text: string; value: number | null; inSentence?: boolean }
  /** Joined as the language joins a list: "A, B and C" / "A, B ja C" / "A, B och C". */
  | { kind: 'list'; items: SummaryValue[] };

export interface SummaryLine {
  /** A key in the charts namespace, e.g. "summary.informants.differ". */
  key: string;
  /** For plural forms (i18next `count`). */
  count?: number;
  values: Record<string, SummaryValue>;
}

export interface SummaryFormat {
  /** Translates a namespaced key ("charts:summary.…") with i18next-style options. */
  t: (key: string, options?: Record<string, unknown>) => string;
  language: Language;
  /** Two decimals, "—" for null (src/ui/cases/format.ts formatScore). */
  score: (value: number | null) => string;
  number: (value: number, digits?: number) => string;
  date: (iso: string) => string;
}

export const CHARTS_NAMESPACE = 'charts';

/** British English lists have no serial comma ("A, B and C"), like the rest of the English texts. */
const LIST_LOCALES: Record<Language, string> = { en: 'en-GB', fi: 'fi-FI', sv: 'sv-FI' };

/** Lowercases the first letter for use inside a sentence, unless the word is an acronym ("ISAP"). */
export function inSentence(text: string, language: Language): string {
  const [first = '', second = ''] = [...text];
  if (first === '' || (second !== '' && second === second.toLocaleUpperCase(language) && second !== second.toLocaleLowerCase(language))) return text;
  return first.toLocaleLowerCase(language) + text.slice(first.length);
}

export function informantLabel(informant: SeriesKey, format: Pick<SummaryFormat, 't'>): string {
  return format.t(`${CHARTS_NAMESPACE}:informant.${informant}`);
}

export function valueText(value: SummaryValue, format: SummaryFormat): string {
  switch (value.kind) {
    case 'text':
      return value.inSentence ? inSentence(value.text, format.language) : value.text;
    case 'score':
      return format.score(value.value);
    case 'number':
      return format.number(value.value, value.digits);
    case 'percent':
      return formatPercent(value.value, format.language);
    case 'date':
      return format.date(value.iso);
    case 'informant': {
      const label = informantLabel(value.informant, format);
      return value.inSentence ? inSentence(label, format.language) : label;
    }
    case 'scored':
      return `${value.inSentence ? inSentence(value.text, format.language) : value.text} (${format.score(value.value)})`;
    case 'list':
      return new Intl.ListFormat(LIST_LOCALES[format.language], { type: 'conjunction' }).format(value.items.map((item) => valueText(item, format)));
  }
}

export function summaryText(line: SummaryLine, format: SummaryFormat): string {
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(line.values)) options[name] = valueText(value, format);
  if (line.count !== undefined) options.count = line.count;
  return format.t(`${CHARTS_NAMESPACE}:${line.key}`, options);
}

// Small constructors keep the chart-data modules readable.
export const text = (value: string, mid = false): SummaryValue => (mid ? { kind: 'text', text: value, inSentence: true } : { kind: 'text', text: value });
export const scoreValue = (value: number | null): SummaryValue => ({ kind: 'score', value });
export const numberValue = (value: number, digits?: number): SummaryValue => (digits === undefined ? { kind: 'number', value } : { kind: 'number', value, digits });
export const percentValue = (value: number | null): SummaryValue => ({ kind: 'percent', value });
export const dateValue = (iso: string): SummaryValue => ({ kind: 'date', iso });
export const informantValue = (informant: SeriesKey, mid = false): SummaryValue => (mid ? { kind: 'informant', informant, inSentence: true } : { kind: 'informant', informant });
export const scoredValue = (label: string, value: number | null, mid = false): SummaryValue =>
  mid ? { kind: 'scored', text: label, value, inSentence: true } : { kind: 'scored', text: label, value };
export const listValue = (items: SummaryValue[]): SummaryValue => ({ kind: 'list', items });
