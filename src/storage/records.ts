/**
 * What Polku stores on the device (IndexedDB). Scores are never stored: they are derived.
 * Each record is defined once, as a zod schema in record-schemas.ts (fields documented there);
 * the types here are its output. Importing this file loads no zod: the imports below are types only.
 */
import type { z } from 'zod';
import type {
  administrationRecordSchema,
  attendanceRecordSchema,
  auditRecordSchema,
  caseRecordSchema,
  exportProjectRecordSchema,
  instrumentPackRecordSchema,
  instrumentStatusRecordSchema,
  planContactRecordSchema,
  planRecordSchema,
  planReviewRecordSchema,
  planRevisionSchema,
  planStepRecordSchema,
  settingRecordSchema,
  studyIdRecordSchema,
} from './record-schemas';

export * from './record-enums';

export type CaseRecord = z.output<typeof caseRecordSchema>;
export type AdministrationRecord = z.output<typeof administrationRecordSchema>;
export type InstrumentPackRecord = z.output<typeof instrumentPackRecordSchema>;
export type InstrumentStatusRecord = z.output<typeof instrumentStatusRecordSchema>;
export type SettingRecord = z.output<typeof settingRecordSchema>;
export type AuditRecord = z.output<typeof auditRecordSchema>;

// Database version 3: gradual-return plans, the attendance log, research-export projects.
export type PlanStep = z.output<typeof planStepRecordSchema>;
export type PlanContact = z.output<typeof planContactRecordSchema>;
export type PlanReview = z.output<typeof planReviewRecordSchema>;
export type PlanRevision = z.output<typeof planRevisionSchema>;
export type PlanRecord = z.output<typeof planRecordSchema>;
export type AttendanceRecord = z.output<typeof attendanceRecordSchema>;
export type ExportProjectRecord = z.output<typeof exportProjectRecordSchema>;
export type StudyIdRecord = z.output<typeof studyIdRecordSchema>;
