/**
 * The record schema of every table in the registry (tables.ts): restore (backup-validate.ts)
 * checks every record of a file with these before anything is written. The schemas themselves
 * are in record-schemas.ts, which also gives the record types; this map is typed by the registry,
 * so a table cannot be added without its schema, nor a schema whose records are not the table's.
 */
import { z } from 'zod';
import { canonicalJson } from '../instrument/hash';
import {
  administrationRecordSchema,
  attendanceRecordSchema,
  auditRecordSchema,
  caseRecordSchema,
  exportProjectRecordSchema,
  instrumentPackRecordSchema,
  instrumentStatusRecordSchema,
  planRecordSchema,
  settingRecordSchema,
  studyIdRecordSchema,
} from './record-schemas';
import { isValidSetting } from './settings';
import type { TableName, TableRecords } from './tables';

/** A setting is valid when the settings screen would accept its value (settings.ts). */
const checkedSettingSchema = settingRecordSchema.refine((row) => isValidSetting(row.key, row.value), { message: 'not a valid setting', path: ['value'] });

export const RECORD_SCHEMAS: { readonly [T in TableName]: z.ZodType<TableRecords[T]> } = {
  cases: caseRecordSchema,
  administrations: administrationRecordSchema,
  instrumentPacks: instrumentPackRecordSchema,
  instrumentStatus: instrumentStatusRecordSchema,
  settings: checkedSettingSchema,
  audit: auditRecordSchema,
  plans: planRecordSchema,
  attendance: attendanceRecordSchema,
  exportProjects: exportProjectRecordSchema,
  studyIds: studyIdRecordSchema,
};

export type RecordCheck = { ok: true } | { ok: false; paths: string[] };

/** Whether `row` is a valid stored record of `table`: valid under its schema and already in the form the forms store. */
export function checkRecord(table: TableName, row: unknown): RecordCheck {
  const result = RECORD_SCHEMAS[table].safeParse(row);
  if (!result.success) return { ok: false, paths: [...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.')))] };
  if (canonicalJson(result.data) !== canonicalJson(row)) return { ok: false, paths: [''] };
  return { ok: true };
}
