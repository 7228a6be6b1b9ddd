/**
 * Backup and restore of the whole database in one file: making the file from the database and
 * writing a read one into it. The file's format and encryption are in backup-file.ts, reading and
 * checking a file in backup-validate.ts, what a restore will do (pure) in restore-plan.ts.
 *
 * `applyRestore` writes a restore in one transaction, or nothing at all. No crypto inside a Dexie
 * transaction: it would let the transaction commit early.
 */
import type { PolkuDatabase } from './db';
import { now } from './db';
import { appendAudit, auditTables } from './audit';
import { backupFileName, DEVICE_STATE_SETTINGS, writeBackupFile, type FileOptions } from './backup-file';
import type { BackupContent } from './backup-validate';
import { guarded } from './errors';
import { planRestore, type DeviceContent, type RestorePlan } from './restore-plan';
import { writeSetting } from './settings';
import { contentOf, TABLE_NAMES, type TableRows } from './tables';

// ---------------------------------------------------------------------------------------------
// Making a backup

/**
 * Every table of the registry, read in one read-only transaction (records come out opened: a backup
 * holds plaintext under its own passphrase); settings without the device-state keys. The keyring
 * (a device table) never goes into a file.
 */
export async function readContent(db: PolkuDatabase): Promise<TableRows> {
  // A database of an older version (tests make backups of the fixtures) lacks the later tables.
  const registered = TABLE_NAMES.filter((name) => db.tables.some((t) => t.name === name)).map((name) => db.table(name));
  return guarded(() =>
    db.transaction('r', registered, async () => {
      const tables: TableRows = {};
      for (const table of registered) {
        const rows = (await table.toArray()) as Record<string, unknown>[];
        tables[table.name] = table.name === 'settings' ? rows.filter((row) => !DEVICE_STATE_SETTINGS.includes(String(row.key))) : rows;
      }
      return tables;
    }),
  );
}

export interface BackupOptions extends Pick<FileOptions, 'passphrase' | 'iterations'> {
  at?: Date;
}

export interface BackupResult {
  text: string;
  fileName: string;
  createdAt: string;
  encrypted: boolean;
  counts: { cases: number; administrations: number };
}

/** Makes the file (nothing is written to the database: see recordBackup). */
export async function makeBackup(db: PolkuDatabase, options: BackupOptions): Promise<BackupResult> {
  const at = options.at ?? new Date();
  const tables = await readContent(db);
  const counts = { cases: tables.cases?.length ?? 0, administrations: tables.administrations?.length ?? 0 };
  const createdAt = at.toISOString();
  const text = await writeBackupFile(tables, { passphrase: options.passphrase, iterations: options.iterations, createdAt, databaseVersion: db.verno });
  return { text, fileName: backupFileName(at), createdAt, encrypted: options.passphrase !== null, counts };
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
// Applying a restore (read and checked by readBackup, backup-validate.ts)

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
