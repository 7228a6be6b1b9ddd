/**
 * Attendance rates from the log: per ISO week, over a plan, per plan step, against the
 * problematic-absence threshold; and the data behind the attendance chart (renderer-agnostic:
 * the screen draws it with recharts, the PDF report with jsPDF).
 *
 * Rules:
 * - A rate is attended / scheduled × 100 over the days recorded. A day with nothing scheduled
 *   counts as a recorded day but adds nothing; a period with nothing scheduled has no rate (null).
 * - Lessons and hours are not added together: when a period mixes units, its rate is the mean of
 *   the daily rates of the days with something scheduled (`mixedUnits: true`).
 * - Absence % = 100 − rate. A period is over the threshold when absence ≥ threshold, exact at the
 *   boundary: computed on the amounts, not on rounded percentages (as src/scoring/score.ts does).
 * - A week is an ISO week (Monday–Sunday); a week's rate covers every recorded day in it.
 * - Over the plan: from the first step's start date to the return date, or to today while the
 *   return date has not come (or there is none). A plan whose first step starts after today
 *   has no period yet.
 */
import { SCORE_EPSILON } from '../scoring/score';
import type { AttendanceRecord, AttendanceUnit, LocalDate, PlanRecord, PlanStep, StepStatus } from '../storage/records';
import { addDays, earlierOf, isoWeek, laterOf, schoolDaysOfWeek, weekStart, weeksBetween } from './dates';
import { currentStepOn } from './operations';
import type { AttendanceWeekValues } from './schema';

export type AttendanceDay = Pick<AttendanceRecord, 'date' | 'unit' | 'scheduled' | 'attended'>;

export interface AttendanceTotals {
  /** Days recorded. */
  days: number;
  /** Sums; in mixed units these add lessons and hours and are for display only. */
  scheduled: number;
  attended: number;
  /** The one unit of every day, or null when there are no days or units are mixed. */
  unit: AttendanceUnit | null;
  mixedUnits: boolean;
  /** Attendance %, 0–100; null when nothing was scheduled. */
  rate: number | null;
  /** 100 − rate; null with the rate. */
  absence: number | null;
}

export function attendanceTotals(days: readonly AttendanceDay[]): AttendanceTotals {
  const scheduled = days.reduce((sum, d) => sum + d.scheduled, 0);
  const attended = days.reduce((sum, d) => sum + d.attended, 0);
  const units = new Set(days.map((d) => d.unit));
  const mixedUnits = units.size > 1;
  let rate: number | null;
  if (mixedUnits) {
    const daily = days.filter((d) => d.scheduled > 0).map((d) => (d.attended / d.scheduled) * 100);
    rate = daily.length > 0 ? daily.reduce((a, b) => a + b, 0) / daily.length : null;
  } else {
    rate = scheduled > 0 ? (attended / scheduled) * 100 : null;
  }
  return { days: days.length, scheduled, attended, unit: units.size === 1 ? [...units][0]! : null, mixedUnits, rate, absence: rate === null ? null : 100 - rate };
}

/** Absence at or above the threshold (percent); null without a rate. Exact at the boundary. */
export function isOverThreshold(totals: AttendanceTotals, thresholdPercent: number): boolean | null {
  if (totals.rate === null) return null;
  if (!totals.mixedUnits) return (totals.scheduled - totals.attended) * 100 >= thresholdPercent * totals.scheduled - SCORE_EPSILON;
  return 100 - totals.rate >= thresholdPercent - SCORE_EPSILON;
}

/** The lowest attendance rate that stays under the threshold: the line a chart draws. */
export function thresholdRate(thresholdPercent: number): number {
  return 100 - thresholdPercent;
}

const within = (from: LocalDate, to: LocalDate) => (d: AttendanceDay) => d.date >= from && d.date <= to;

export interface WeekAttendance extends AttendanceTotals {
  /** Monday. */
  weekStart: LocalDate;
  /** Sunday. */
  weekEnd: LocalDate;
  isoYear: number;
  isoWeek: number;
  overThreshold: boolean | null;
  /** The plan step current on the week's Friday (see currentStepOn), if any. */
  stepId: string | null;
}

/** Every ISO week from the week of `from` to the week of `to`, empty weeks included. */
export function weeklyAttendance(
  records: readonly AttendanceDay[],
  from: LocalDate,
  to: LocalDate,
  { thresholdPercent, steps = [] }: { thresholdPercent: number; steps?: readonly Pick<PlanStep, 'id' | 'startDate' | 'status'>[] },
): WeekAttendance[] {
  return weeksBetween(from, to).map((monday) => {
    const sunday = addDays(monday, 6);
    const totals = attendanceTotals(records.filter(within(monday, sunday)));
    const { year, week } = isoWeek(monday);
    return {
      ...totals,
      weekStart: monday,
      weekEnd: sunday,
      isoYear: year,
      isoWeek: week,
      overThreshold: isOverThreshold(totals, thresholdPercent),
      stepId: currentStepOn(steps, addDays(monday, 4))?.id ?? null,
    };
  });
}

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** The plan's period so far (see the rules above), or null before it starts or without steps. */
export function planPeriod(plan: Pick<PlanRecord, 'steps' | 'returnDate'>, today: LocalDate): Period | null {
  if (plan.steps.length === 0) return null;
  const from = plan.steps.map((s) => s.startDate).sort()[0]!;
  const to = plan.returnDate ? earlierOf(plan.returnDate, today) : today;
  return from <= to ? { from, to } : null;
}

export interface StepAttendance extends AttendanceTotals {
  stepId: string;
  /** 1-based place in the plan's order. */
  stepNumber: number;
  status: StepStatus;
  /** The days the step was current, within the period; null when it never was. */
  from: LocalDate | null;
  to: LocalDate | null;
  overThreshold: boolean | null;
}

export interface PlanAttendance {
  period: Period;
  totals: AttendanceTotals;
  overThreshold: boolean | null;
  weeks: WeekAttendance[];
  /** Per step, in the plan's order: the recorded days on which that step was current. */
  steps: StepAttendance[];
}

/** Attendance over the plan, per week and per step; null when the plan has no period yet. */
export function planAttendance(
  plan: Pick<PlanRecord, 'steps' | 'returnDate'>,
  records: readonly AttendanceDay[],
  today: LocalDate,
  thresholdPercent: number,
): PlanAttendance | null {
  const period = planPeriod(plan, today);
  if (!period) return null;
  const inPeriod = records.filter(within(period.from, period.to));
  const totals = attendanceTotals(inPeriod);
  const byStep = new Map<string, AttendanceDay[]>();
  for (const day of inPeriod) {
    const step = currentStepOn(plan.steps, day.date);
    if (step) byStep.set(step.id, [...(byStep.get(step.id) ?? []), day]);
  }
  const steps = plan.steps.map((step, i): StepAttendance => {
    const days = byStep.get(step.id) ?? [];
    const stepTotals = attendanceTotals(days);
    const dates = days.map((d) => d.date).sort();
    return {
      ...stepTotals,
      stepId: step.id,
      stepNumber: i + 1,
      status: step.status,
      from: dates[0] ?? null,
      to: dates.at(-1) ?? null,
      overThreshold: isOverThreshold(stepTotals, thresholdPercent),
    };
  });
  return {
    period,
    totals,
    overThreshold: isOverThreshold(totals, thresholdPercent),
    weeks: weeklyAttendance(records, period.from, period.to, { thresholdPercent, steps: plan.steps }),
    steps,
  };
}

/** The weeks a log view covers: from the first record or plan step to today or the last record. */
export function attendanceRange(records: readonly AttendanceDay[], plan: Pick<PlanRecord, 'steps'> | null, today: LocalDate): Period | null {
  const starts = [...records.map((r) => r.date), ...(plan?.steps.map((s) => s.startDate) ?? [])].sort();
  if (starts.length === 0) return null;
  const last = records
    .map((r) => r.date)
    .sort()
    .at(-1);
  return { from: earlierOf(starts[0]!, today), to: last ? laterOf(last, today) : today };
}

// ---------------------------------------------------------------------------------------------
// Chart data

export interface AttendanceChartPoint {
  weekStart: LocalDate;
  isoYear: number;
  isoWeek: number;
  /** Null for a week without anything scheduled: a gap in the line, not a zero. */
  rate: number | null;
  absence: number | null;
  overThreshold: boolean | null;
  days: number;
  stepId: string | null;
  stepNumber: number | null;
}

export interface AttendanceChartMarker {
  stepId: string;
  stepNumber: number;
  /** The Monday of the week the step starts in (the x position). */
  weekStart: LocalDate;
  startDate: LocalDate;
  status: StepStatus;
  action: string;
}

export interface AttendanceChartData {
  points: AttendanceChartPoint[];
  /** Steps starting within the charted weeks, in the plan's order. */
  markers: AttendanceChartMarker[];
  /** Attendance below this rate is over the absence threshold. */
  thresholdRate: number;
  thresholdPercent: number;
  /** The y axis: attendance %. */
  domain: [number, number];
}

export function attendanceChartData(
  weeks: readonly WeekAttendance[],
  steps: readonly Pick<PlanStep, 'id' | 'startDate' | 'status' | 'action'>[],
  thresholdPercent: number,
): AttendanceChartData {
  const numberOf = new Map(steps.map((s, i) => [s.id, i + 1]));
  const first = weeks[0]?.weekStart;
  const last = weeks.at(-1)?.weekStart;
  return {
    points: weeks.map((w) => ({
      weekStart: w.weekStart,
      isoYear: w.isoYear,
      isoWeek: w.isoWeek,
      rate: w.rate,
      absence: w.absence,
      overThreshold: w.overThreshold,
      days: w.days,
      stepId: w.stepId,
      stepNumber: w.stepId ? (numberOf.get(w.stepId) ?? null) : null,
    })),
    markers:
      first && last
        ? steps
            .map((s, i) => ({ stepId: s.id, stepNumber: i + 1, weekStart: weekStart(s.startDate), startDate: s.startDate, status: s.status, action: s.action }))
            .filter((m) => m.weekStart >= first && m.weekStart <= last)
        : [],
    thresholdRate: thresholdRate(thresholdPercent),
    thresholdPercent,
    domain: [0, 100],
  };
}

// ---------------------------------------------------------------------------------------------
// Week quick entry

/**
 * The form values for a week: one row per school day (Monday to Friday), filled from what is
 * stored. The unit is the week's own, else the last one used, else lessons.
 */
export function weekEntryValues(records: readonly AttendanceRecord[], anyDayOfWeek: LocalDate): AttendanceWeekValues {
  const days = schoolDaysOfWeek(anyDayOfWeek);
  const byDate = new Map(records.map((r) => [r.date, r]));
  const own = days.map((d) => byDate.get(d)).find(Boolean);
  const latest = [...records].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const asText = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    unit: own?.unit ?? latest?.unit ?? 'lessons',
    days: days.map((date) => {
      const r = byDate.get(date);
      return {
        date,
        scheduled: asText(r?.scheduled),
        attended: asText(r?.attended),
        morning: asText(r?.distress?.morning),
        school: asText(r?.distress?.school),
        evening: asText(r?.distress?.evening),
        note: r?.note ?? '',
      };
    }),
  };
}
