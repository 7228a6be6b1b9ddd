/**
 * What Polku stores on the device (IndexedDB), one zod schema per record: the record types in
 * records.ts are these schemas' outputs, and restore (backup-validate.ts) checks every record of a
 * file with them before anything is written, so a file can never bring in what the forms refuse
 * (a 1 MB note, a code with markup, birth year 1900, unknown fields). Scores are never stored:
 * they are derived.
 *
 * The fields a person types use the very schemas of the forms (case-input.ts, plan/schema.ts), and
 * a stored record must be a fixed point of them: parsing it must give it back unchanged (so " AB\n"
 * is refused rather than trimmed: the forms never store it). Every object is strict.
 *
 * Mutable records may carry `rev` (the revision of optimistic concurrency, absent = 0).
 * Pure (no storage, no browser): the pure domain imports the types through records.ts.
 */
import { z } from 'zod';
import { definitionSchema, idSchema, LANGUAGES } from '../instrument/schema';
import { attendanceDaySchema, planContactSchema, planInputSchema, planReviewSchema, planStepSchema } from '../plan/schema';
import { isLocalDate } from '../plan/dates';
import { caseInputSchema } from './case-input';
import { ADMINISTRATION_INFORMANTS, ADMINISTRATION_MODES, ADMINISTRATION_STATUSES, ATTENDANCE_UNITS, AUDIT_ACTIONS, AUDIT_TARGETS, type DistressRatings } from './record-enums';
import { PROJECT_NAME_MAX, STUDY_ID_PATTERN } from './research-format';

const isoDate = z.iso.datetime({ offset: true });
/** Database ids: random UUIDs here, but any short plain id from an older version. */
const recordId = z.string().min(1).max(100);
/** A day; the guard makes the output a LocalDate. */
const localDate = z.string().refine(isLocalDate);
/** The revision of a mutable record (issue 13, optimistic concurrency; src/storage/revision.ts): absent means 0. */
const rev = z.number().int().min(0).optional();
/** The largest answer map a definition within the pack limits can produce. */
const MAX_ANSWERS = 5_000;

const caseFields = caseInputSchema().shape;

export const caseRecordSchema = z
  .strictObject({
    id: recordId,
    /** Pseudonymous code, generated and editable, unique on this device. */
    code: caseFields.code,
    /** Kept on this device only; never exported. */
    displayName: caseFields.displayName,
    birthYear: z.number().int(),
    birthMonth: z.number().int().min(1).max(12).optional(),
    gender: caseFields.gender,
    school: caseFields.school,
    className: caseFields.className,
    notes: caseFields.notes,
    /** Loaded from the example ("load an example case"): fictional. */
    example: z.boolean().optional(),
    /**
     * The profile the clinician chose to drive the case (a key of src/charts/driving.ts); absent:
     * the most recent time point's combined profile.
     */
    profileChoice: z.string().min(1).max(200).optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
    /** Last change to the case or any of its administrations, for sorting and filtering. */
    lastActivityAt: isoDate,
    rev,
  })
  .superRefine((kase, ctx) => {
    // The form checks the birth year against the year it is saved in: so does restore.
    const year = new Date(kase.updatedAt).getUTCFullYear();
    const check = caseInputSchema(year).shape.birthYear.safeParse(kase.birthYear);
    if (!check.success) ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'errors.birthYear' });
  });

const answerValue = z.union([z.number().finite(), z.record(idSchema, z.number().finite().nullable()), z.null()]);

export const administrationRecordSchema = z.strictObject({
  id: recordId,
  caseId: recordId,
  instrumentId: idSchema,
  instrumentVersion: z.string().min(1).max(64),
  /** Content hash of the exact definition it was given with (src/instrument/hash.ts). */
  definitionHash: z.string().min(1).max(200),
  informant: z.enum(ADMINISTRATION_INFORMANTS),
  /** The language it was answered in: independent of the interface language. */
  language: z.enum(LANGUAGES),
  mode: z.enum(ADMINISTRATION_MODES),
  status: z.enum(ADMINISTRATION_STATUSES),
  answers: z.record(idSchema, answerValue).refine((answers) => Object.keys(answers).length <= MAX_ANSWERS),
  /** Index of the screen to resume at (one item per screen). */
  position: z.number().int().min(0).max(MAX_ANSWERS),
  /** Completed on purpose with required answers missing; reports say so. */
  completedWithMissing: z.boolean().optional(),
  /** The practitioner's name from the settings (at most 120 characters there). */
  administeredBy: z.string().trim().min(1).max(120).optional(),
  startedAt: isoDate,
  updatedAt: isoDate,
  completedAt: isoDate.optional(),
  rev,
});

export const instrumentPackRecordSchema = z
  .strictObject({
    /** "id@version" */
    ref: z.string().min(1).max(200),
    id: idSchema,
    version: z.string().min(1).max(64),
    definition: definitionSchema,
    hash: z.string().min(1).max(200),
    fileName: z.string().max(255).optional(),
    importedAt: isoDate,
  })
  .refine((pack) => pack.ref === `${pack.id}@${pack.version}` && pack.definition.id === pack.id && pack.definition.version === pack.version, {
    message: 'ref does not match the definition',
  });

export const instrumentStatusRecordSchema = z.strictObject({ ref: z.string().min(1).max(200), retired: z.boolean(), changedAt: isoDate, rev });

/** The shape of a setting; which values a key may hold is settings.ts's (schemas.ts adds that check). */
export const settingRecordSchema = z.strictObject({ key: z.string().min(1).max(100), value: z.unknown(), rev });

const auditDetailValue = z.union([z.string().max(200), z.number(), z.boolean()]);
/** An entry of the audit trail (audit.ts): ids, references and counts, never personal data. */
export const auditRecordSchema = z.strictObject({
  id: recordId,
  at: isoDate,
  action: z.enum(AUDIT_ACTIONS),
  target: z.enum(AUDIT_TARGETS),
  /** The practitioner name set in settings when the action was taken. */
  practitioner: z.string().max(120).optional(),
  caseId: recordId.optional(),
  administrationId: recordId.optional(),
  /** Non-identifying facts: an instrument reference, a count, a mode. */
  detail: z.record(z.string().max(100), auditDetailValue).optional(),
});

// Plans: the plan editor's own schemas, strict, with the record's ids and stamps around them.
// A step's fields are documented in plan/schema.ts.
const planFields = planInputSchema.shape;
export const planStepRecordSchema = planStepSchema.strict();
export const planContactRecordSchema = planContactSchema.strict();
export const planReviewRecordSchema = planReviewSchema.strict();
/** A saved state of the plan before a change, so revisions keep their history. */
export const planRevisionSchema = z.strictObject({ savedAt: isoDate, goal: planFields.goal, returnDate: localDate.optional(), steps: z.array(planStepRecordSchema) });
export const planRecordSchema = z.strictObject({
  id: recordId,
  caseId: recordId,
  title: planFields.title,
  goal: planFields.goal,
  /** The agreed return date (Back2School: the first day back). */
  returnDate: localDate.optional(),
  /** In order: the order is the plan's sequence of steps. */
  steps: z.array(planStepRecordSchema),
  contacts: z.array(planContactRecordSchema),
  reviews: z.array(planReviewRecordSchema),
  /** Earlier states, oldest first. */
  revisions: z.array(planRevisionSchema),
  createdAt: isoDate,
  updatedAt: isoDate,
  rev,
});

// Attendance: one day of the attendance week form, stored.
const dayFields = attendanceDaySchema.shape;
const distressSchema = z.strictObject({ morning: dayFields.morning, school: dayFields.school, evening: dayFields.evening }) satisfies z.ZodType<DistressRatings>;
/** One school day of one case; unique per case and date. */
export const attendanceRecordSchema = z
  .strictObject({
    id: recordId,
    caseId: recordId,
    date: dayFields.date,
    unit: z.enum(ATTENDANCE_UNITS),
    scheduled: z.number(),
    attended: z.number(),
    distress: distressSchema.optional(),
    note: dayFields.note,
    updatedAt: isoDate,
    rev,
  })
  .superRefine((row, ctx) => {
    // The week form's rules for one day: amounts 0–24, attended at most scheduled.
    if (!dayFields.scheduled.safeParse(row.scheduled).success) ctx.addIssue({ code: 'custom', path: ['scheduled'], message: 'errors.amountRange' });
    if (!dayFields.attended.safeParse(row.attended).success || row.attended > row.scheduled)
      ctx.addIssue({ code: 'custom', path: ['attended'], message: 'errors.attendedOverScheduled' });
  });

/** A research project: study IDs are stable within it and unlinkable across projects. */
export const exportProjectRecordSchema = z.strictObject({
  id: recordId,
  name: z.string().trim().min(1).max(PROJECT_NAME_MAX),
  createdAt: isoDate,
  updatedAt: isoDate,
  rev,
});

/**
 * The study ID a case has in one project; exists only on this device (and in its encrypted backups).
 * A study ID has exactly the generated form: never a name or a code a file tries to carry out.
 */
export const studyIdRecordSchema = z
  .strictObject({
    /** `${projectId}:${caseId}` */
    id: z.string().min(1).max(201),
    projectId: recordId,
    caseId: recordId,
    studyId: z.string().regex(STUDY_ID_PATTERN),
    assignedAt: isoDate,
  })
  .refine((row) => row.id === `${row.projectId}:${row.caseId}`, { message: 'id does not match project and case' });
