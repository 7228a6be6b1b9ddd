/** Dates and numbers in the reader's locale (fi: 22.11.2026, sv: 22 nov. 2026, en: 22 Nov 2026). Pure: used by screens, report and export. */
const LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function localeOf(language: string): string {
  return LOCALES[language] ?? 'en-GB';
}

export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(localeOf(language), { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(localeOf(language), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
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
