/**
 * Percentages and day counts in the reader's locale, one form for the screen and the PDF report:
 * "87.5%" in English, "87,5 %" (a no-break space) in Finnish and Swedish, as Intl writes them.
 */
import { formatNumber, localeOf } from './locale';

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
