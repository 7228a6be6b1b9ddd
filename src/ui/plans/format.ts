/** School days and rates in the reader's locale (dates via src/format/locale.ts). */
import type { LocalDate } from '../../storage/records';
import { localeOf } from '../../format/locale';

/** A LocalDate read as that day on this device, so no time zone moves it. */
function asLocal(date: LocalDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** "2 Mar 2026" / "2.3.2026" / "2 mars 2026". */
export function formatDay(date: LocalDate, language: string): string {
  return asLocal(date).toLocaleDateString(localeOf(language), { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "Mon 2 Mar" for the rows of a week. */
export function formatWeekday(date: LocalDate, language: string): string {
  return asLocal(date).toLocaleDateString(localeOf(language), { weekday: 'long', day: 'numeric', month: 'numeric' });
}

/** A rate in percent (0–100) as "87.5 %"; a missing one as "—". */
export function formatPercent(value: number | null, language: string): string {
  return value === null ? '—' : (value / 100).toLocaleString(localeOf(language), { style: 'percent', maximumFractionDigits: 1 });
}
