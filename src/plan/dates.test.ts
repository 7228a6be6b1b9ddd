import type { LocalDate } from '../storage/record-enums';
import { addDays, asLocalDate, isLocalDate, isoWeek, isoWeekday, localDateOf, schoolDaysOfWeek, weekStart, weeksBetween } from './dates';

describe('school-day dates', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-2-28')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });

  it('makes a LocalDate only of a real day, and the type refuses a plain string', () => {
    expect(asLocalDate('2026-01-05')).toBe('2026-01-05');
    expect(() => asLocalDate('2026-1-5')).toThrow('Not a calendar day (YYYY-MM-DD): "2026-1-5"');
    expect(() => asLocalDate('2026-01-05T10:00:00Z')).toThrow('Not a calendar day (YYYY-MM-DD): "2026-01-05T10:00:00Z"');
    // The brand: a datetime or any string is not a day until checked (a type error if LocalDate were a plain string again).
    // @ts-expect-error a plain string is not a LocalDate
    const unchecked: LocalDate = '2026-01-05T10:00:00Z';
    expect(isLocalDate(unchecked)).toBe(false);
  });

  it('counts days across month, year and daylight-saving changes', () => {
    expect(addDays(asLocalDate('2026-03-28'), 2)).toBe('2026-03-30'); // EU clocks change on 29 March 2026
    expect(addDays(asLocalDate('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(asLocalDate('2026-03-01'), -1)).toBe('2026-02-28');
  });

  it('uses ISO weeks: Monday first, week 1 holds the first Thursday', () => {
    expect(isoWeekday(asLocalDate('2026-11-22'))).toBe(7);
    expect(weekStart(asLocalDate('2026-11-22'))).toBe('2026-11-16');
    expect(weekStart(asLocalDate('2026-11-16'))).toBe('2026-11-16');
    expect(isoWeek(asLocalDate('2026-11-22'))).toEqual({ year: 2026, week: 47 });
    expect(isoWeek(asLocalDate('2026-01-01'))).toEqual({ year: 2026, week: 1 });
    expect(isoWeek(asLocalDate('2027-01-01'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(asLocalDate('2025-12-29'))).toEqual({ year: 2026, week: 1 });
  });

  it('gives the school days of a week and the weeks between two days', () => {
    expect(schoolDaysOfWeek(asLocalDate('2026-03-29'))).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27']);
    expect(weeksBetween(asLocalDate('2026-03-04'), asLocalDate('2026-03-23'))).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    expect(weeksBetween(asLocalDate('2026-03-23'), asLocalDate('2026-03-04'))).toEqual([]);
  });

  it('takes the device calendar day of a moment', () => {
    expect(localDateOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
