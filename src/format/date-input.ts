/**
 * School days typed and shown in the interface language, not the browser's: a native date input
 * follows the browser's locale (MM/DD/YYYY in a Finnish interface on an English browser). Finnish,
 * Finland-Swedish and British English all write the day first: fi and sv "3.12.2026", en "03/12/2026".
 */
import type { LocalDate } from '../storage/records';
import { isLocalDate } from '../plan/dates';

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored day as the reader writes it. */
export function formatDateInput(date: LocalDate, language: string): string {
  const [y, m, d] = date.split('-');
  return language === 'en' ? `${d}/${m}/${y}` : `${Number(d)}.${Number(m)}.${y}`;
}

/**
 * What was typed as a day, or null when it is not one. Day first, separated by ".", "/", "-" or
 * spaces, with a four-digit year or a two-digit one in this century; "YYYY-MM-DD" is also taken.
 */
export function parseDateInput(text: string): LocalDate | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dayFirst = /^(\d{1,2})\s*[./\- ]\s*(\d{1,2})\s*[./\- ]\s*(\d{4}|\d{2})$/.exec(value);
  let date: string | null = null;
  if (iso) date = `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`;
  else if (dayFirst) {
    const year = dayFirst[3]!.length === 2 ? 2000 + Number(dayFirst[3]) : Number(dayFirst[3]);
    date = `${year}-${pad(Number(dayFirst[2]))}-${pad(Number(dayFirst[1]))}`;
  }
  return date !== null && isLocalDate(date) ? date : null;
}
