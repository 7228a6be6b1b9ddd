/**
 * Calendar arithmetic on school days ("YYYY-MM-DD", no time zone). Done on day numbers in UTC so
 * that daylight-saving changes never move a day. Weeks are ISO 8601 weeks: Monday to Sunday,
 * week 1 is the week with the year's first Thursday (used in Finland and Sweden).
 */
import type { LocalDate } from '../storage/record-enums';

const DAY_MS = 24 * 60 * 60 * 1000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written "YYYY-MM-DD" (2026-02-30 is not one). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The text as a LocalDate; throws on anything that is not a real day written "YYYY-MM-DD" (a datetime, "2026-1-5"). */
export function asLocalDate(text: string): LocalDate {
  if (!isLocalDate(text)) throw new Error(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return text;
}

/** Days since 1970-01-01. */
export function dayNumber(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(day: number): LocalDate {
  return asLocalDate(new Date(day * DAY_MS).toISOString().slice(0, 10));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** The device's calendar day of a moment (the school's day, not UTC's). */
export function localDateOf(moment: Date): LocalDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return asLocalDate(`${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the ISO week the date is in. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO week-numbering year and week of a date, e.g. 2026-01-01 is in 2026-W01, 2027-01-01 in 2026-W53. */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayNumber(thursday) - dayNumber(asLocalDate(`${year}-01-01`))) / 7) + 1;
  return { year, week };
}

/** The school days (Monday to Friday) of the week the date is in. */
export function schoolDaysOfWeek(date: LocalDate): LocalDate[] {
  const monday = weekStart(date);
  return [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
}

/** Mondays of every week from the week of `from` to the week of `to`, inclusive (empty if from > to). */
export function weeksBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const weeks: LocalDate[] = [];
  const last = dayNumber(weekStart(to));
  for (let day = dayNumber(weekStart(from)); day <= last; day += 7) weeks.push(fromDayNumber(day));
  return weeks;
}

export const earlierOf = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
export const laterOf = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);
