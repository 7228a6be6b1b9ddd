/**
 * Backup and restore of the whole database in one file.
 *
 * The file is JSON with a header anyone can read (format, version, when, which database version,
 * how it is encrypted) and the payload: every table of the database (`db.tables`, so tables of
 * later versions come along), settings without the device-state keys. By default the payload is
 * encrypted: AES-GCM 256 with a key from PBKDF2-SHA-256 (600,000 iterations, random 16-byte salt,
 * random 12-byte IV); the header is bound to the ciphertext as additional data, so changing any
 * of it is detected like a wrong passphrase. An unencrypted file is an explicit choice.
 *
 * Restore checks everything before anything is written: the header, the decryption, every record
 * against its schema, references between tables and instrument pack hashes. `planRestore` (pure)
 * says what will happen; `applyRestore` writes it in one transaction, or nothing at all.
 * No crypto inside a Dexie transaction: it would let the transaction commit early.
 */
import { z } from 'zod';
import { contentHash } from '../instrument/hash';
import type { PolkuDatabase } from './db';
import { DATABASE_VERSION, now } from './db';
import { appendAudit, auditTables, type AuditRecord } from './audit';
import { guarded } from './errors';
import { checkRecord, RECORD_SCHEMAS, type RecordTable } from './schemas';
import { SHIPPED_REFS } from './shipped-refs';
import { PIN_ATTEMPTS_SETTING } from './pin-attempts';
import type {
  AdministrationRecord,
  AttendanceRecord,
  CaseRecord,
  ExportProjectRecord,
  InstrumentPackRecord,
  InstrumentStatusRecord,
  PlanRecord,
  SettingRecord,
  StudyIdRecord,
} from './records';
import { writeSetting } from './settings';

export const BACKUP_FORMAT = 'polku-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_EXTENSION = '.polku';
/** PBKDF2-SHA-256 iterations for a new backup (OWASP 2023 recommendation). */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 8;
/** Settings that describe this device's state, not the practitioner's data: never backed up or restored. */
export const DEVICE_STATE_SETTINGS: readonly string[] = ['handover', 'locked', PIN_ATTEMPTS_SETTING];
/** The most a file may ask for (a file is read before anything is known about it). */
const MAX_ITERATIONS = 10_000_000;
/** How many record problems a refusal lists. */
const MAX_PROBLEMS = 10;

export type TableRows = Record<string, Record<string, unknown>[]>;

export interface Encryption {
  algorithm: 'AES-GCM';
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  iv: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  app: 'polku';
  databaseVersion: number;
  encryption: Encryption | null;
  /**
   * Unencrypted files only: SHA-256 over the header and the payload, so a changed answer or a cut
   * file is refused. It protects against accidents, not against someone who edits the file on
   * purpose (they can compute it again): an unencrypted file is not protected.
   */
  checksum?: string;
}

export interface BackupFile extends BackupHeader {
  /** base64 ciphertext of the tables' JSON, or the tables themselves in an unencrypted file. */
  payload: string | TableRows;
}

// ---------------------------------------------------------------------------------------------
// Bytes

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The header, bound to the ciphertext: a changed header fails decryption like a wrong passphrase. */
function additionalData(header: BackupHeader & { encryption: Encryption }): Uint8Array {
  const { format, version, createdAt, app, databaseVersion, encryption: e } = header;
  return new TextEncoder().encode(JSON.stringify([format, version, createdAt, app, databaseVersion, e.algorithm, e.kdf, e.iterations, e.salt, e.iv]));
}

/** The checksum of an unencrypted file: its header fields and payload in canonical JSON. */
export function plainChecksum(header: Pick<BackupHeader, 'format' | 'version' | 'createdAt' | 'app' | 'databaseVersion'>, payload: unknown): Promise<string> {
  const { format, version, createdAt, app, databaseVersion } = header;
  return contentHash([format, version, createdAt, app, databaseVersion, payload]);
}

// ---------------------------------------------------------------------------------------------
// Making a backup

/** Every table, read in one read-only transaction; settings without the device-state keys. */
export async function readContent(db: PolkuDatabase): Promise<TableRows> {
  return guarded(() =>
    db.transaction('r', db.tables, async () => {
      const tables: TableRows = {};
      for (const table of db.tables) {
        const rows = (await table.toArray()) as Record<string, unknown>[];
        tables[table.name] = table.name === 'settings' ? rows.filter((row) => !DEVICE_STATE_SETTINGS.includes(String(row.key))) : rows;
      }
      return tables;
    }),
  );
}

export interface BackupOptions {
  /** null: an unencrypted file (an explicit choice; it holds children's mental-health data). */
  passphrase: string | null;
  /** Tests pass fewer; a real backup uses PBKDF2_ITERATIONS. */
  iterations?: number;
  at?: Date;
}

export interface BackupResult {
  text: string;
  fileName: string;
  createdAt: string;
  encrypted: boolean;
  counts: { cases: number; administrations: number };
}

/** YYYY-MM-DD in local time. */
export function backupFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `polku-backup-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}${BACKUP_EXTENSION}`;
}

/** Makes the file (nothing is written to the database: see recordBackup). */
export async function makeBackup(db: PolkuDatabase, options: BackupOptions): Promise<BackupResult> {
  const at = options.at ?? new Date();
  const tables = await readContent(db);
  const counts = { cases: tables.cases?.length ?? 0, administrations: tables.administrations?.length ?? 0 };
  const base = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: at.toISOString(), app: 'polku', databaseVersion: db.verno } as const;
  let file: BackupFile;
  if (options.passphrase === null) {
    file = { ...base, encryption: null, checksum: await plainChecksum(base, tables), payload: tables };
  } else {
    if (options.passphrase.length < MIN_PASSPHRASE_LENGTH) throw new RangeError(`passphrase shorter than ${MIN_PASSPHRASE_LENGTH}`);
    const iterations = options.iterations ?? PBKDF2_ITERATIONS;
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const encryption: Encryption = { algorithm: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), iv: toBase64(iv) };
    const header = { ...base, encryption };
    const key = await deriveKey(options.passphrase, salt, iterations);
    const plain = new TextEncoder().encode(JSON.stringify(tables));
    const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData(header) as BufferSource }, key, plain);
    file = { ...header, payload: toBase64(new Uint8Array(cipher)) };
  }
  return { text: JSON.stringify(file), fileName: backupFileName(at), createdAt: base.createdAt, encrypted: options.passphrase !== null, counts };
}

/** After the file is made: the last-backup date (for the reminder) and an audit entry, in one transaction. */
export async function recordBackup(db: PolkuDatabase, result: Pick<BackupResult, 'createdAt' | 'counts'>): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [...auditTables(db)], async () => {
      await writeSetting(db, 'lastBackupAt', result.createdAt);
      await appendAudit(db, { action: 'backup', target: 'database', detail: { ...result.counts } });
    }),
  );
}

/** makeBackup + recordBackup. */
export async function createBackup(db: PolkuDatabase, options: BackupOptions): Promise<BackupResult> {
  const result = await makeBackup(db, options);
  await recordBackup(db, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reading a backup

const isoDate = z.iso.datetime({ offset: true });
/** Every table's record schema (src/storage/schemas.ts): restore accepts only what the forms would store. */
export const TABLE_SCHEMAS: Readonly<Record<string, { schema: z.ZodType; key: string }>> = RECORD_SCHEMAS;

export interface RecordProblem {
  table: string;
  /** Index of the record in its table; null for a problem with the table itself. */
  index: number | null;
  /** Field path inside the record, e.g. "answers.a1"; empty for the record as a whole. */
  path: string;
  code: RecordProblemCode;
}

export const RECORD_PROBLEM_CODES = ['invalid-value', 'unknown-table', 'not-a-list', 'duplicate-key', 'duplicate-code', 'missing-case', 'missing-project', 'hash-mismatch', 'shipped-instrument'] as const;
export type RecordProblemCode = (typeof RECORD_PROBLEM_CODES)[number];

export interface BackupContent {
  header: BackupHeader;
  tables: {
    cases: CaseRecord[];
    administrations: AdministrationRecord[];
    instrumentPacks: InstrumentPackRecord[];
    instrumentStatus: InstrumentStatusRecord[];
    settings: SettingRecord[];
    audit: AuditRecord[];
    plans: PlanRecord[];
    attendance: AttendanceRecord[];
    exportProjects: ExportProjectRecord[];
    studyIds: StudyIdRecord[];
  };
}

export type ReadFailure =
  /** Not JSON, or JSON that is not a Polku backup. */
  | { ok: false; reason: 'not-backup' }
  /** The start of a Polku backup, cut off. */
  | { ok: false; reason: 'incomplete' }
  /** Made by a newer Polku (file format or database version unknown here). */
  | { ok: false; reason: 'newer-version'; version: number; databaseVersion: number }
  /** A Polku backup whose header or payload has the wrong shape. */
  | { ok: false; reason: 'damaged' }
  /** Encrypted, and no passphrase was given. */
  | { ok: false; reason: 'passphrase-required' }
  /** Decryption failed: a wrong passphrase, or the file was changed (AES-GCM cannot tell which). */
  | { ok: false; reason: 'wrong-passphrase' }
  /** An unencrypted file whose checksum does not match: changed or damaged after it was made. */
  | { ok: false; reason: 'checksum-mismatch' }
  /** Records that fail validation: the first few, and how many in all. */
  | { ok: false; reason: 'invalid-records'; problems: RecordProblem[]; total: number };

export type ReadResult = { ok: true; backup: BackupContent } | ReadFailure;

const headerSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: isoDate,
  app: z.literal('polku'),
  databaseVersion: z.number().int().min(1),
  encryption: z
    .strictObject({
      algorithm: z.literal('AES-GCM'),
      kdf: z.literal('PBKDF2-SHA-256'),
      iterations: z.number().int().min(1).max(MAX_ITERATIONS),
      salt: z.string().min(1),
      iv: z.string().min(1),
    })
    .nullable(),
  checksum: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional(),
  payload: z.union([z.string(), z.record(z.string(), z.unknown())]),
});

export type InspectResult = { ok: true; header: BackupHeader; file: z.output<typeof headerSchema> } | Exclude<ReadFailure, { reason: 'passphrase-required' | 'wrong-passphrase' | 'checksum-mismatch' | 'invalid-records' }>;

/** The header only: what the file is, before asking for a passphrase. */
export function inspectBackup(input: string): InspectResult {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    // A file cut off in the middle still starts like a backup.
    const start = input.trimStart().slice(0, 200);
    return start.startsWith('{') && start.includes(`"${BACKUP_FORMAT}"`) ? { ok: false, reason: 'incomplete' } : { ok: false, reason: 'not-backup' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || (value as { format?: unknown }).format !== BACKUP_FORMAT) return { ok: false, reason: 'not-backup' };
  const { version, databaseVersion } = value as { version?: unknown; databaseVersion?: unknown };
  const newerFormat = typeof version === 'number' && version > BACKUP_VERSION;
  const newerDatabase = typeof databaseVersion === 'number' && databaseVersion > DATABASE_VERSION;
  if (newerFormat || newerDatabase) {
    return { ok: false, reason: 'newer-version', version: typeof version === 'number' ? version : BACKUP_VERSION, databaseVersion: typeof databaseVersion === 'number' ? databaseVersion : DATABASE_VERSION };
  }
  const parsed = headerSchema.safeParse(value);
  // An unencrypted file always carries its checksum; an encrypted one is checked by AES-GCM instead.
  if (!parsed.success || (parsed.data.encryption === null) !== (parsed.data.checksum !== undefined)) return { ok: false, reason: 'damaged' };
  const { payload: _payload, ...header } = parsed.data;
  return { ok: true, header: header as BackupHeader, file: parsed.data };
}

/** Parses, decrypts and validates a backup; nothing is written. */
export async function readBackup(input: string, passphrase: string | null): Promise<ReadResult> {
  const inspected = inspectBackup(input);
  if (!inspected.ok) return inspected;
  const { header, file } = inspected;
  let payload: unknown;
  if (header.encryption === null) {
    if (typeof file.payload === 'string') return { ok: false, reason: 'damaged' };
    if ((await plainChecksum(header, file.payload)) !== file.checksum) return { ok: false, reason: 'checksum-mismatch' };
    payload = file.payload;
  } else {
    if (typeof file.payload !== 'string') return { ok: false, reason: 'damaged' };
    if (!passphrase) return { ok: false, reason: 'passphrase-required' };
    const salt = fromBase64(header.encryption.salt);
    const iv = fromBase64(header.encryption.iv);
    const cipher = fromBase64(file.payload);
    if (!salt || !iv || !cipher || iv.length !== 12 || salt.length < 8) return { ok: false, reason: 'damaged' };
    let plain: ArrayBuffer;
    try {
      const key = await deriveKey(passphrase, salt, header.encryption.iterations);
      plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData({ ...header, encryption: header.encryption }) as BufferSource }, key, cipher as BufferSource);
    } catch {
      return { ok: false, reason: 'wrong-passphrase' };
    }
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
    } catch {
      return { ok: false, reason: 'damaged' };
    }
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return { ok: false, reason: 'damaged' };
  const problems = await validateTables(payload as Record<string, unknown>);
  if (problems.length > 0) return { ok: false, reason: 'invalid-records', problems: problems.slice(0, MAX_PROBLEMS), total: problems.length };
  const tables = contentOf(payload as TableRows);
  // Device state never comes from another device, whatever the file says.
  return { ok: true, backup: { header, tables: { ...tables, settings: tables.settings.filter((row) => !DEVICE_STATE_SETTINGS.includes(row.key)) } } };
}

/** Rows by table name as the typed tables of a restore; a table an older version lacked (plans in a v2 backup) is empty. */
function contentOf(tables: TableRows): DeviceContent {
  const rows = <T>(name: keyof DeviceContent) => (tables[name] ?? []) as T[];
  return {
    cases: rows('cases'),
    administrations: rows('administrations'),
    instrumentPacks: rows('instrumentPacks'),
    instrumentStatus: rows('instrumentStatus'),
    settings: rows('settings'),
    audit: rows('audit'),
    plans: rows('plans'),
    attendance: rows('attendance'),
    exportProjects: rows('exportProjects'),
    studyIds: rows('studyIds'),
  };
}

async function validateTables(payload: Record<string, unknown>): Promise<RecordProblem[]> {
  const problems: RecordProblem[] = [];
  for (const [table, rows] of Object.entries(payload)) {
    const rule = table in RECORD_SCHEMAS ? RECORD_SCHEMAS[table as RecordTable] : undefined;
    if (!rule) {
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
      const result = checkRecord(table as RecordTable, row);
      if (!result.ok) {
        for (const path of result.paths) problems.push({ table, index, path, code: 'invalid-value' });
        return;
      }
      const key = (row as Record<string, unknown>)[rule.key];
      if (seen.has(key)) problems.push({ table, index, path: rule.key, code: 'duplicate-key' });
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

// ---------------------------------------------------------------------------------------------
// Planning and applying a restore

export type DeviceContent = BackupContent['tables'];

export interface MergeCounts {
  /** Not on this device: added. */
  added: number;
  /** On this device, the file's version is newer: replaced. */
  updated: number;
  /** On this device, the device's version is newer (or completed where the file has a draft): kept. */
  kept: number;
  /** The same on both. */
  same: number;
}

export interface RestorePlan {
  /** 'empty': the device has no cases; its settings are replaced by the file's. 'merge': the device keeps its settings. */
  mode: 'empty' | 'merge';
  createdAt?: string;
  cases: MergeCounts;
  /** Incoming cases whose code is used by another case on this device: they get a new code. */
  renamed: { caseId: string; from: string; to: string }[];
  administrations: MergeCounts;
  instrumentPacks: { added: number; same: number };
  /** The same id@version with other content on each side: the restore is refused. */
  packConflicts: string[];
  instrumentStatus: MergeCounts;
  audit: { added: number; same: number };
  settings: { restored: number; kept: number };
  plans: MergeCounts;
  attendance: MergeCounts;
  exportProjects: MergeCounts;
  /** A case's study ID in a project never changes: the device's stays ('kept') when the file differs. */
  studyIds: MergeCounts;
  writes: {
    /** Cases replaced by the file's version (deleted first, so swapped codes never clash). */
    replacedCaseIds: string[];
    cases: CaseRecord[];
    administrations: AdministrationRecord[];
    instrumentPacks: InstrumentPackRecord[];
    instrumentStatus: InstrumentStatusRecord[];
    settings: SettingRecord[];
    audit: AuditRecord[];
    plans: PlanRecord[];
    /** Attendance rows of the device replaced by the file's row for the same case and day. */
    replacedAttendanceIds: string[];
    attendance: AttendanceRecord[];
    exportProjects: ExportProjectRecord[];
    studyIds: StudyIdRecord[];
  };
}

const emptyCounts = (): MergeCounts => ({ added: 0, updated: 0, kept: 0, same: 0 });

/**
 * Which of two versions of one record ends up on the device: `prefer` settles it when it can
 * (a completed administration over a draft), else the later time stamp; a tie keeps the device's.
 */
function decide<T>(device: T, incoming: T, stamp: (r: T) => string, prefer?: (d: T, i: T) => 'device' | 'incoming' | null): 'updated' | 'kept' | 'same' {
  if (JSON.stringify(device) === JSON.stringify(incoming)) return 'same';
  const preferred = prefer?.(device, incoming) ?? null;
  if (preferred) return preferred === 'incoming' ? 'updated' : 'kept';
  return stamp(incoming) > stamp(device) ? 'updated' : 'kept';
}

const completedFirst = (d: AdministrationRecord, i: AdministrationRecord) => (d.status === i.status ? null : d.status === 'complete' ? 'device' : 'incoming');

function freeCode(code: string, used: Set<string>): string {
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${code.slice(0, Math.max(1, 32 - suffix.length))}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Merges one table by a key: rows the device lacks are added, rows on both go to `decide`.
 * Pushes the rows to write into `writes` and returns the ones that replace a device row.
 */
function mergeByKey<T>(device: T[], incoming: T[], key: (row: T) => string, stamp: (row: T) => string, counts: MergeCounts, writes: T[], prefer?: (d: T, i: T) => 'device' | 'incoming' | null): T[] {
  const mine = new Map(device.map((row) => [key(row), row]));
  const replacing: T[] = [];
  for (const row of incoming) {
    const existing = mine.get(key(row));
    if (!existing) {
      counts.added += 1;
      writes.push(row);
      continue;
    }
    const outcome = decide(existing, row, stamp, prefer);
    counts[outcome] += 1;
    if (outcome === 'updated') {
      writes.push(row);
      replacing.push(row);
    }
  }
  return replacing;
}

/** What restoring `incoming` into a device holding `current` will do. Pure. */
export function planRestore(current: DeviceContent, incoming: DeviceContent): RestorePlan {
  const mode = current.cases.length === 0 && current.administrations.length === 0 ? 'empty' : 'merge';
  const plan: RestorePlan = {
    mode,
    cases: emptyCounts(),
    renamed: [],
    administrations: emptyCounts(),
    instrumentPacks: { added: 0, same: 0 },
    packConflicts: [],
    instrumentStatus: emptyCounts(),
    audit: { added: 0, same: 0 },
    settings: { restored: 0, kept: 0 },
    plans: emptyCounts(),
    attendance: emptyCounts(),
    exportProjects: emptyCounts(),
    studyIds: emptyCounts(),
    writes: {
      replacedCaseIds: [],
      cases: [],
      administrations: [],
      instrumentPacks: [],
      instrumentStatus: [],
      settings: [],
      audit: [],
      plans: [],
      replacedAttendanceIds: [],
      attendance: [],
      exportProjects: [],
      studyIds: [],
    },
  };
  const { writes } = plan;

  // Cases: by id, the newer updatedAt wins; codes stay unique on the device.
  const deviceCases = new Map(current.cases.map((c) => [c.id, c]));
  const winners: CaseRecord[] = [];
  for (const kase of incoming.cases) {
    const mine = deviceCases.get(kase.id);
    if (!mine) {
      plan.cases.added += 1;
      winners.push(kase);
      continue;
    }
    const outcome = decide(mine, kase, (c) => c.updatedAt);
    plan.cases[outcome] += 1;
    if (outcome === 'updated') {
      winners.push({ ...kase, lastActivityAt: kase.lastActivityAt > mine.lastActivityAt ? kase.lastActivityAt : mine.lastActivityAt });
      writes.replacedCaseIds.push(kase.id);
    }
  }
  const replaced = new Set(writes.replacedCaseIds);
  const used = new Set(current.cases.filter((c) => !replaced.has(c.id)).map((c) => c.code));
  const winnerCodes = new Set(winners.map((c) => c.code));
  for (const kase of winners) {
    if (used.has(kase.code)) {
      const to = freeCode(kase.code, new Set([...used, ...winnerCodes]));
      plan.renamed.push({ caseId: kase.id, from: kase.code, to });
      writes.cases.push({ ...kase, code: to });
      used.add(to);
    } else {
      writes.cases.push(kase);
      used.add(kase.code);
    }
  }

  // Administrations: by id, the newer wins; a completed one is never replaced by a draft.
  mergeByKey(current.administrations, incoming.administrations, (a) => a.id, (a) => a.updatedAt, plan.administrations, writes.administrations, completedFirst);
  // Plans and research projects: by id, the newer wins (a plan keeps its own revision history).
  mergeByKey(current.plans, incoming.plans, (p) => p.id, (p) => p.updatedAt, plan.plans, writes.plans);
  mergeByKey(current.exportProjects, incoming.exportProjects, (p) => p.id, (p) => p.updatedAt, plan.exportProjects, writes.exportProjects);
  // Attendance: one row per case and day, whatever its id; the newer entry for the day wins.
  const dayKey = (row: AttendanceRecord) => `${row.caseId}|${row.date}`;
  const deviceDays = new Map(current.attendance.map((row) => [dayKey(row), row]));
  for (const row of mergeByKey(current.attendance, incoming.attendance, dayKey, (r) => r.updatedAt, plan.attendance, writes.attendance)) {
    const mine = deviceDays.get(dayKey(row));
    if (mine) writes.replacedAttendanceIds.push(mine.id);
  }
  // Study IDs: never changed once given (exports of a project must stay joinable); a new one is added
  // unless its study ID is already another case's in that project (random IDs: practically never).
  const deviceStudy = new Map(current.studyIds.map((row) => [row.id, row]));
  const takenStudyIds = new Set(current.studyIds.map((row) => `${row.projectId}:${row.studyId}`));
  for (const row of incoming.studyIds) {
    const mine = deviceStudy.get(row.id);
    if (mine) plan.studyIds[mine.studyId === row.studyId ? 'same' : 'kept'] += 1;
    else if (takenStudyIds.has(`${row.projectId}:${row.studyId}`)) plan.studyIds.kept += 1;
    else {
      plan.studyIds.added += 1;
      writes.studyIds.push(row);
      takenStudyIds.add(`${row.projectId}:${row.studyId}`);
    }
  }

  // Packs: an id@version is immutable; other content under the same reference refuses the restore.
  const devicePacks = new Map(current.instrumentPacks.map((p) => [p.ref, p]));
  for (const pack of incoming.instrumentPacks) {
    const mine = devicePacks.get(pack.ref);
    if (!mine) {
      plan.instrumentPacks.added += 1;
      writes.instrumentPacks.push(pack);
    } else if (mine.hash === pack.hash) plan.instrumentPacks.same += 1;
    else plan.packConflicts.push(pack.ref);
  }

  // Retired versions: by reference, the later change wins.
  mergeByKey(current.instrumentStatus, incoming.instrumentStatus, (s) => s.ref, (s) => s.changedAt, plan.instrumentStatus, writes.instrumentStatus);

  // Audit: the union (entries never change, so the same id is the same entry).
  const deviceAudit = new Set(current.audit.map((e) => e.id));
  for (const entry of incoming.audit) {
    if (deviceAudit.has(entry.id)) plan.audit.same += 1;
    else {
      plan.audit.added += 1;
      writes.audit.push(entry);
    }
  }

  // Settings: an empty device takes the file's; a device in use keeps its own.
  const incomingSettings = incoming.settings.filter((s) => !DEVICE_STATE_SETTINGS.includes(s.key));
  if (mode === 'empty') {
    plan.settings.restored = incomingSettings.length;
    writes.settings = incomingSettings;
  } else plan.settings.kept = incomingSettings.length;

  return plan;
}

/** The device's content as planRestore needs it (one read transaction). */
export async function readDevice(db: PolkuDatabase): Promise<DeviceContent> {
  return contentOf(await readContent(db));
}

export type ApplyResult = { ok: true; plan: RestorePlan } | { ok: false; reason: 'pack-conflict'; refs: string[] };

/**
 * Writes a read backup: plans again against the device as it is now, inside one read-write
 * transaction over every table, and appends a 'restore' audit entry. Any failure (a full disk)
 * aborts the transaction: nothing changes. Storage failures are thrown as StorageError.
 */
export async function applyRestore(db: PolkuDatabase, backup: BackupContent): Promise<ApplyResult> {
  return guarded(() =>
    db.transaction('rw', db.tables, async (): Promise<ApplyResult> => {
      // Read inside this transaction (readContent's joins it), so the plan is against the device as it is now.
      const current = await readDevice(db);
      const plan = planRestore(current, backup.tables);
      if (plan.packConflicts.length > 0) return { ok: false, reason: 'pack-conflict', refs: plan.packConflicts };
      const { writes } = plan;
      await db.cases.bulkDelete(writes.replacedCaseIds);
      await db.cases.bulkPut(writes.cases);
      await db.administrations.bulkPut(writes.administrations);
      await db.instrumentPacks.bulkPut(writes.instrumentPacks);
      await db.instrumentStatus.bulkPut(writes.instrumentStatus);
      await db.settings.bulkPut(writes.settings);
      await db.audit.bulkPut(writes.audit);
      await db.plans.bulkPut(writes.plans);
      // The day's old row goes first: [caseId+date] is unique.
      await db.attendance.bulkDelete(writes.replacedAttendanceIds);
      await db.attendance.bulkPut(writes.attendance);
      await db.exportProjects.bulkPut(writes.exportProjects);
      await db.studyIds.bulkPut(writes.studyIds);
      const detail = { cases: plan.cases.added + plan.cases.updated, administrations: plan.administrations.added + plan.administrations.updated };
      await appendAudit(db, { action: 'restore', target: 'database', detail }, now());
      return { ok: true, plan };
    }),
  );
}
