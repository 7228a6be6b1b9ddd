import { addDays, isLocalDate, isoWeek, isoWeekday, localDateOf, schoolDaysOfWeek, weekStart, weeksBetween } from './dates';

describe('school-day dates', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-2-28')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });

  it('counts days across month, year and daylight-saving changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // EU clocks change on 29 March 2026
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('uses ISO weeks: Monday first, week 1 holds the first Thursday', () => {
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(weekStart('2026-11-16')).toBe('2026-11-16');
    expect(isoWeek('2026-11-22')).toEqual({ year: 2026, week: 47 });
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
  });

  it('gives the school days of a week and the weeks between two days', () => {
    expect(schoolDaysOfWeek('2026-03-29')).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27']);
    expect(weeksBetween('2026-03-04', '2026-03-23')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    expect(weeksBetween('2026-03-23', '2026-03-04')).toEqual([]);
  });

  it('takes the device calendar day of a moment', () => {
    expect(localDateOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
