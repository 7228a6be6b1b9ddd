/**
 * A case at a glance: the few facts a clinician reads first, the same on the case page and on the
 * PDF report's first page. Pure: summary lines only (words come from the charts namespace).
 *
 * - Primary: the driving profile's primary function(s), or why none stands out, provisional and
 *   not-validated notices, and in one line which forms it rests on (src/charts/driving.ts).
 * - Informants: at the driving profile's time point, the functions on which two informants differ
 *   by at least the margin (the comparison chart's flags), or that they agree.
 * - Absence: the latest absence checklist, all and problematic absence against the threshold.
 * - Attendance: the last four weeks of the attendance log (ATTENDANCE_DAYS), attended and absent
 *   against the same threshold.
 * - Plan: the plan with open steps changed last, its current step, an overdue review and the next one.
 */
import type { Language } from '../instrument/languages';
import { activeSteps, addDays, attendanceTotals, isOverThreshold, summarizePlan, type AttendanceDay } from '../plan';
import type { LocalDate, PlanRecord } from '../storage/records';
import { absenceFlagLines, absenceOverTime } from './absence';
import { drivingProfile } from './driving';
import { informantComparison, timePoints, type InformantComparisonData } from './informants';
import { drivingSummary } from './primary-status';
import type { DrivingProfile, ScoredAdministration } from './types';
import { dateValue, informantValue, listValue, numberValue, percentValue, text, type SummaryLine } from './summary';

/** A local day as a moment the date formatter reads as that day in every time zone (local noon). */
const dayValue = (date: LocalDate) => dateValue(`${date}T12:00:00`);

/** The attendance a glance covers: the last four weeks up to today. */
export const ATTENDANCE_DAYS = 28;

export type GlancePlan = Pick<PlanRecord, 'id' | 'title' | 'steps' | 'reviews' | 'updatedAt'>;

export interface GlanceInput {
  scored: readonly ScoredAdministration[];
  profileChoice?: string | null;
  /** The informant-comparison margin (a setting). */
  margin: number;
  /** Absence threshold, percent of school days or lessons (a setting). */
  thresholdPercent: number;
  plans: readonly GlancePlan[];
  attendance: readonly AttendanceDay[];
  today: LocalDate;
  language: Language;
}

export interface CaseGlance {
  primary: SummaryLine[];
  informants: SummaryLine[];
  absence: SummaryLine[];
  attendance: SummaryLine[];
  plan: SummaryLine[];
  /** The plan the plan lines speak of: open steps, changed last; null when no plan has open steps. */
  activePlan: GlancePlan | null;
  /** The informants at the driving profile's time point, with their combined profile (the PDF draws it); null without one. */
  comparison: InformantComparisonData | null;
}

export function caseGlance(input: GlanceInput): CaseGlance {
  const choice = drivingProfile(input.scored, input.profileChoice);
  const activePlan = activePlanOf(input);
  const comparison = choice.driving ? drivingComparison(input, choice.driving) : null;
  return {
    primary: primaryLines(choice.driving, drivingSummary(choice, input.language)),
    informants: choice.driving ? informantLines(input, choice.driving, comparison) : [],
    absence: absenceLines(input),
    attendance: attendanceLines(input),
    plan: planLines(input, activePlan),
    activePlan: activePlan?.plan ?? null,
    comparison,
  };
}

/** The driving summary without its form-by-form list, which one "rests on" line replaces. */
function primaryLines(driving: DrivingProfile | null, summary: SummaryLine[]): SummaryLine[] {
  if (!driving) return summary;
  const kept = summary.filter((line) => !['summary.driving.default', 'summary.driving.chosen', 'summary.driving.form'].includes(line.key));
  const restsOn: SummaryLine = {
    key: 'glance.restsOn',
    count: driving.forms.length,
    values: { informants: listValue(driving.forms.map((form) => informantValue(form.informant, true))), date: dateValue(driving.end) },
  };
  // The primary (or why there is none) first, then what it rests on, then the notices.
  const lead = kept.filter((line) => line.key === 'summary.driving.primary' || line.key.startsWith('summary.primaryStatus.'));
  return [...lead.slice(0, 1), restsOn, ...kept.filter((line) => line !== lead[0])];
}

/** The informant comparison at the time point the driving profile rests on (its key ends with the id of the point's earliest form). */
function drivingComparison(input: GlanceInput, driving: DrivingProfile): InformantComparisonData | null {
  const points = timePoints(input.scored, driving.family);
  const index = points.findIndex((point) => `${driving.family}:${point.members[0]!.administration.id}` === driving.key);
  return informantComparison(input.scored, { family: driving.family, margin: input.margin, language: input.language, ...(index >= 0 ? { timePoint: index } : {}) });
}

function informantLines(input: GlanceInput, driving: DrivingProfile, comparison: InformantComparisonData | null): SummaryLine[] {
  if (!comparison || driving.forms.length < 2) return [{ key: 'summary.informants.single', values: { informant: informantValue(driving.forms[0]!.informant) } }];
  const flagged = comparison.rows.filter((row) => row.flagged);
  if (flagged.length === 0) return [{ key: 'summary.informants.agree', count: input.margin, values: { margin: numberValue(input.margin, 2) } }];
  return [
    { key: 'glance.informants.differ', count: flagged.length, values: { margin: numberValue(input.margin, 2), scales: listValue(flagged.map((row) => text(row.label, true))) } },
  ];
}

function absenceLines(input: GlanceInput): SummaryLine[] {
  const data = absenceOverTime(input.scored, { language: input.language });
  const last = data?.points.at(-1);
  if (!last) return [{ key: 'glance.absence.none', values: {} }];
  return [{ key: 'glance.absence.latest', values: { date: dateValue(last.date) } }, ...absenceFlagLines(last)];
}

function attendanceLines(input: GlanceInput): SummaryLine[] {
  const from = addDays(input.today, -(ATTENDANCE_DAYS - 1));
  const totals = attendanceTotals(input.attendance.filter((day) => day.date >= from && day.date <= input.today));
  if (totals.rate === null) {
    const last = input.attendance
      .filter((day) => day.date < from && day.scheduled > 0)
      .reduce<LocalDate | null>((latest, day) => (latest === null || day.date > latest ? day.date : latest), null);
    return [
      last ? { key: 'glance.attendance.stale', values: { from: dayValue(from), last: dayValue(last) } } : { key: 'glance.attendance.none', values: { from: dayValue(from) } },
    ];
  }
  const over = isOverThreshold(totals, input.thresholdPercent);
  return [
    {
      key: over ? 'glance.attendance.above' : 'glance.attendance.below',
      values: {
        from: dayValue(from),
        attended: percentValue(totals.rate),
        absent: percentValue(totals.absence),
        threshold: percentValue(input.thresholdPercent),
        days: numberValue(totals.days),
      },
    },
  ];
}

function activePlanOf(input: GlanceInput) {
  const summaries = input.plans.map((plan) => ({ plan, summary: summarizePlan(plan, input.today) }));
  const open = summaries.filter((s) => s.summary.state === 'planned' || s.summary.state === 'in-progress').sort((a, b) => b.plan.updatedAt.localeCompare(a.plan.updatedAt));
  return open[0] ?? null;
}

function planLines(input: GlanceInput, active: ReturnType<typeof activePlanOf>): SummaryLine[] {
  if (input.plans.length === 0) return [{ key: 'glance.plan.none', values: {} }];
  if (!active) return [{ key: 'glance.plan.noneOpen', count: input.plans.length, values: {} }];
  const lines: SummaryLine[] = [{ key: 'glance.plan.active', values: { title: text(active.plan.title) } }];
  if (active.summary.current) lines.push({ key: 'glance.plan.current', values: { action: text(active.summary.current.action) } });
  // An open step whose review date has passed is said before the next review: it is the one to act on.
  const overdue = activeSteps(active.plan.steps)
    .filter((step) => step.status !== 'achieved' && step.reviewDate < input.today)
    .map((step) => step.reviewDate)
    .sort()[0];
  if (overdue) lines.push({ key: 'glance.plan.overdue', values: { date: dayValue(overdue) } });
  if (active.summary.nextReview) lines.push({ key: 'glance.plan.nextReview', values: { date: dayValue(active.summary.nextReview) } });
  else if (!overdue) lines.push({ key: 'glance.plan.noReview', values: {} });
  return lines;
}
