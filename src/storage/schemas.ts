/**
 * One zod schema per stored record: what a record on this device may be. Restore (backup.ts)
 * checks every record of a file with these before anything is written, so a file can never bring
 * in what the forms refuse (a 1 MB note, a code with markup, birth year 1900, unknown fields).
 *
 * The fields a person types use the very schemas of the forms (case-input.ts, plan/schema.ts), and
 * a stored record must be a fixed point of them: parsing it must give it back unchanged (so " AB\n"
 * is refused rather than trimmed: the forms never store it). Every object is strict.
 *
 * Mutable records may carry `rev` (the revision of optimistic concurrency, absent = 0).
 * This is the start of the table registry of issue 16: the types below are derived from the
 * schemas, and a compile-time check keeps them equal to the interfaces in records.ts.
 */
import { z } from 'zod';
import { canonicalJson } from '../instrument/hash';
import { definitionSchema, idSchema, LANGUAGES } from '../instrument/schema';
import { attendanceDaySchema, planContactSchema, planInputSchema, planReviewSchema, planStepSchema } from '../plan/schema';
import { isLocalDate } from '../plan/dates';
import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditRecord } from './audit';
import { caseInputSchema } from './case-input';
import {
  ADMINISTRATION_INFORMANTS,
  ADMINISTRATION_MODES,
  ATTENDANCE_UNITS,
  type AdministrationRecord,
  type AttendanceRecord,
  type CaseRecord,
  type ExportProjectRecord,
  type InstrumentPackRecord,
  type InstrumentStatusRecord,
  type PlanRecord,
  type SettingRecord,
  type StudyIdRecord,
} from './records';
import { isValidSetting } from './settings';
import { PROJECT_NAME_MAX, STUDY_ID_PATTERN } from './research-format';

const isoDate = z.iso.datetime({ offset: true });
/** Database ids: random UUIDs here, but any short plain id from an older version. */
const recordId = z.string().min(1).max(100);
const localDate = z.string().refine(isLocalDate);
/** The revision of a mutable record (issue 13, optimistic concurrency): absent means 0. */
const rev = z.number().int().min(0).optional();
/** The largest answer map a definition within the pack limits can produce. */
const MAX_ANSWERS = 5_000;

const caseFields = caseInputSchema().shape;

export const caseRecordSchema = z
  .strictObject({
    id: recordId,
    code: caseFields.code,
    displayName: caseFields.displayName,
    birthYear: z.number().int(),
    birthMonth: z.number().int().min(1).max(12).optional(),
    gender: caseFields.gender,
    school: caseFields.school,
    className: caseFields.className,
    notes: caseFields.notes,
    example: z.boolean().optional(),
    /** The time point the clinician chose to drive the case (src/charts/driving.ts); absent: the latest. */
    profileChoice: z.string().min(1).max(200).optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
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
  definitionHash: z.string().min(1).max(200),
  informant: z.enum(ADMINISTRATION_INFORMANTS),
  language: z.enum(LANGUAGES),
  mode: z.enum(ADMINISTRATION_MODES),
  status: z.enum(['draft', 'complete']),
  answers: z.record(idSchema, answerValue).refine((answers) => Object.keys(answers).length <= MAX_ANSWERS),
  position: z.number().int().min(0).max(MAX_ANSWERS),
  completedWithMissing: z.boolean().optional(),
  // The practitioner's name from the settings (at most 120 characters there).
  administeredBy: z.string().trim().min(1).max(120).optional(),
  startedAt: isoDate,
  updatedAt: isoDate,
  completedAt: isoDate.optional(),
  rev,
});

export const instrumentPackRecordSchema = z
  .strictObject({
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

/** A setting is valid when the settings screen would accept its value (settings.ts). */
export const settingRecordSchema = z
  .strictObject({ key: z.string().min(1).max(100), value: z.unknown(), rev })
  .refine((row) => isValidSetting(row.key, row.value), { message: 'not a valid setting', path: ['value'] });

const auditDetailValue = z.union([z.string().max(200), z.number(), z.boolean()]);
export const auditRecordSchema = z.strictObject({
  id: recordId,
  at: isoDate,
  action: z.enum(AUDIT_ACTIONS),
  target: z.enum(AUDIT_TARGETS),
  practitioner: z.string().max(120).optional(),
  caseId: recordId.optional(),
  administrationId: recordId.optional(),
  detail: z.record(z.string().max(100), auditDetailValue).optional(),
});

// Plans: the plan editor's own schemas, strict, with the record's ids and stamps around them.
const planFields = planInputSchema.shape;
const storedStep = planStepSchema.strict();
export const planRecordSchema = z.strictObject({
  id: recordId,
  caseId: recordId,
  title: planFields.title,
  goal: planFields.goal,
  returnDate: localDate.optional(),
  steps: z.array(storedStep),
  contacts: z.array(planContactSchema.strict()),
  reviews: z.array(planReviewSchema.strict()),
  revisions: z.array(z.strictObject({ savedAt: isoDate, goal: planFields.goal, returnDate: localDate.optional(), steps: z.array(storedStep) })),
  createdAt: isoDate,
  updatedAt: isoDate,
  rev,
});

// Attendance: one day of the attendance week form, stored.
const dayFields = attendanceDaySchema.shape;
export const attendanceRecordSchema = z
  .strictObject({
    id: recordId,
    caseId: recordId,
    date: dayFields.date,
    unit: z.enum(ATTENDANCE_UNITS),
    scheduled: z.number(),
    attended: z.number(),
    distress: z.strictObject({ morning: dayFields.morning, school: dayFields.school, evening: dayFields.evening }).optional(),
    note: dayFields.note,
    updatedAt: isoDate,
    rev,
  })
  .superRefine((row, ctx) => {
    // The week form's rules for one day: amounts 0–24, attended at most scheduled.
    if (!dayFields.scheduled.safeParse(row.scheduled).success) ctx.addIssue({ code: 'custom', path: ['scheduled'], message: 'errors.amountRange' });
    if (!dayFields.attended.safeParse(row.attended).success || row.attended > row.scheduled) ctx.addIssue({ code: 'custom', path: ['attended'], message: 'errors.attendedOverScheduled' });
  });

export const exportProjectRecordSchema = z.strictObject({
  id: recordId,
  name: z.string().trim().min(1).max(PROJECT_NAME_MAX),
  createdAt: isoDate,
  updatedAt: isoDate,
  rev,
});

/** A study ID has exactly the generated form: never a name or a code a file tries to carry out. */
export const studyIdRecordSchema = z
  .strictObject({ id: z.string().min(1).max(201), projectId: recordId, caseId: recordId, studyId: z.string().regex(STUDY_ID_PATTERN), assignedAt: isoDate })
  .refine((row) => row.id === `${row.projectId}:${row.caseId}`, { message: 'id does not match project and case' });

/** Every table: its schema and primary key. A test checks each database table has one. */
export const RECORD_SCHEMAS = {
  cases: { schema: caseRecordSchema, key: 'id' },
  administrations: { schema: administrationRecordSchema, key: 'id' },
  instrumentPacks: { schema: instrumentPackRecordSchema, key: 'ref' },
  instrumentStatus: { schema: instrumentStatusRecordSchema, key: 'ref' },
  settings: { schema: settingRecordSchema, key: 'key' },
  audit: { schema: auditRecordSchema, key: 'id' },
  plans: { schema: planRecordSchema, key: 'id' },
  attendance: { schema: attendanceRecordSchema, key: 'id' },
  exportProjects: { schema: exportProjectRecordSchema, key: 'id' },
  studyIds: { schema: studyIdRecordSchema, key: 'id' },
} as const satisfies Record<string, { schema: z.ZodType; key: string }>;

export type RecordTable = keyof typeof RECORD_SCHEMAS;
export type StoredRecord<T extends RecordTable> = z.output<(typeof RECORD_SCHEMAS)[T]['schema']>;

export type RecordCheck = { ok: true } | { ok: false; paths: string[] };

/** Whether `row` is a valid stored record of `table`: valid under its schema and already in the form the forms store. */
export function checkRecord(table: RecordTable, row: unknown): RecordCheck {
  const result = RECORD_SCHEMAS[table].schema.safeParse(row);
  if (!result.success) return { ok: false, paths: [...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.')))] };
  if (canonicalJson(result.data) !== canonicalJson(row)) return { ok: false, paths: [''] };
  return { ok: true };
}

// The interfaces in records.ts and the schemas' outputs are the same types (checked by tsc): the
// same fields, and every parsed record is a record (an optional field may come out as `T | undefined`).
type Same<A, B> = [A] extends [B] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false;
type Strip<T> = T extends { rev?: unknown } ? Omit<T, 'rev'> : T;
const sameTypes: {
  cases: Same<Strip<StoredRecord<'cases'>>, Strip<CaseRecord>>;
  administrations: Same<Strip<StoredRecord<'administrations'>>, Strip<AdministrationRecord>>;
  instrumentPacks: Same<StoredRecord<'instrumentPacks'>, InstrumentPackRecord>;
  instrumentStatus: Same<Strip<StoredRecord<'instrumentStatus'>>, Strip<InstrumentStatusRecord>>;
  audit: Same<StoredRecord<'audit'>, AuditRecord>;
  plans: Same<Strip<StoredRecord<'plans'>>, Strip<PlanRecord>>;
  attendance: Same<Strip<StoredRecord<'attendance'>>, Strip<AttendanceRecord>>;
  exportProjects: Same<Strip<StoredRecord<'exportProjects'>>, Strip<ExportProjectRecord>>;
  studyIds: Same<StoredRecord<'studyIds'>, StudyIdRecord>;
  settings: Same<Pick<StoredRecord<'settings'>, 'key'>, Pick<SettingRecord, 'key'>>;
} = { cases: true, administrations: true, instrumentPacks: true, instrumentStatus: true, audit: true, plans: true, attendance: true, exportProjects: true, studyIds: true, settings: true };
void sameTypes;
