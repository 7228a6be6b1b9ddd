/**
 * Reading a backup: restore checks everything before anything is written — the header, the
 * decryption (backup-file.ts), every record against its table's schema (schemas.ts), references
 * between tables and instrument pack hashes. A file made at an older database version has its rows
 * migrated first (migrations.ts), as the database itself would have been. Nothing is written here.
 */
import { contentHash } from '../instrument/hash';
import { DEVICE_STATE_SETTINGS, openBackup, type BackupHeader, type FileFailure } from './backup-file';
import { migrateTables } from './migrations';
import type { CaseRecord, ExportProjectRecord, InstrumentPackRecord, StudyIdRecord } from './records';
import { checkRecord } from './schemas';
import { SHIPPED_REFS } from './shipped-refs';
import { contentOf, TABLES, type TableContent, type TableName, type TableRows } from './tables';

/** How many record problems a refusal lists. */
const MAX_PROBLEMS = 10;

export interface RecordProblem {
  table: string;
  /** Index of the record in its table; null for a problem with the table itself. */
  index: number | null;
  /** Field path inside the record, e.g. "answers.a1"; empty for the record as a whole. */
  path: string;
  code: RecordProblemCode;
}

export const RECORD_PROBLEM_CODES = [
  'invalid-value',
  'unknown-table',
  'not-a-list',
  'duplicate-key',
  'duplicate-code',
  'missing-case',
  'missing-project',
  'hash-mismatch',
  'shipped-instrument',
] as const;
export type RecordProblemCode = (typeof RECORD_PROBLEM_CODES)[number];

export interface BackupContent {
  header: BackupHeader;
  tables: TableContent;
}

export type ReadFailure =
  | FileFailure
  /** Records that fail validation: the first few, and how many in all. */
  | { ok: false; reason: 'invalid-records'; problems: RecordProblem[]; total: number };

export type ReadResult = { ok: true; backup: BackupContent } | ReadFailure;

/** Parses, decrypts, migrates and validates a backup; nothing is written. */
export async function readBackup(input: string, passphrase: string | null): Promise<ReadResult> {
  const opened = await openBackup(input, passphrase);
  if (!opened.ok) return opened;
  const { header } = opened;
  const payload = migrateTables(opened.payload as TableRows, header.databaseVersion);
  const problems = await validateTables(payload);
  if (problems.length > 0) return { ok: false, reason: 'invalid-records', problems: problems.slice(0, MAX_PROBLEMS), total: problems.length };
  const tables = contentOf(payload);
  // Device state never comes from another device, whatever the file says.
  return { ok: true, backup: { header, tables: { ...tables, settings: tables.settings.filter((row) => !DEVICE_STATE_SETTINGS.includes(row.key)) } } };
}

async function validateTables(payload: Record<string, unknown>): Promise<RecordProblem[]> {
  const problems: RecordProblem[] = [];
  for (const [table, rows] of Object.entries(payload)) {
    const spec = Object.hasOwn(TABLES, table) ? TABLES[table as TableName] : undefined;
    if (!spec) {
      problems.push({ table, index: null, path: '', code: 'unknown-table' });
      continue;
    }
    if (!Array.isArray(rows)) {
      problems.push({ table, index: null, path: '', code: 'not-a-list' });
      continue;
    }
    const seen = new Set<unknown>();
    rows.forEach((row, index) => {
      // Device state is dropped whatever it holds (readBackup): nothing to check.
      if (table === 'settings' && DEVICE_STATE_SETTINGS.includes(String((row as { key?: unknown } | null)?.key))) return;
      const result = checkRecord(table as TableName, row);
      if (!result.ok) {
        for (const path of result.paths) problems.push({ table, index, path, code: 'invalid-value' });
        return;
      }
      const key = (row as Record<string, unknown>)[spec.key];
      if (seen.has(key)) problems.push({ table, index, path: spec.key, code: 'duplicate-key' });
      seen.add(key);
    });
  }
  if (problems.length > 0) return problems;

  // References and content: the case of every administration, unique case codes, pack hashes.
  const cases = (payload.cases ?? []) as CaseRecord[];
  const caseIds = new Set(cases.map((c) => c.id));
  const codes = new Set<string>();
  cases.forEach((c, index) => {
    if (codes.has(c.code)) problems.push({ table: 'cases', index, path: 'code', code: 'duplicate-code' });
    codes.add(c.code);
  });
  for (const table of ['administrations', 'plans', 'attendance', 'studyIds'] as const) {
    ((payload[table] ?? []) as { caseId: string }[]).forEach((row, index) => {
      if (!caseIds.has(row.caseId)) problems.push({ table, index, path: 'caseId', code: 'missing-case' });
    });
  }
  const projectIds = new Set(((payload.exportProjects ?? []) as ExportProjectRecord[]).map((p) => p.id));
  ((payload.studyIds ?? []) as StudyIdRecord[]).forEach((row, index) => {
    if (!projectIds.has(row.projectId)) problems.push({ table: 'studyIds', index, path: 'projectId', code: 'missing-project' });
  });
  // A shipped id@version is never replaced: refused by name, before any hash is looked at.
  // Otherwise the hash is computed here, never taken from the file.
  const packs = (payload.instrumentPacks ?? []) as InstrumentPackRecord[];
  const hashes = await Promise.all(packs.map((pack) => contentHash(pack.definition)));
  packs.forEach((pack, index) => {
    if (SHIPPED_REFS.has(pack.ref)) problems.push({ table: 'instrumentPacks', index, path: 'ref', code: 'shipped-instrument' });
    else if (hashes[index] !== pack.hash) problems.push({ table: 'instrumentPacks', index, path: 'hash', code: 'hash-mismatch' });
  });
  return problems;
}
