/**
 * The closed lists of values stored records hold, without zod: the record schemas
 * (record-schemas.ts) and the form schemas they share fields with (case-input.ts, plan/schema.ts)
 * build on these, and records.ts re-exports them, so a screen that only needs a list of choices
 * loads no schema.
 */
import type { InformantKind } from '../scoring/types';

export const GENDERS = ['girl', 'boy', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const ADMINISTRATION_MODES = ['self-report', 'interview', 'paper'] as const;
export type AdministrationMode = (typeof ADMINISTRATION_MODES)[number];

export const ADMINISTRATION_INFORMANTS = ['child', 'mother', 'father', 'other-caregiver', 'teacher', 'practitioner'] as const satisfies readonly InformantKind[];
export type AdministrationInformant = (typeof ADMINISTRATION_INFORMANTS)[number];

export const ADMINISTRATION_STATUSES = ['draft', 'complete'] as const;

/**
 * A day on the school's calendar, "YYYY-MM-DD": a school day is a local day, with no time zone.
 * Branded (type only, nothing stored changes) so that an ISO datetime or any other string cannot
 * be passed where a day is expected: one comes from asLocalDate / isLocalDate (plan/dates.ts), the
 * date helpers there, or a stored record's schema.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** Who carries out or answers for a step (domain.md: pupil, parent, teacher, psychologist). */
export const STEP_RESPONSIBLE = ['pupil', 'parent', 'teacher', 'psychologist', 'other'] as const;
export type StepResponsible = (typeof STEP_RESPONSIBLE)[number];

export const STEP_STATUSES = ['planned', 'in-progress', 'achieved', 'revised'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const ATTENDANCE_UNITS = ['lessons', 'hours'] as const;
export type AttendanceUnit = (typeof ATTENDANCE_UNITS)[number];

/** Distress 0–10 at three points of the day (domain.md). */
export const DISTRESS_TIMES = ['morning', 'school', 'evening'] as const;
export type DistressRatings = { [time in (typeof DISTRESS_TIMES)[number]]?: number };

export const AUDIT_ACTIONS = ['create', 'update', 'complete', 'delete', 'export', 'import', 'backup', 'restore', 'retire', 'reinstate'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_TARGETS = ['case', 'administration', 'instrument', 'database', 'settings', 'plan', 'attendance', 'research'] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];
