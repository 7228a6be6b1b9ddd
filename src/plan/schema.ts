/**
 * What a practitioner enters in the plan editor and the attendance week, checked the same way in
 * the form (react-hook-form + zod) and in storage, so an impossible plan is never half-saved.
 * Messages are i18n keys: plan messages in the "plans" namespace, attendance ones in "attendance".
 */
import { z } from 'zod';
import { ATTENDANCE_UNITS, DISTRESS_TIMES, STEP_RESPONSIBLE, STEP_STATUSES, type AttendanceUnit, type DistressRatings, type LocalDate } from '../storage/record-enums';
import { asLocalDate, isLocalDate } from './dates';
import { parseDecimal } from '../format/number';

const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });
// Optional last, so the stored record's type (record-schemas.ts) has an optional field, not a required `string | undefined`.
const optionalText = (max: number) =>
  text(max)
    .transform((v) => (v ? v : undefined))
    .optional();
/** A date field: "" (not given) or a real day. */
const dateField = z
  .string()
  .trim()
  .refine((v) => v === '' || isLocalDate(v), { message: 'errors.date' });
/** A date field that must be given; outputs the day (a failed check never reaches the transform). */
const requiredDate = (message: string) => dateField.refine((v) => v !== '', { message }).transform(asLocalDate);

/** One step of a plan, as the editor takes it and as it is stored (src/storage/record-schemas.ts). */
export const planStepSchema = z.object({
  id: z.string().min(1),
  /** What the pupil does, e.g. "attends the first two lessons with the resource teacher". */
  action: text(500).min(1, { message: 'errors.actionRequired' }),
  startDate: requiredDate('errors.startDateRequired'),
  reviewDate: requiredDate('errors.reviewDateRequired'),
  successCriterion: text(1000),
  /** Supports and adaptations at school and at home. */
  supports: text(2000),
  // A checkbox group with nothing ticked arrives as false.
  responsible: z.preprocess(
    (v) => (v === false || v === undefined ? [] : typeof v === 'string' ? [v] : v),
    z.array(z.enum(STEP_RESPONSIBLE)).min(1, { message: 'errors.responsibleRequired' }),
  ),
  /** Names or a description, e.g. who "other" is. */
  responsibleNote: optionalText(200),
  status: z.enum(STEP_STATUSES),
  /** The step this one replaces (that step has status 'revised' and stays in the plan's history). */
  revisionOf: optionalText(100),
  /** The plan suggestion this step started from ("scale:index" of the definition's suggestions; older steps hold the scale only). */
  suggestedFor: optionalText(100),
});

export const planContactSchema = z.object({
  id: z.string().min(1),
  name: text(120).min(1, { message: 'errors.contactNameRequired' }),
  role: text(120),
  /** Phone, e-mail: free text. */
  reach: optionalText(200),
});

export const planReviewSchema = z.object({
  id: z.string().min(1),
  date: requiredDate('errors.meetingDateRequired'),
  notes: text(4000),
});

export const planInputSchema = z
  .object({
    title: text(120).min(1, { message: 'errors.titleRequired' }),
    goal: text(2000).min(1, { message: 'errors.goalRequired' }),
    returnDate: dateField.transform((v): LocalDate | undefined => (v ? asLocalDate(v) : undefined)),
    steps: z.array(planStepSchema),
    contacts: z.array(planContactSchema),
    reviews: z.array(planReviewSchema),
  })
  .superRefine((plan, ctx) => {
    plan.steps.forEach((step, i) => {
      // Same-day review is allowed (a one-day step); a review before the start is impossible.
      if (isLocalDate(step.startDate) && isLocalDate(step.reviewDate) && step.reviewDate < step.startDate) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'reviewDate'], message: 'errors.reviewBeforeStart' });
      }
    });
    const starts = plan.steps
      .map((s) => s.startDate)
      .filter(isLocalDate)
      .sort();
    if (plan.returnDate && starts.length > 0 && plan.returnDate < starts[0]!) {
      ctx.addIssue({ code: 'custom', path: ['returnDate'], message: 'errors.returnBeforeStart' });
    }
    const ids = new Set<string>();
    plan.steps.forEach((step, i) => {
      if (ids.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: 'errors.duplicateStep' });
      ids.add(step.id);
    });
  });

export type PlanInput = z.output<typeof planInputSchema>;
export type PlanFormValues = z.input<typeof planInputSchema>;
export type PlanStepFormValues = PlanFormValues['steps'][number];

// ---------------------------------------------------------------------------------------------
// Attendance: a week at a time.

/** "" → undefined; "2,5" (Finnish and Swedish decimal comma) → 2.5; anything else → NaN (refused with the field's message). */
const numberText = (v: unknown) => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  return parseDecimal(String(v)) ?? undefined;
};
const amount = z.preprocess(numberText, z.number({ message: 'errors.number' }).min(0, { message: 'errors.number' }).max(24, { message: 'errors.amountRange' }).optional());
const distress = z.preprocess(
  numberText,
  z
    .number({ message: 'errors.distressRange' })
    .int({ message: 'errors.distressRange' })
    .min(0, { message: 'errors.distressRange' })
    .max(10, { message: 'errors.distressRange' })
    .optional(),
);

export { DISTRESS_TIMES };

export const attendanceDaySchema = z.object({
  /** The week's day: not typed by anyone, so a LocalDate in the form values too. Not aborting, as a refinement: the day's other checks still run. */
  date: z.custom<LocalDate>(isLocalDate, { message: 'errors.date', abort: false }),
  scheduled: amount,
  attended: amount,
  morning: distress,
  school: distress,
  evening: distress,
  note: optionalText(500),
});

/** One day as stored (without ids and stamps); null: nothing entered for the day. */
export interface AttendanceDayInput {
  date: LocalDate;
  entry: { scheduled: number; attended: number; distress?: DistressRatings; note?: string } | null;
}

export const attendanceWeekSchema = z
  .object({
    unit: z.enum(ATTENDANCE_UNITS),
    days: z.array(attendanceDaySchema).min(1).max(7),
  })
  .superRefine((week, ctx) => {
    week.days.forEach((day, i) => {
      const hasOther = day.attended !== undefined || DISTRESS_TIMES.some((k) => day[k] !== undefined) || day.note !== undefined;
      if (day.scheduled === undefined) {
        if (hasOther) ctx.addIssue({ code: 'custom', path: ['days', i, 'scheduled'], message: 'errors.scheduledRequired' });
        return;
      }
      if (day.attended === undefined) ctx.addIssue({ code: 'custom', path: ['days', i, 'attended'], message: 'errors.attendedRequired' });
      else if (day.attended > day.scheduled) ctx.addIssue({ code: 'custom', path: ['days', i, 'attended'], message: 'errors.attendedOverScheduled' });
    });
  })
  .transform((week): { unit: AttendanceUnit; days: AttendanceDayInput[] } => ({
    unit: week.unit,
    days: week.days.map((day) => {
      if (day.scheduled === undefined || day.attended === undefined) return { date: day.date, entry: null };
      const ratings: DistressRatings = {};
      for (const k of DISTRESS_TIMES) if (day[k] !== undefined) ratings[k] = day[k];
      return {
        date: day.date,
        entry: {
          scheduled: day.scheduled,
          attended: day.attended,
          ...(Object.keys(ratings).length > 0 ? { distress: ratings } : {}),
          ...(day.note ? { note: day.note } : {}),
        },
      };
    }),
  }));

export type AttendanceWeekInput = z.output<typeof attendanceWeekSchema>;
export type AttendanceWeekValues = z.input<typeof attendanceWeekSchema>;
export type AttendanceDayValues = AttendanceWeekValues['days'][number];
