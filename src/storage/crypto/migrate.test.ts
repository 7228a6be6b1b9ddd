import Dexie from 'dexie';
import { findSeeded, rawRows, sampleRows, type Row, version3Stores, version4Stores } from '../../../tests/support/sealed-rows';
import { isSealed } from './envelope';
import { createKeyring, KeySession } from './keys';
import { installEncryption, type EncryptionHandle } from './middleware';
import { encryptPlaintextRows, isFullyEncrypted } from './migrate';
import { TABLE_POLICIES, type EncryptedTable } from './policies';
import { CIPHER_SUITE } from './suite';

const FAST = { iterations: 1_000 };
const options = (session: KeySession) => ({ policies: TABLE_POLICIES, session });
const opened: Dexie[] = [];

/** A plaintext version 3 database as Polku writes it today, with every table filled. */
async function version3Database(): Promise<{ name: string; rows: Record<EncryptedTable, Row[]> }> {
  const name = `migrate-${Math.random().toString(36).slice(2)}`;
  const rows = sampleRows();
  const db = new Dexie(name);
  db.version(3).stores(version3Stores());
  await db.open();
  await db.transaction('rw', db.tables, async () => {
    for (const [table, list] of Object.entries(rows)) await db.table(table).bulkAdd(list);
    await db.table('instrumentStatus').add({ ref: 'function-parent@1.0.0', retired: false, changedAt: '2026-11-01T00:00:00.000Z' });
  });
  db.close();
  return { name, rows };
}

async function openVersion4(name: string, session: KeySession): Promise<{ db: Dexie; handle: EncryptionHandle }> {
  const db = new Dexie(name);
  db.version(4).stores(version4Stores());
  const handle = installEncryption(db, options(session));
  await db.open();
  opened.push(db);
  return { db, handle };
}

const sorted = (list: Row[], key: string) => [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('encrypting a version 3 database', () => {
  it('survives a crash half-way: a second run finishes, nothing is lost or encrypted twice', async () => {
    const { name, rows } = await version3Database();
    const session = new KeySession();
    await createKeyring(session, 'passphrase', CIPHER_SUITE, FAST);
    const { db, handle } = await openVersion4(name, session);
    expect(await isFullyEncrypted(db, handle, options(session))).toBe(false);

    // The tab closes while the third batch of attendance is written (tables go in policy order): that batch commits nothing.
    let attendanceBatches = 0;
    const crash = (table: string) => {
      if (table === 'attendance' && ++attendanceBatches === 3) throw new Error('crash');
    };
    await expect(encryptPlaintextRows(db, handle, options(session), { batchSize: 4, afterBatch: crash })).rejects.toThrow('crash');
    const half = await rawRows(name, 4, version4Stores());
    const state = (table: string) => half[table]!.map((r) => isSealed(r));
    expect(state('cases').every(Boolean)).toBe(true);
    expect(state('attendance').filter(Boolean)).toHaveLength(8);
    expect(state('plans')).toEqual([true]);
    expect(state('studyIds')).toEqual([false]);
    for (const table of Object.keys(rows) as EncryptedTable[]) expect(half[table], table).toHaveLength(rows[table].length);

    const report = await encryptPlaintextRows(db, handle, options(session), { batchSize: 4 });
    expect(report.cases).toEqual({ rows: 2, sealed: 0 });
    expect(report.attendance).toEqual({ rows: 30, sealed: 22 });
    expect(report.studyIds).toEqual({ rows: 1, sealed: 1 });
    // Four settings, two of them the lock screen's (kept plain), all done in the first run.
    expect(report.settings).toEqual({ rows: 4, sealed: 0 });
    expect(await isFullyEncrypted(db, handle, options(session))).toBe(true);
    // Once more: nothing left to do.
    expect(Object.values(await encryptPlaintextRows(db, handle, options(session))).every((t) => t.sealed === 0)).toBe(true);

    // Every record reads back as it was; the disk holds none of the seeded strings.
    for (const [table, list] of Object.entries(rows) as [EncryptedTable, Row[]][]) {
      const key = TABLE_POLICIES[table].key;
      expect(sorted(await db.table(table).toArray(), key), table).toEqual(sorted(list, key));
    }
    expect(await db.table('instrumentStatus').count()).toBe(1);
    const disk = await rawRows(name, 4, version4Stores());
    expect(findSeeded(Object.values(disk).flat())).toEqual([]);
    // The new blind indexes are filled: the unique code lookup works on migrated rows.
    expect(
      await db
        .table('cases')
        .where('codeIndex')
        .equals(handle.blind('cases', 'code', 'FIX-002'))
        .count(),
    ).toBe(1);
  });

  it('refuses to run locked, and refuses a second key for a half-encrypted database', async () => {
    const { name } = await version3Database();
    const session = new KeySession();
    const { db, handle } = await openVersion4(name, session);
    await expect(encryptPlaintextRows(db, handle, options(session))).rejects.toMatchObject({ failure: 'locked' });
    expect((await rawRows(name, 4, version4Stores())).cases!.some((r) => isSealed(r))).toBe(false);
    await createKeyring(session, 'first', CIPHER_SUITE, FAST);
    const stop = () => {
      throw new Error('crash');
    };
    await expect(encryptPlaintextRows(db, handle, options(session), { batchSize: 1, afterBatch: (table) => table === 'administrations' && stop() })).rejects.toThrow('crash');
    await createKeyring(session, 'second', CIPHER_SUITE, FAST);
    await expect(encryptPlaintextRows(db, handle, options(session))).rejects.toMatchObject({ failure: 'tampered' });
  });
});
