/**
 * Decimal numbers as people type them: Finnish and Swedish write a decimal comma ("3,5"), English a
 * point ("3.5"); both are read the same in every interface language. And percentages and day counts
 * as the screen and the PDF report write them alike. Pure.
 */
import { formatNumber, localeOf } from './locale';

/**
 * A typed decimal number: digits with an optional sign and one decimal point or comma ("3,5",
 * "3.5", "-0,5", "2.", ".5"), spaces around it ignored. Empty text gives null (nothing typed);
 * anything else that is not a plain decimal number ("abc", "1,2,3", "1 000", "1e3") gives NaN.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return Number.NaN;
  const value = Number(trimmed.replace(',', '.'));
  // Hundreds of digits overflow to Infinity: not a number anyone meant.
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Intl's forms: "87.5%" in English, "87,5 %" (a no-break space) in Finnish and Swedish. */
const percentFormats = new Map<string, Intl.NumberFormat>();

/** A share in percent (0–100), with at most one decimal; a missing one as "—". */
export function formatPercent(value: number | null, language: string): string {
  if (value === null) return '—';
  const locale = localeOf(language);
  let format = percentFormats.get(locale);
  if (!format) percentFormats.set(locale, (format = new Intl.NumberFormat(locale, { style: 'unit', unit: 'percent', maximumFractionDigits: 1 })));
  return format.format(value);
}

/** A number of school days (half days count), e.g. "2,5" in Finnish; `digits` more for a threshold in days. */
export function formatDays(value: number, language: string, digits = 1): string {
  return formatNumber(value, language, digits);
}
