/**
 * Every database version opens what the previous one wrote, with nothing lost or changed.
 * tests/fixtures/db-v<N>.json holds a database as version N wrote it (the example case, a draft
 * with multi-rating answers, settings); tests/support/db-versions.ts declares version N's schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { PolkuDatabase, DATABASE_VERSION, declareVersions } from './db';
import { SCHEMAS, writeOldVersion } from '../../tests/support/db-versions';
import { shipped } from '../../tests/support/shipped';
import { score } from '../scoring/score';
import { readSettings } from './settings';
import { asLocalDate } from '../plan/dates';
import { migrateTables, type Migration } from './migrations';
import { storesAt, TABLES, indexedFields, type TableName } from './tables';
import { KeySession } from './crypto/keys';
import { TABLE_POLICIES } from './crypto/policies';
import { isSealed } from './crypto/rows';
import { readKeyring, setUpEncryption } from './keyring';
import { findSeeded, rawRows } from '../../tests/support/sealed-rows';

const fixture = (version: number) => JSON.parse(readFileSync(join(__dirname, `../../tests/fixtures/db-v${version}.json`), 'utf8')) as Record<string, unknown[]>;

describe('database migrations', () => {
  it('is at version 4', () => {
    expect(DATABASE_VERSION).toBe(4);
    expect(new PolkuDatabase('schema-check').verno).toBe(4);
  });

  // Version 2 added the audit trail; version 3 plans, attendance and research projects: all start empty.
  // Version 4 encrypts: the rows stay in the clear until the passphrase is set, then every one is sealed.
  it.each([1, 2, 3])('opens a version %i database, seals it when the passphrase is set, with every record unchanged and the newer tables empty', async (version) => {
    const old = fixture(version);
    const name = `migration-v${version}-${Math.random()}`;
    await writeOldVersion(name, version, old);
    const db = new PolkuDatabase(name, { session: new KeySession() });
    await db.open();
    expect(db.verno).toBe(DATABASE_VERSION);
    expect(await readKeyring(db)).toBeUndefined();
    // Locked, before the passphrase: nothing of a case can be read, the clear settings can.
    await expect(db.cases.toArray()).rejects.toMatchObject({ failure: 'locked' });
    expect(await readSettings(db)).toMatchObject({ thresholdPreset: 'finland', locked: false });
    await setUpEncryption(db, 'a passphrase for tests', { iterations: 1_000 });
    expect((await readKeyring(db))?.encryptedAt).toEqual(expect.any(String));
    const disk = await rawRows(name, DATABASE_VERSION, storesAt(DATABASE_VERSION, 'all'));
    expect(findSeeded(Object.values(disk).flat()), 'personal strings on disk').toEqual([]);
    expect(disk.cases!.every((row) => isSealed(row) && typeof row.codeIndex === 'string')).toBe(true);
    for (const table of Object.keys(old)) {
      const rows = await db.table(table).toArray();
      const key = TABLES[table as TableName].key;
      const sort = (list: Record<string, string>[]) => [...list].sort((a, b) => a[key]!.localeCompare(b[key]!));
      expect(sort(rows), table).toEqual(sort(old[table] as Record<string, string>[]));
    }
    expect(await db.audit.count()).toBe(version === 1 ? 0 : 2);
    if (version < 3) for (const table of [db.plans, db.attendance, db.exportProjects, db.studyIds]) expect(await table.count(), table.name).toBe(0);
    else await db.attendance.clear();
    // The new unique index holds: one attendance row per case and day.
    const caseId = (old.cases![0] as { id: string }).id;
    const day = { caseId, date: asLocalDate('2026-11-02'), unit: 'lessons' as const, scheduled: 5, attended: 5, updatedAt: new Date().toISOString() };
    await db.attendance.add({ id: 'd1', ...day });
    await expect(db.attendance.add({ id: 'd2', ...day })).rejects.toThrow();
    // Still usable: the code index is unique, the draft's answers score, settings read back.
    expect(
      await db.cases
        .where('codeIndex')
        .equals(db.blind('cases', 'code', 'FIX-002'))
        .count(),
    ).toBe(1);
    const draft = (await db.administrations.where('status').equals('draft').toArray())[0]!;
    expect(draft.answers).toEqual({ dep1: { intensity: 2, impact: 1 } });
    const result = score(shipped('quality-function-parent@1.0.0'), draft.answers);
    expect(result.ok && result.report.scales.find((s) => s.id === 'depression' && s.rating === 'intensity')!.answered).toBe(1);
    expect(await readSettings(db)).toMatchObject({ thresholdPreset: 'sweden', practitionerName: 'Fixture Psychologist' });
    db.close();
    await db.delete();
  });

  it('declares each past version as that version declared it (tests/support/db-versions.ts keeps them frozen)', () => {
    for (const version of [1, 2, 3]) expect(storesAt(version, 'all'), `version ${version}`).toEqual(SCHEMAS[version]);
    expect(storesAt(DATABASE_VERSION, 'all')).toEqual(
      Object.fromEntries(new PolkuDatabase('stores-check').tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')])),
    );
  });

  it('lists the fields the key and indexes read (they stay readable by IndexedDB)', () => {
    expect(indexedFields('cases', 3)).toEqual(['id', 'code', 'lastActivityAt', 'createdAt']);
    expect(indexedFields('attendance', 3)).toEqual(['id', 'caseId', 'date']);
    expect(indexedFields('cases')).toEqual(['id', 'codeIndex', 'lastActivityAt', 'createdAt']);
    expect(indexedFields('attendance')).toEqual(['id', 'caseId', 'dateIndex']);
    expect(indexedFields('studyIds')).toEqual(['id', 'projectId', 'caseId', 'studyIdIndex']);
    expect(indexedFields('exportProjects')).toEqual(['id', 'nameIndex']);
    expect(indexedFields('plans', 2)).toEqual([]);
  });

  it('indexes, in an encrypted table, only fields its policy keeps clear or blind values', () => {
    for (const [table, policy] of Object.entries(TABLE_POLICIES)) {
      const readable: string[] = [...policy.clearFields, ...('blindIndexes' in policy ? policy.blindIndexes.map((b) => b.as) : [])];
      expect(
        indexedFields(table as TableName).filter((field) => !readable.includes(field)),
        table,
      ).toEqual([]);
    }
  });

  // A made-up version 2 that changes stored rows: the Dexie upgrade and a restore of an older
  // backup run the same function, so both give the same rows.
  const renaming: Migration[] = [
    { to: 2, rows: { cases: (row) => ({ ...row, code: `${String(row.code)}-v2` }), settings: (row) => (row.key === 'thresholdPreset' ? { ...row, value: 'finland' } : row) } },
  ];

  it("runs a version's row migration when Dexie opens an older database", async () => {
    const old = fixture(1);
    const name = `migration-rows-${Math.random()}`;
    await writeOldVersion(name, 1, old);
    const db = new Dexie(name);
    declareVersions(db, 2, renaming);
    await db.open();
    const codes = (await db.table('cases').toArray()).map((c: { code: string }) => c.code).sort();
    expect(codes).toEqual((old.cases as { code: string }[]).map((c) => `${c.code}-v2`).sort());
    expect((await db.table('settings').get('thresholdPreset')).value).toBe('finland');
    expect(await db.table('audit').count()).toBe(0);
    db.close();
    await db.delete();
  });

  it('runs the same row migration on the rows of an older backup, and only the ones after its version', () => {
    const old = fixture(1) as Record<string, Record<string, unknown>[]>;
    const migrated = migrateTables(old, 1, renaming);
    expect(migrated.cases!.map((c) => c.code)).toEqual(old.cases!.map((c) => `${String(c.code)}-v2`));
    expect(migrated.settings!.find((s) => s.key === 'thresholdPreset')!.value).toBe('finland');
    expect(migrated.administrations).toBe(old.administrations);
    expect(old.cases![0]!.code).not.toMatch(/-v2$/);
    expect(migrateTables(old, 2, renaming)).toBe(old);
    // What is not a row is left for validation to refuse.
    expect(migrateTables({ cases: [null, 'x'] } as never, 1, renaming)).toEqual({ cases: [null, 'x'] });
  });

  it("today's migrations leave the rows of a version 1, 2 or 3 database as they are", () => {
    for (const version of [1, 2, 3]) expect(migrateTables(fixture(version) as Record<string, Record<string, unknown>[]>, version)).toEqual(fixture(version));
  });
});
