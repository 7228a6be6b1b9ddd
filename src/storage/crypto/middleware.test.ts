import Dexie, { liveQuery } from 'dexie';
import { findSeeded, rawRows, sampleRows, type Row, version4Stores } from '../../../tests/support/sealed-rows';
import { isSealed, openRecord, sealRecord } from './envelope';
import { createKeyring, KeySession, rewrapDataKey, unlockSession, type KeyringRecord } from './keys';
import { installEncryption, type EncryptionHandle } from './middleware';
import { TABLE_POLICIES, type EncryptedTable } from './policies';
import { CIPHER_SUITE } from './suite';

const FAST = { iterations: 1_000 };
const stores = version4Stores();
const open: Dexie[] = [];

async function encryptedDatabase(): Promise<{ db: Dexie; handle: EncryptionHandle; session: KeySession; keyring: KeyringRecord; name: string }> {
  const name = `encrypted-${Math.random().toString(36).slice(2)}`;
  const session = new KeySession();
  const keyring = await createKeyring(session, 'the passphrase', CIPHER_SUITE, FAST);
  const db = new Dexie(name);
  db.version(4).stores(stores);
  const handle = installEncryption(db, { policies: TABLE_POLICIES, session });
  await db.open();
  open.push(db);
  return { db, handle, session, keyring, name };
}

async function seed(db: Dexie): Promise<Record<EncryptedTable, Row[]>> {
  const rows = sampleRows();
  await db.transaction('rw', db.tables, async () => {
    for (const [table, list] of Object.entries(rows)) await db.table(table).bulkAdd(list);
  });
  return rows;
}

const byKey = (key: string) => (list: Row[]) => [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('the encryption middleware', () => {
  it('gives back every record as written, through get, bulkGet, toArray, index queries and cursors', async () => {
    const { db } = await encryptedDatabase();
    const rows = await seed(db);
    for (const [table, list] of Object.entries(rows) as [EncryptedTable, Row[]][]) {
      const key = TABLE_POLICIES[table].key;
      expect(byKey(key)(await db.table(table).toArray()), table).toEqual(byKey(key)(list));
      expect(await db.table(table).get(list[0]![key])).toEqual(list[0]);
      expect(await db.table(table).bulkGet(list.map((r) => r[key]))).toEqual(list);
      const viaCursor: Row[] = [];
      await db.table(table).each((row: Row) => viaCursor.push(row));
      expect(byKey(key)(viaCursor)).toEqual(byKey(key)(list));
    }
    const kase = rows.cases[0]!;
    expect(await db.table('administrations').where('caseId').equals(kase.id).count()).toBe(rows.administrations.filter((a) => a.caseId === kase.id).length);
    const drafts = await db.table('administrations').where('status').equals('draft').toArray();
    expect(drafts.map((a: Row) => a.answers)).toContainEqual({ dep1: { intensity: 2, impact: 1 } });
    // Filters and sortBy run on decrypted values (cursor, then memory).
    expect(
      await db
        .table('attendance')
        .filter((d: Row) => d.note !== undefined)
        .count(),
    ).toBe(1);
    const days = await db.table('attendance').where('caseId').equals(kase.id).sortBy('date');
    expect(days.map((d: Row) => d.date)).toEqual(rows.attendance.map((d) => d.date).sort());
    expect((await db.table('cases').orderBy('lastActivityAt').reverse().first()).displayName).toBeDefined();
  });

  it('stores none of the seeded personal strings: the raw database holds only clear fields, blind values and ciphertext', async () => {
    const { db, name, handle } = await encryptedDatabase();
    await seed(db);
    await db.table('cases').update((await db.table('cases').toArray())[0].id, { notes: 'Draft in progress, edited' });
    await db
      .table('plans')
      .toCollection()
      .modify((plan: Row) => {
        plan.goal = 'Mikko Ääkkönen back in class';
      });
    const beforeClose = await db.transaction('r', 'cases', (tx) =>
      handle
        .raw()
        .table('cases')
        .getMany({ trans: tx.idbtrans, keys: [sampleRows().cases[0]!.id] }),
    );
    expect(isSealed(beforeClose[0])).toBe(true);
    db.close();
    const disk = await rawRows(name, 4, stores);
    for (const table of Object.keys(TABLE_POLICIES)) {
      for (const row of disk[table]!)
        if (!(table === 'settings' && ['locked', 'lockIdleMinutes'].includes(row.key as string))) expect(isSealed(row), `${table} ${JSON.stringify(row).slice(0, 80)}`).toBe(true);
    }
    expect(findSeeded(Object.values(disk).flat())).toEqual([]);
    // The settings kept plain are the lock screen's, and only those.
    expect(disk.settings!.filter((r) => !isSealed(r))).toEqual([
      { key: 'lockIdleMinutes', value: 5, rev: 1 },
      { key: 'locked', value: false },
    ]);
  });

  it('looks personal values up by their blind values, and the unique indexes still hold', async () => {
    const { db, handle } = await encryptedDatabase();
    const rows = await seed(db);
    const kase = await db
      .table('cases')
      .where('codeIndex')
      .equals(handle.blind('cases', 'code', 'FIX-002'))
      .first();
    expect(kase.displayName).toBe('Mikko Ääkkönen');
    await expect(db.table('cases').add({ ...rows.cases[1], id: 'another', displayName: 'Copy' })).rejects.toMatchObject({ name: 'ConstraintError' });
    const study = rows.studyIds[0]!;
    const found = await db
      .table('studyIds')
      .where('[projectId+studyIdIndex]')
      .equals([study.projectId, handle.blind('studyIds', 'studyId', study.studyId)])
      .first();
    expect(found).toEqual(study);
    const day = rows.attendance[3]!;
    const week = await db
      .table('attendance')
      .where('[caseId+dateIndex]')
      .anyOf([[day.caseId, handle.blind('attendance', 'date', day.date)]])
      .toArray();
    expect(week).toEqual([day]);
    await expect(db.table('attendance').add({ ...day, id: 'same-day' })).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(
      await db
        .table('exportProjects')
        .where('nameIndex')
        .equals(handle.blind('exportProjects', 'name', 'Koulupolku pilot'))
        .count(),
    ).toBe(1);
    expect(() => handle.blind('cases', 'notes', 'x')).toThrow(/no blind index/);
  });

  it('works inside a transaction: reads, writes and updates keep it open to the end', async () => {
    const { db } = await encryptedDatabase();
    const rows = await seed(db);
    const kase = rows.cases[0]!;
    // Dexie's hooks sit above encryption: they see records as the app wrote them.
    const hooked: unknown[] = [];
    db.table('cases').hook('updating', (changes: Row, _key: unknown, stored: Row) => void hooked.push(stored.displayName, changes.school));
    await db.transaction('rw', ['cases', 'audit'], async () => {
      const stored = await db.table('cases').get(kase.id);
      await db.table('cases').put({ ...stored, notes: 'changed', rev: 3 });
      await db.table('audit').add({ id: 'audit-new', at: new Date().toISOString(), action: 'update', target: 'case', caseId: kase.id, practitioner: 'Fixture Psychologist' });
      expect((await db.table('cases').get(kase.id)).notes).toBe('changed');
      await db.table('cases').update(kase.id, { school: 'Uusi koulu' });
    });
    expect(await db.table('cases').get(kase.id)).toEqual({ ...kase, notes: 'changed', rev: 3, school: 'Uusi koulu' });
    expect(hooked).toEqual(['Mikko Ääkkönen', undefined, 'Mikko Ääkkönen', 'Uusi koulu']); // the put, then the update
  });

  it('live queries see decrypted rows and their changes', async () => {
    const { db } = await encryptedDatabase();
    const rows = await seed(db);
    const seen: string[][] = [];
    const subscription = liveQuery(() => db.table('cases').toArray()).subscribe((list: Row[]) => seen.push(list.map((c) => c.displayName as string).sort()));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await db.table('cases').update(rows.cases[0]!.id, { displayName: 'Renamed' });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['Esimerkki Oppilas', 'Renamed']));
    subscription.unsubscribe();
    expect(seen[0]).toEqual(['Esimerkki Oppilas', 'Mikko Ääkkönen']);
  });

  it('without a key refuses every write of an encrypted table (nothing stored) and every read; plain rows and tables still work', async () => {
    const { db, session, handle } = await encryptedDatabase();
    const rows = await seed(db);
    session.drop();
    const newCase = { ...rows.cases[0]!, id: 'locked-case', code: 'NEW-001' };
    await expect(db.table('cases').add(newCase)).rejects.toMatchObject({ failure: 'locked' });
    await expect(db.table('cases').bulkPut([newCase])).rejects.toThrow(/locked/);
    await expect(db.transaction('rw', 'cases', () => db.table('cases').put(newCase))).rejects.toThrow(/locked/);
    await expect(db.table('cases').get(rows.cases[0]!.id)).rejects.toMatchObject({ failure: 'locked' });
    await expect(db.table('cases').toArray()).rejects.toThrow(/locked/);
    await expect(db.table('cases').each(() => undefined)).rejects.toThrow(/locked/);
    await expect(db.table('settings').get('practitionerName')).rejects.toThrow(/locked/);
    // Counting and keys need no key; nothing was written.
    expect(await db.table('cases').count()).toBe(2);
    expect(
      await db.transaction(
        'r',
        'cases',
        async (tx) =>
          await handle
            .raw()
            .table('cases')
            .count({ trans: tx.idbtrans, query: { index: handle.raw().table('cases').schema.primaryKey, range: { type: 3 as never, lower: undefined, upper: undefined } } }),
      ),
    ).toBe(2);
    // The lock screen's settings, and instrument tables, need no key.
    await db.table('settings').put({ key: 'locked', value: true });
    expect(await db.table('settings').where('key').anyOf(['locked', 'lockIdleMinutes']).toArray()).toEqual([
      { key: 'lockIdleMinutes', value: 5, rev: 1 },
      { key: 'locked', value: true },
    ]);
    await db.table('instrumentStatus').put({ ref: 'x@1.0.0', retired: true, changedAt: new Date().toISOString() });
    expect(await db.table('instrumentStatus').count()).toBe(1);
    // Deleting needs no key either (a locked device can still be wiped).
    await db.table('cases').delete('locked-case');
  });

  it('refuses stored rows that were swapped, altered or written in plaintext behind its back', async () => {
    const { db, handle } = await encryptedDatabase();
    const rows = await seed(db);
    const [a, b] = rows.administrations as [Row, Row];
    await db.transaction('rw', 'administrations', async (tx) => {
      const core = handle.raw().table('administrations');
      const [rawA, rawB] = (await core.getMany({ trans: tx.idbtrans, keys: [a.id, b.id] })) as [Row, Row];
      await core.mutate({
        trans: tx.idbtrans,
        type: 'put',
        values: [
          { ...rawB, enc: rawA.enc },
          { ...rawA, caseId: 'another-case' },
        ],
      });
    });
    await expect(db.table('administrations').get(b.id)).rejects.toMatchObject({ failure: 'tampered' });
    await expect(db.table('administrations').get(a.id)).rejects.toThrow(`tampered: administrations "${a.id as string}"`);
    await expect(db.table('administrations').toArray()).rejects.toThrow(/tampered/);
    await db.transaction('rw', 'plans', (tx) =>
      handle
        .raw()
        .table('plans')
        .mutate({ trans: tx.idbtrans, type: 'put', values: [{ id: 'forged', caseId: a.caseId, title: 'Forged', updatedAt: new Date().toISOString() }] }),
    );
    await expect(db.table('plans').get('forged')).rejects.toMatchObject({ failure: 'plaintext' });
  });

  it('a passphrase change keeps the data readable; locking and unlocking with the new passphrase opens it', async () => {
    const { db, session, keyring } = await encryptedDatabase();
    const rows = await seed(db);
    const changed = await rewrapDataKey(keyring, 'the passphrase', 'a new passphrase', FAST);
    session.drop();
    await expect(unlockSession(session, changed, 'the passphrase', CIPHER_SUITE)).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    await unlockSession(session, changed, 'a new passphrase', CIPHER_SUITE);
    expect(byKey('id')(await db.table('plans').toArray())).toEqual(byKey('id')(rows.plans));
  });

  it('costs: sealing and opening 1,000 cases (timed, compared with no encryption)', async () => {
    const { db, session } = await encryptedDatabase();
    const plain = new Dexie(`plain-${Math.random()}`);
    plain.version(4).stores(stores);
    open.push(plain);
    const template = sampleRows().cases[1]!;
    const cases = Array.from({ length: 1_000 }, (_, i) => ({ ...template, id: `case-${i}`, code: `C${String(i).padStart(3, '0')}-XYZ` }));
    // The best of three runs: the first pays for compiling the cipher code; the machine is shared.
    const time = async (work: () => Promise<unknown>, runs = 1) => {
      let best = Infinity;
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        await work();
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const writePlain = await time(() => plain.table('cases').bulkAdd(cases));
    const writeSealed = await time(() => db.table('cases').bulkAdd(cases));
    const readPlain = await time(() => plain.table('cases').toArray(), 3);
    const readSealed = await time(() => db.table('cases').toArray(), 3);
    const keys = session.keys();
    const policy = TABLE_POLICIES.cases;
    const sealed = cases.map((c) => sealRecord(keys, 'cases', policy, c));
    const sealOnly = await time(async () => cases.map((c) => sealRecord(keys, 'cases', policy, c)), 3);
    const openOnly = await time(async () => sealed.map((row) => openRecord(keys, 'cases', policy, row)), 3);
    console.info(
      `[encryption] 1,000 cases: write ${writePlain.toFixed(0)} ms plain / ${writeSealed.toFixed(0)} ms encrypted; read ${readPlain.toFixed(0)} ms plain / ${readSealed.toFixed(0)} ms encrypted; ` +
        `seal alone ${sealOnly.toFixed(0)} ms, open alone ${openOnly.toFixed(0)} ms`,
    );
    expect(await db.table('cases').count()).toBe(1_000);
  });
});
