/** Dates and numbers in the reader's locale (fi: 22.11.2026, sv: 22 nov. 2026, en: 22 Nov 2026). Pure: used by screens, report and export. */
import type { LocalDate } from '../storage/record-enums';

const LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function localeOf(language: string): string {
  return LOCALES[language] ?? 'en-GB';
}

const DATE_STYLES = {
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  day: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  weekday: { weekday: 'long', day: 'numeric', month: 'numeric', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// One formatter per style and language: toLocaleDateString builds a new one on every call, which
// was a tenth of a millisecond per date in a list of 1,000 cases.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(style: keyof typeof DATE_STYLES, language: string): Intl.DateTimeFormat {
  const key = `${style} ${language}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(localeOf(language), DATE_STYLES[style])));
  return format;
}

export function formatDate(iso: string, language: string): string {
  return dateFormat('date', language).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return dateFormat('dateTime', language).format(new Date(iso));
}

/** A school day ("YYYY-MM-DD", no time zone) read as that calendar day, so no time zone moves it. */
const asDay = (date: LocalDate) => new Date(`${date}T00:00:00Z`);

/** A school day: "2 Mar 2026" / "2.3.2026" / "2 mars 2026", the same on the screen and in the report. */
export function formatDay(date: LocalDate, language: string): string {
  return dateFormat('day', language).format(asDay(date));
}

/** "Monday 2/3" for the rows of a week. */
export function formatWeekday(date: LocalDate, language: string): string {
  return dateFormat('weekday', language).format(asDay(date));
}

/** Scores with two decimals, e.g. "3,17" in Finnish and Swedish. */
export function formatScore(value: number | null, language: string): string {
  return value === null ? '—' : value.toLocaleString(localeOf(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatNumber(value: number, language: string, digits = 1): string {
  return value.toLocaleString(localeOf(language), { maximumFractionDigits: digits });
}

/** Age in whole years on a date, from birth year and month (mid-month when the month is unknown). */
export function ageOn(birthYear: number, birthMonth: number | undefined, on: Date): number {
  const months = (on.getFullYear() - birthYear) * 12 + (on.getMonth() + 1 - (birthMonth ?? 6));
  return Math.floor(months / 12);
}
