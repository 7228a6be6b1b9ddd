import { findSeeded, putInTheClear, rawRows, sampleRows } from '../../tests/support/sealed-rows';
import { testDatabase } from '../../tests/support/db';
import { KeySession } from './crypto/keys';
import { isSealed } from './crypto/rows';
import { DATABASE_VERSION, storesAt } from './tables';
import { changePassphrase, readKeyring, setUpEncryption, unlockDatabase } from './keyring';
import type { PolkuDatabase } from './db';

const FAST = { iterations: 1_000 };
const PASSPHRASE = 'correct horse battery';

/** A database holding the sample rows in the clear, as version 3 wrote them (below the encryption layer). */
async function plainSampleDatabase(): Promise<PolkuDatabase> {
  const db = testDatabase({ session: new KeySession() });
  await putInTheClear(db, sampleRows());
  return db;
}

const disk = (db: PolkuDatabase) => rawRows(db.name, DATABASE_VERSION, storesAt(DATABASE_VERSION, 'all'));

describe('the keyring', () => {
  it('seals a plaintext database at set-up; a crash half-way is finished by the next unlock, and the page opens only then', async () => {
    const db = await plainSampleDatabase();
    let batches = 0;
    const crash = () => {
      if (++batches === 3) throw new Error('the tab closed');
    };
    await expect(setUpEncryption(db, PASSPHRASE, { ...FAST, migration: { batchSize: 5, afterBatch: crash } })).rejects.toThrow('the tab closed');
    // The keyring is kept (the sealed rows need it), the page holds no key, the marker is not set.
    expect(db.keySession.unlocked).toBe(false);
    expect((await readKeyring(db))?.encryptedAt).toBeUndefined();
    const half = Object.values(await disk(db)).flat();
    expect(half.some(isSealed)).toBe(true);
    expect(findSeeded(half).length).toBeGreaterThan(0);

    await expect(unlockDatabase(db, 'not the passphrase')).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    const progress: number[] = [];
    await unlockDatabase(db, PASSPHRASE, { onProgress: (n) => progress.push(n) });
    expect(db.keySession.unlocked).toBe(true);
    expect((await readKeyring(db))?.encryptedAt).toEqual(expect.any(String));
    expect(progress.length).toBeGreaterThan(0);
    expect(findSeeded(Object.values(await disk(db)).flat())).toEqual([]);
    // Nothing lost: every sample row opens as it was written.
    const sample = sampleRows();
    expect((await db.cases.toArray()).map((c) => c.code).sort()).toEqual(sample.cases.map((c) => c.code).sort());
    expect(await db.attendance.count()).toBe(sample.attendance.length);
    expect((await db.studyIds.toArray()).map((s) => s.studyId)).toEqual(['S-7KQ2M9XA']);
  });

  it('refuses a second set-up (another tab was first) without touching the first keyring', async () => {
    const db = testDatabase({ session: new KeySession() });
    await setUpEncryption(db, PASSPHRASE, FAST);
    const first = await readKeyring(db);
    db.keySession.drop();
    await expect(setUpEncryption(db, 'another passphrase', FAST)).rejects.toMatchObject({ failure: 'conflict' });
    expect(await readKeyring(db)).toEqual(first);
    expect(db.keySession.unlocked).toBe(false);
    await expect(setUpEncryption(db, 'short', FAST)).rejects.toThrow('passphrase too short');
  });

  it('changes the passphrase by re-wrapping the same key: no record changes, the old passphrase no longer opens', async () => {
    const db = testDatabase({ session: new KeySession() });
    await setUpEncryption(db, PASSPHRASE, FAST);
    await db.cases.add({ id: 'c1', code: 'KEEP-001', birthYear: 2012, createdAt: 'x', updatedAt: 'x', lastActivityAt: 'x' });
    const before = await disk(db);
    await expect(changePassphrase(db, 'wrong one here', 'a new passphrase', FAST)).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    await changePassphrase(db, PASSPHRASE, 'a new passphrase', FAST);
    const after = await disk(db);
    expect(after.cases).toEqual(before.cases);
    expect(after.keyring![0]!.keyring.wrappedKey).not.toBe(before.keyring![0]!.keyring.wrappedKey);
    db.keySession.drop();
    await expect(unlockDatabase(db, PASSPHRASE)).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    await unlockDatabase(db, 'a new passphrase');
    expect((await db.cases.get('c1'))?.code).toBe('KEEP-001');
  });
});
