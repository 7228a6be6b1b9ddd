/**
 * Encrypting a plaintext database (version 3 rows in a version 4 database) in batches that can be
 * interrupted at any point. Each batch is one transaction: it reads up to `batchSize` rows in
 * primary key order below the middleware, seals the plaintext ones and puts them back. A row with
 * `enc` is already done, so running again after a crash (or a closed tab) carries on where the
 * last committed batch ended and never encrypts twice; a batch cut short commits nothing.
 */
import type Dexie from 'dexie';
import type { DBCoreKeyRange, DBCoreRangeType } from 'dexie';
import { isPlainRow, isSealed } from './rows';
import type { EncryptionHandle, EncryptionOptions } from './middleware';

export interface MigrationOptions {
  batchSize?: number;
  /** Called inside each batch's transaction once its rows are put (tests throw here to simulate a crash). */
  afterBatch?: (table: string, sealedInBatch: number) => void;
}

export interface TableMigration {
  rows: number;
  /** Rows sealed by this run (0 when an earlier run finished the table). */
  sealed: number;
}

type Row = Record<string, unknown>;
// DBCoreRangeType is a const enum, which isolated modules cannot read: its values, typed.
const ANY = 3 as DBCoreRangeType;
const RANGE = 2 as DBCoreRangeType;

export async function encryptPlaintextRows(
  db: Dexie,
  handle: EncryptionHandle,
  { policies, session }: EncryptionOptions,
  options: MigrationOptions = {},
): Promise<Record<string, TableMigration>> {
  const batchSize = options.batchSize ?? 200;
  session.keys(); // locked: refuse before touching anything
  const report: Record<string, TableMigration> = {};
  for (const [table, policy] of Object.entries(policies)) {
    if (!db.tables.some((t) => t.name === table)) continue;
    const result: TableMigration = { rows: 0, sealed: 0 };
    let after: unknown;
    let keyChecked = false;
    for (;;) {
      const batch = await db.transaction('rw', table, async (tx) => {
        const core = handle.raw().table(table);
        const trans = tx.idbtrans;
        const range: DBCoreKeyRange =
          after === undefined ? { type: ANY, lower: undefined, upper: undefined } : { type: RANGE, lower: after, lowerOpen: true, upper: handle.raw().MAX_KEY, upperOpen: false };
        const { result: rows } = await core.query({ trans, values: true, limit: batchSize, query: { index: core.schema.primaryKey, range } });
        const { keys, suite } = session.cipher();
        const sealed: Row[] = [];
        for (const row of rows as Row[]) {
          if (isSealed(row)) {
            // Rows sealed by an earlier run must open with this key: never mix two keys in one database.
            if (!keyChecked) suite.openRecord(keys, table, policy, row);
            keyChecked = true;
          } else if (!isPlainRow(policy, row)) sealed.push(suite.sealRecord(keys, table, policy, row));
        }
        if (sealed.length > 0) {
          const response = await core.mutate({ trans, type: 'put', values: sealed });
          if (response.numFailures > 0) throw Object.values(response.failures)[0] ?? new Error(`${table}: a sealed row was refused`);
        }
        options.afterBatch?.(table, sealed.length);
        return { count: rows.length, sealed: sealed.length, last: rows.length > 0 ? (rows[rows.length - 1] as Row)[policy.key] : undefined };
      });
      result.rows += batch.count;
      result.sealed += batch.sealed;
      if (batch.count < batchSize) break;
      after = batch.last;
    }
    report[table] = result;
  }
  return report;
}

/** Whether every row of every encrypted table is sealed (or one the policy keeps plain): the migration is done. */
export async function isFullyEncrypted(db: Dexie, handle: EncryptionHandle, { policies }: Pick<EncryptionOptions, 'policies'>): Promise<boolean> {
  for (const [table, policy] of Object.entries(policies)) {
    if (!db.tables.some((t) => t.name === table)) continue;
    const plain = await db.transaction('r', table, async (tx) => {
      const core = handle.raw().table(table);
      const { result } = await core.query({ trans: tx.idbtrans, values: true, query: { index: core.schema.primaryKey, range: { type: ANY, lower: undefined, upper: undefined } } });
      return (result as Row[]).some((row) => !isSealed(row) && !isPlainRow(policy, row));
    });
    if (plain) return false;
  }
  return true;
}
