import type { AttendanceRecord, PlanStep } from '../storage/records';
import {
  attendanceChartData,
  attendanceRange,
  attendanceTotals,
  isOverThreshold,
  planAttendance,
  planPeriod,
  weekEntryValues,
  weeklyAttendance,
  type AttendanceDay,
} from './attendance';
import { asLocalDate } from './dates';

const day = (date: string, scheduled: number, attended: number, unit: AttendanceDay['unit'] = 'lessons'): AttendanceDay => ({ date: asLocalDate(date), scheduled, attended, unit });
const step = (id: string, startDate: string, status: PlanStep['status'] = 'planned'): PlanStep => ({
  id,
  action: `step ${id}`,
  startDate: asLocalDate(startDate),
  reviewDate: asLocalDate(startDate),
  successCriterion: '',
  supports: '',
  responsible: ['pupil'],
  status,
});

// Week 10 (2 Mar 2026): 12 lessons scheduled, 9 attended, and a day without lessons; week 11 is
// empty; week 12 has only a day without lessons; week 13: 27 of 30 lessons.
const log = [
  day('2026-03-02', 6, 3),
  day('2026-03-03', 6, 6),
  day('2026-03-04', 0, 0),
  day('2026-03-16', 0, 0),
  day('2026-03-23', 6, 6),
  day('2026-03-24', 6, 6),
  day('2026-03-25', 6, 6),
  day('2026-03-26', 6, 6),
  day('2026-03-27', 6, 3),
];
const steps = [step('s1', '2026-03-02', 'achieved'), step('s2', '2026-03-18', 'in-progress'), step('s3', '2026-03-23')];

describe('attendance rates', () => {
  it('is attended over scheduled; nothing scheduled gives no rate', () => {
    expect(attendanceTotals([day('2026-03-02', 6, 3), day('2026-03-03', 6, 6)])).toEqual({
      days: 2,
      scheduled: 12,
      attended: 9,
      unit: 'lessons',
      mixedUnits: false,
      rate: 75,
      absence: 25,
    });
    expect(attendanceTotals([day('2026-03-04', 0, 0)])).toMatchObject({ days: 1, rate: null, absence: null });
    expect(attendanceTotals([])).toMatchObject({ days: 0, unit: null, rate: null });
  });

  it('does not add lessons to hours: mixed units average the daily rates', () => {
    // 2 of 4 lessons = 50 %, 5 of 5 hours = 100 %; a day without anything scheduled does not count.
    const mixed = attendanceTotals([day('2026-03-02', 4, 2), day('2026-03-03', 5, 5, 'hours'), day('2026-03-04', 0, 0, 'hours')]);
    expect(mixed).toMatchObject({ mixedUnits: true, unit: null, rate: 75, absence: 25 });
    expect(isOverThreshold(mixed, 25)).toBe(true);
    expect(isOverThreshold(mixed, 25.5)).toBe(false);
  });

  it('is over the threshold exactly at the boundary, on amounts rather than rounded percentages', () => {
    const tenPercent = attendanceTotals([day('2026-03-23', 30, 27)]);
    expect(isOverThreshold(tenPercent, 10)).toBe(true);
    expect(isOverThreshold(tenPercent, 10.01)).toBe(false);
    // 10 − 9.9 is 0.0999…964 in floating point; 1 % absence is still at a 1 % threshold.
    expect(isOverThreshold(attendanceTotals([day('2026-03-23', 10, 9.9, 'hours')]), 1)).toBe(true);
    expect(isOverThreshold(attendanceTotals([day('2026-03-04', 0, 0)]), 10)).toBeNull();
  });

  it('gives every ISO week, empty ones included, with the step current on its Friday', () => {
    const weeks = weeklyAttendance(log, asLocalDate('2026-03-04'), asLocalDate('2026-03-29'), { thresholdPercent: 10, steps });
    expect(weeks.map((w) => [w.weekStart, w.isoWeek, w.days, w.scheduled, w.attended, w.rate, w.overThreshold, w.stepId])).toEqual([
      ['2026-03-02', 10, 3, 12, 9, 75, true, 's1'],
      ['2026-03-09', 11, 0, 0, 0, null, null, 's1'],
      ['2026-03-16', 12, 1, 0, 0, null, null, 's2'],
      ['2026-03-23', 13, 5, 30, 27, 90, true, 's3'],
    ]);
    expect(weeks[0]).toMatchObject({ weekEnd: '2026-03-08', isoYear: 2026, absence: 25 });
  });

  it('takes the plan period from the first step to the return date, or to today before it', () => {
    expect(planPeriod({ steps, returnDate: asLocalDate('2026-03-25') }, asLocalDate('2026-03-29'))).toEqual({ from: '2026-03-02', to: '2026-03-25' });
    expect(planPeriod({ steps, returnDate: asLocalDate('2026-04-30') }, asLocalDate('2026-03-29'))).toEqual({ from: '2026-03-02', to: '2026-03-29' });
    expect(planPeriod({ steps }, asLocalDate('2026-03-10'))).toEqual({ from: '2026-03-02', to: '2026-03-10' });
    expect(planPeriod({ steps }, asLocalDate('2026-03-01'))).toBeNull();
    expect(planPeriod({ steps: [] }, asLocalDate('2026-03-10'))).toBeNull();
  });

  it('rates the plan as a whole and per step', () => {
    const result = planAttendance({ steps, returnDate: asLocalDate('2026-03-25') }, log, asLocalDate('2026-03-29'), 10)!;
    // Up to 25 March: 12 + 0 + 0 + 18 = 30 scheduled, 9 + 18 = 27 attended.
    expect(result.totals).toMatchObject({ days: 7, scheduled: 30, attended: 27, rate: 90 });
    expect(result.overThreshold).toBe(true);
    expect(result.steps.map((s) => [s.stepId, s.stepNumber, s.days, s.rate, s.from, s.to, s.overThreshold])).toEqual([
      ['s1', 1, 4, 75, '2026-03-02', '2026-03-16', true],
      ['s2', 2, 0, null, null, null, null],
      ['s3', 3, 3, 100, '2026-03-23', '2026-03-25', false],
    ]);
    expect(result.weeks.map((w) => w.weekStart)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    expect(planAttendance({ steps, returnDate: asLocalDate('2026-03-25') }, log, asLocalDate('2026-03-01'), 10)).toBeNull();
  });

  it('covers the log and the plan up to today', () => {
    expect(attendanceRange(log, { steps: [step('x', '2026-02-23')] }, asLocalDate('2026-03-20'))).toEqual({ from: '2026-02-23', to: '2026-03-27' });
    expect(attendanceRange([], null, asLocalDate('2026-03-20'))).toBeNull();
  });
});

describe('attendance chart data', () => {
  it('has a point per week (gaps stay null), markers for steps within the weeks and the threshold line', () => {
    const weeks = weeklyAttendance(log, asLocalDate('2026-03-09'), asLocalDate('2026-03-29'), { thresholdPercent: 15, steps });
    const data = attendanceChartData(weeks, steps, 15);
    expect(data.points.map((p) => [p.weekStart, p.rate, p.overThreshold, p.stepNumber])).toEqual([
      ['2026-03-09', null, null, 1],
      ['2026-03-16', null, null, 2],
      ['2026-03-23', 90, false, 3],
    ]);
    // s1 starts in week 10, before the chart: no marker.
    expect(data.markers.map((m) => [m.stepId, m.stepNumber, m.weekStart, m.startDate])).toEqual([
      ['s2', 2, '2026-03-16', '2026-03-18'],
      ['s3', 3, '2026-03-23', '2026-03-23'],
    ]);
    expect(data).toMatchObject({ thresholdRate: 85, thresholdPercent: 15, domain: [0, 100] });
    expect(attendanceChartData([], steps, 10).markers).toEqual([]);
  });
});

describe('week quick entry', () => {
  it('fills Monday to Friday from what is stored, keeping the week’s unit', () => {
    const stored: AttendanceRecord[] = [
      { id: '1', caseId: 'c', date: asLocalDate('2026-03-03'), unit: 'hours', scheduled: 5, attended: 2.5, distress: { morning: 7 }, note: 'late', updatedAt: '' },
      { id: '2', caseId: 'c', date: asLocalDate('2026-03-10'), unit: 'lessons', scheduled: 6, attended: 6, updatedAt: '' },
    ];
    const values = weekEntryValues(stored, asLocalDate('2026-03-05'));
    expect(values.unit).toBe('hours');
    expect(values.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    expect(values.days[1]).toEqual({ date: '2026-03-03', scheduled: '5', attended: '2.5', morning: '7', school: '', evening: '', note: 'late' });
    expect(values.days[0]).toEqual({ date: '2026-03-02', scheduled: '', attended: '', morning: '', school: '', evening: '', note: '' });
    // A week without rows takes the last unit used.
    expect(weekEntryValues(stored, asLocalDate('2026-03-18')).unit).toBe('lessons');
    expect(weekEntryValues([], asLocalDate('2026-03-18')).unit).toBe('lessons');
  });
});
