/**
 * What Polku stores on the device (IndexedDB). Scores are never stored: they are derived.
 * Each record is defined once, as a zod schema in record-schemas.ts (fields documented there);
 * the types here are its output. Importing this file loads no zod: the imports below are types only.
 */
import type { z } from 'zod';
import type * as schemas from './record-schemas';

export * from './record-enums';

export type CaseRecord = z.output<typeof schemas.caseRecordSchema>;
export type AdministrationRecord = z.output<typeof schemas.administrationRecordSchema>;
export type InstrumentPackRecord = z.output<typeof schemas.instrumentPackRecordSchema>;
export type InstrumentStatusRecord = z.output<typeof schemas.instrumentStatusRecordSchema>;
export type SettingRecord = z.output<typeof schemas.settingRecordSchema>;
export type AuditRecord = z.output<typeof schemas.auditRecordSchema>;

// Database version 3: gradual-return plans, the attendance log, research-export projects.
export type PlanStep = z.output<typeof schemas.planStepRecordSchema>;
export type PlanContact = z.output<typeof schemas.planContactRecordSchema>;
export type PlanReview = z.output<typeof schemas.planReviewRecordSchema>;
export type PlanRevision = z.output<typeof schemas.planRevisionSchema>;
export type PlanRecord = z.output<typeof schemas.planRecordSchema>;
export type AttendanceRecord = z.output<typeof schemas.attendanceRecordSchema>;
export type ExportProjectRecord = z.output<typeof schemas.exportProjectRecordSchema>;
export type StudyIdRecord = z.output<typeof schemas.studyIdRecordSchema>;
