import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { testDatabase } from '../../tests/support/db';
import { SCHEMAS, writeOldVersion } from '../../tests/support/db-versions';
import { miniDefinition } from '../../tests/support/mini-definition';
import { shipped, shippedCatalog } from '../../tests/support/shipped';
import { completeAdministration, saveAnswer, startAdministration } from './administrations';
import { allAudit } from './audit';
import { applyRestore, createBackup, makeBackup, readContent, readDevice } from './backup';
import { BACKUP_FORMAT, DEVICE_STATE_SETTINGS, inspectBackup, PBKDF2_ITERATIONS, plainChecksum } from './backup-file';
import { readBackup, type BackupContent } from './backup-validate';
import { planRestore } from './restore-plan';
import { RECORD_SCHEMAS } from './schemas';
import { DEVICE_TABLES, storesAt, TABLES, type TableName, type TableRows } from './tables';
import { findSeeded, rawRows } from '../../tests/support/sealed-rows';
import { createCase, updateCase } from './cases';
import { DATABASE_VERSION, PolkuDatabase } from './db';
import { loadExampleCase } from './example-case';
import { importPack, setRetired } from './packs';
import { hashPin } from './pin';
import { asLocalDate } from '../plan/dates';
import { SHIPPED_REFS } from './shipped-refs';
import { contentHash } from '../instrument/hash';
import { readSettings, writeSetting } from './settings';

/** Few iterations in tests; the default is checked once below. */
const FAST = 1_000;
const PASSPHRASE = 'kolme karhua metsässä';

const byKey = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));
const sorted = (tables: TableRows): TableRows => Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, [...rows].sort(byKey(TABLES[name as TableName].key))]));

/** An unencrypted file as someone who edits it on purpose would write it: with a checksum that matches. */
async function plainFile(payload: TableRows, createdAt = new Date().toISOString()): Promise<string> {
  const header = { format: BACKUP_FORMAT, version: 1, createdAt, app: 'polku', databaseVersion: DATABASE_VERSION, encryption: null } as const;
  return JSON.stringify({ ...header, checksum: await plainChecksum(header, payload), payload });
}

async function read(text: string, passphrase: string | null = PASSPHRASE): Promise<BackupContent> {
  const result = await readBackup(text, passphrase);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result.backup;
}

/** A device in use: the example case, a draft, settings (with device state), an imported and retired pack, audit entries. */
async function deviceInUse(db: PolkuDatabase) {
  await writeSetting(db, 'practitionerName', 'Psykologi P');
  await writeSetting(db, 'thresholdPreset', 'sweden');
  await writeSetting(db, 'pin', await hashPin('2468', 1_000));
  const example = await loadExampleCase(db, shippedCatalog);
  const kase = await createCase(db, { code: 'DRAFT-1', birthYear: 2012, displayName: 'Aino Ääkkönen' });
  const draft = await startAdministration(db, { caseId: kase.id, definition: shipped('quality-function-child@1.0.0'), informant: 'child', language: 'sv', mode: 'self-report' });
  await saveAnswer(db, shipped('quality-function-child@1.0.0'), draft.id, { itemId: 'dep1', ratingId: 'intensity', value: 2 });
  await saveAnswer(db, shipped('quality-function-child@1.0.0'), draft.id, { itemId: 'dep1', ratingId: 'impact', value: 1 }, 1);
  await importPack(db, { text: JSON.stringify({ ...miniDefinition(), version: '2.0.0' }), fileName: 'mini.json' }, shippedCatalog);
  await setRetired(db, 'mini@2.0.0', true);
  await writeSetting(db, 'handover', { administrationId: draft.id, startedAt: new Date().toISOString() });
  await writeSetting(db, 'locked', true);
  return { example, kase, draft };
}

describe('backup file', () => {
  it('holds every table, encrypted, behind a header readable without the passphrase', async () => {
    const db = testDatabase();
    await deviceInUse(db);
    const { text, fileName, counts } = await makeBackup(db, { passphrase: PASSPHRASE, iterations: FAST, at: new Date(2026, 10, 22, 23, 30) });
    expect(fileName).toBe('polku-backup-2026-11-22.polku');
    expect(counts).toEqual({ cases: 2, administrations: 15 });
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      format: 'polku-backup',
      version: 1,
      app: 'polku',
      databaseVersion: DATABASE_VERSION,
      encryption: { algorithm: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations: FAST },
    });
    expect(typeof file.payload).toBe('string');
    expect(atob(file.encryption.salt)).toHaveLength(16);
    expect(atob(file.encryption.iv)).toHaveLength(12);
    for (const secret of ['Esimerkki', 'Aino', 'DRAFT-1', 'Psykologi']) expect(text).not.toContain(secret);
    // Two backups of the same data never share salt, IV or ciphertext.
    const again = JSON.parse((await makeBackup(db, { passphrase: PASSPHRASE, iterations: FAST })).text);
    expect(again.encryption.salt).not.toBe(file.encryption.salt);
    expect(again.encryption.iv).not.toBe(file.encryption.iv);
    expect(again.payload).not.toBe(file.payload);
  });

  it('uses at least 600,000 PBKDF2 iterations by default, and the header says so', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const db = testDatabase();
    await createCase(db, { code: 'ONE', birthYear: 2012 });
    const { text } = await makeBackup(db, { passphrase: PASSPHRASE });
    const inspected = inspectBackup(text);
    expect(inspected.ok && inspected.header.encryption?.iterations).toBe(PBKDF2_ITERATIONS);
    expect((await read(text)).tables.cases.map((c) => c.code)).toEqual(['ONE']);
  });

  it('has a schema for every table of the database', () => {
    expect([...Object.keys(TABLES), ...Object.keys(DEVICE_TABLES)].sort()).toEqual(new PolkuDatabase('tables-check').tables.map((t) => t.name).sort());
    expect(Object.keys(RECORD_SCHEMAS).sort()).toEqual(Object.keys(TABLES).sort());
  });

  it('records the last backup and an audit entry with counts only', async () => {
    const db = testDatabase();
    await deviceInUse(db);
    const result = await createBackup(db, { passphrase: PASSPHRASE, iterations: FAST });
    expect((await readSettings(db)).lastBackupAt).toBe(result.createdAt);
    expect((await allAudit(db))[0]).toMatchObject({ action: 'backup', target: 'database', practitioner: 'Psykologi P', detail: { cases: 2, administrations: 15 } });
  });

  it('can be unencrypted, as an explicit choice', async () => {
    const db = testDatabase();
    await createCase(db, { code: 'OPEN-1', birthYear: 2011 });
    const { text } = await makeBackup(db, { passphrase: null });
    const file = JSON.parse(text);
    expect(file.encryption).toBeNull();
    expect(file.payload.cases[0].code).toBe('OPEN-1');
    expect((await read(text, null)).tables.cases[0]!.code).toBe('OPEN-1');
  });
});

describe('restore', () => {
  it('round trip: every table comes back record for record, except device state', async () => {
    const source = testDatabase();
    await deviceInUse(source);
    const before = await readContent(source);
    expect(before.settings!.map((s) => s.key)).not.toContain('handover');
    const { text } = await createBackup(source, { passphrase: PASSPHRASE, iterations: FAST });

    const target = testDatabase();
    const backup = await read(text);
    const plan = planRestore(await readDevice(target), backup.tables);
    expect(plan).toMatchObject({
      mode: 'empty',
      cases: { added: 2, updated: 0, kept: 0, same: 0 },
      administrations: { added: 15, updated: 0, kept: 0, same: 0 },
      instrumentPacks: { added: 1, same: 0 },
      instrumentStatus: { added: 1 },
      audit: { added: before.audit!.length, same: 0 },
      settings: { restored: 3, kept: 0 },
      renamed: [],
      packConflicts: [],
    });
    expect(await applyRestore(target, backup)).toMatchObject({ ok: true });

    const after = await readContent(target);
    const restoreEntry = after.audit!.find((e) => e.action === 'restore');
    expect(restoreEntry).toMatchObject({ target: 'database', practitioner: 'Psykologi P', detail: { cases: 2, administrations: 15 } });
    after.audit = after.audit!.filter((e) => e !== restoreEntry);
    expect(sorted(after)).toEqual(sorted(before));
    const settings = await target.settings.toArray();
    for (const key of DEVICE_STATE_SETTINGS) expect(settings.map((s) => s.key)).not.toContain(key);
    const restored = await readSettings(target);
    expect(restored).toMatchObject({ practitionerName: 'Psykologi P', thresholdPreset: 'sweden', locked: false });
    expect(restored.handover).toBeUndefined();
    expect((await target.administrations.where('status').equals('draft').first())!.answers).toEqual({ dep1: { intensity: 2, impact: 1 } });
  });

  it('merge: the newer edit wins, new cases come in, a clashing code is renamed, nothing is dropped', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      let minute = 0;
      const tick = () => vi.setSystemTime(new Date(Date.UTC(2026, 10, 22, 8, (minute += 1))));
      tick();
      const one = testDatabase();
      const alpha = await createCase(one, { code: 'ALPHA', birthYear: 2012 });
      const beta = await createCase(one, { code: 'BETA', birthYear: 2013 });
      const draft = await startAdministration(one, { caseId: alpha.id, definition: shipped('srasr-key-child@1.0.0'), informant: 'child', language: 'fi', mode: 'paper' });
      await saveAnswer(one, shipped('srasr-key-child@1.0.0'), draft.id, { itemId: '1', value: 4 });
      // Device two starts as a copy of device one.
      const two = testDatabase();
      await applyRestore(two, await read((await createBackup(one, { passphrase: PASSPHRASE, iterations: FAST })).text));

      tick();
      await updateCase(two, alpha.id, { code: 'ALPHA', birthYear: 2012, notes: 'edited on two' }, 0);
      await saveAnswer(two, shipped('srasr-key-child@1.0.0'), draft.id, { itemId: '2', value: 1 });
      await completeAdministration(two, draft.id, { withMissing: true });
      tick();
      await updateCase(one, alpha.id, { code: 'ALPHA', birthYear: 2012, notes: 'edited on one, later' }, 0);
      await updateCase(one, beta.id, { code: 'BETA', birthYear: 2013, notes: 'edited on one, earlier' }, 0);
      await saveAnswer(one, shipped('srasr-key-child@1.0.0'), draft.id, { itemId: '3', value: 6 }); // a draft, newer, but two completed it
      const gamma = await createCase(one, { code: 'GAMMA', birthYear: 2014 });
      const deltaOne = await createCase(one, { code: 'DELTA', birthYear: 2015 });
      tick();
      await updateCase(two, beta.id, { code: 'BETA', birthYear: 2013, notes: 'edited on two, later' }, 0);
      const deltaTwo = await createCase(two, { code: 'DELTA', birthYear: 2010 });

      const incoming = await read((await createBackup(one, { passphrase: PASSPHRASE, iterations: FAST })).text);
      const device = await readDevice(two);
      const plan = planRestore(device, incoming.tables);
      expect(plan).toMatchObject({
        mode: 'merge',
        cases: { added: 2, updated: 1, kept: 1, same: 0 },
        renamed: [{ caseId: deltaOne.id, from: 'DELTA', to: 'DELTA-2' }],
        administrations: { added: 0, updated: 0, kept: 1, same: 0 },
        settings: { restored: 0 },
      });
      expect(plan.cases.added + plan.cases.updated + plan.cases.kept + plan.cases.same).toBe(incoming.tables.cases.length);
      expect(await applyRestore(two, incoming)).toMatchObject({ ok: true });

      const cases = await two.cases.toArray();
      const ids = new Set(cases.map((c) => c.id));
      for (const c of [...device.cases, ...incoming.tables.cases]) expect(ids.has(c.id)).toBe(true);
      expect(cases).toHaveLength(5);
      const byId = new Map(cases.map((c) => [c.id, c]));
      expect(byId.get(alpha.id)!.notes).toBe('edited on one, later');
      expect(byId.get(beta.id)!.notes).toBe('edited on two, later');
      expect(byId.get(gamma.id)!.code).toBe('GAMMA');
      expect(byId.get(deltaTwo.id)!.code).toBe('DELTA');
      expect(byId.get(deltaOne.id)!.code).toBe('DELTA-2');
      const administration = (await two.administrations.get(draft.id))!;
      expect(administration.status).toBe('complete');
      expect(administration.answers).toEqual({ '1': 4, '2': 1 });
      // The audit trail is the union of both, plus the restore.
      const audit = await two.audit.toArray();
      const auditIds = new Set(audit.map((e) => e.id));
      for (const e of [...device.audit, ...incoming.tables.audit]) expect(auditIds.has(e.id)).toBe(true);
      expect(audit.filter((e) => e.action === 'restore')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  const empty = { administrations: [], instrumentPacks: [], instrumentStatus: [], settings: [], audit: [], plans: [], attendance: [], exportProjects: [], studyIds: [] };

  it('merges attendance by case and day, keeps study IDs, and writes plans and projects by the newer stamp', async () => {
    const stamp = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
    const kase = { id: 'c1', code: 'K-1', birthYear: 2012, createdAt: stamp(0), updatedAt: stamp(0), lastActivityAt: stamp(0) };
    const day = (id: string, date: string, attended: number, m: number) => ({
      id,
      caseId: 'c1',
      date: asLocalDate(date),
      unit: 'lessons' as const,
      scheduled: 6,
      attended,
      updatedAt: stamp(m),
    });
    const plan = (title: string, m: number) => ({
      id: 'p1',
      caseId: 'c1',
      title,
      goal: 'Back to school',
      steps: [],
      contacts: [],
      reviews: [],
      revisions: [],
      createdAt: stamp(0),
      updatedAt: stamp(m),
    });
    const project = { id: 'r1', name: 'Study', createdAt: stamp(0), updatedAt: stamp(0) };
    const study = (caseId: string, studyId: string) => ({ id: `r1:${caseId}`, projectId: 'r1', caseId, studyId, assignedAt: stamp(0) });
    const device = {
      ...empty,
      cases: [kase],
      attendance: [day('d-mon', '2026-01-05', 2, 1), day('d-tue', '2026-01-06', 6, 5)],
      plans: [plan('Device plan', 1)],
      exportProjects: [project],
      studyIds: [study('c1', 'S-AAAA')],
    };
    const incoming = {
      ...empty,
      cases: [kase],
      // Other ids for the same days: Monday is newer in the file, Tuesday older.
      attendance: [day('f-mon', '2026-01-05', 4, 3), day('f-tue', '2026-01-06', 1, 2), day('f-wed', '2026-01-07', 5, 2)],
      plans: [plan('File plan', 2)],
      exportProjects: [project],
      studyIds: [study('c1', 'S-BBBB')],
    };
    const result = planRestore(device, incoming);
    expect(result.attendance).toEqual({ added: 1, updated: 1, kept: 1, same: 0 });
    expect(result.writes.replacedAttendanceIds).toEqual(['d-mon']);
    expect(result.writes.attendance.map((r) => r.id)).toEqual(['f-mon', 'f-wed']);
    expect(result.plans).toEqual({ added: 0, updated: 1, kept: 0, same: 0 });
    expect(result.exportProjects).toEqual({ added: 0, updated: 0, kept: 0, same: 1 });
    expect(result.studyIds).toEqual({ added: 0, updated: 0, kept: 1, same: 0 });
    expect(result.writes.studyIds).toEqual([]);

    // Applied: one row per day, the file's Monday and Wednesday, the device's Tuesday; the device's study ID.
    const db = testDatabase();
    await db.transaction('rw', db.tables, async () => {
      await db.cases.add(kase);
      await db.attendance.bulkAdd(device.attendance);
      await db.plans.bulkAdd(device.plans);
      await db.exportProjects.bulkAdd(device.exportProjects);
      await db.studyIds.bulkAdd(device.studyIds);
    });
    const applied = await applyRestore(db, {
      header: { format: 'polku-backup', version: 1, createdAt: stamp(9), app: 'polku', databaseVersion: 3, encryption: null },
      tables: incoming,
    });
    expect(applied.ok).toBe(true);
    const days = (await db.attendance.toArray()).sort((a, b) => `${a.caseId} ${a.date}`.localeCompare(`${b.caseId} ${b.date}`));
    expect(days.map((r) => [r.date, r.attended])).toEqual([
      ['2026-01-05', 4],
      ['2026-01-06', 6],
      ['2026-01-07', 5],
    ]);
    expect((await db.plans.get('p1'))!.title).toBe('File plan');
    expect((await db.studyIds.get('r1:c1'))!.studyId).toBe('S-AAAA');
  });

  it('refuses plans, attendance and study IDs whose case or project is not in the file', async () => {
    const db = testDatabase();
    await loadExampleCase(db, shippedCatalog);
    const tables = await readContent(db);
    const stamp = new Date().toISOString();
    tables.plans = [{ id: 'p9', caseId: 'nobody', title: 'T', goal: 'g', steps: [], contacts: [], reviews: [], revisions: [], createdAt: stamp, updatedAt: stamp }];
    tables.studyIds = [{ id: `r9:${String(tables.cases![0]!.id)}`, projectId: 'r9', caseId: String(tables.cases![0]!.id), studyId: 'S-23456789', assignedAt: stamp }];
    const result = await readBackup(await plainFile(tables, stamp), null);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason === 'invalid-records' && result.problems.map((p) => [p.table, p.path, p.code])).toEqual([
      ['plans', 'caseId', 'missing-case'],
      ['studyIds', 'projectId', 'missing-project'],
    ]);
  });

  it('swaps codes between two updated cases without a clash', () => {
    const stamp = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
    const kase = (id: string, code: string, m: number) => ({ id, code, birthYear: 2012, createdAt: stamp(0), updatedAt: stamp(m), lastActivityAt: stamp(m) });
    const plan = planRestore({ ...empty, cases: [kase('a', 'X', 1), kase('b', 'Y', 1)] }, { ...empty, cases: [kase('a', 'Y', 2), kase('b', 'X', 2)] });
    expect(plan.renamed).toEqual([]);
    expect(plan.writes.replacedCaseIds).toEqual(['a', 'b']);
    expect(plan.writes.cases.map((c) => c.code)).toEqual(['Y', 'X']);
  });

  it('refuses an instrument pack whose id@version has other content here', async () => {
    const one = testDatabase();
    await importPack(one, { text: JSON.stringify({ ...miniDefinition(), version: '2.0.0' }) }, shippedCatalog);
    const two = testDatabase();
    const changed = miniDefinition();
    changed.title.en = 'Other mini';
    await importPack(two, { text: JSON.stringify({ ...changed, version: '2.0.0' }) }, shippedCatalog);
    const before = await readContent(two);
    const backup = await read((await makeBackup(one, { passphrase: PASSPHRASE, iterations: FAST })).text);
    expect(planRestore(await readDevice(two), backup.tables).packConflicts).toEqual(['mini@2.0.0']);
    expect(await applyRestore(two, backup)).toEqual({ ok: false, reason: 'pack-conflict', refs: ['mini@2.0.0'] });
    expect(await readContent(two)).toEqual(before);
  });

  describe('refuses every bad file with nothing changed', () => {
    let db: PolkuDatabase;
    let good: string;
    let before: TableRows;

    beforeEach(async () => {
      const source = testDatabase();
      await deviceInUse(source);
      good = (await makeBackup(source, { passphrase: PASSPHRASE, iterations: FAST })).text;
      db = testDatabase();
      await createCase(db, { code: 'HERE', birthYear: 2012 });
      before = await readContent(db);
    });

    /** Reads and, only if the file is good, restores; then the device must be as it was. */
    async function refused(text: string, passphrase: string | null = PASSPHRASE) {
      const result = await readBackup(text, passphrase);
      if (result.ok) await applyRestore(db, result.backup);
      expect(await readContent(db)).toEqual(before);
      return result;
    }

    const edit = (change: (file: any) => void) => {
      const file = JSON.parse(good);
      change(file);
      return JSON.stringify(file);
    };

    it('a wrong passphrase', async () => {
      expect(await refused(good, 'kolme karhua metsässä!')).toEqual({ ok: false, reason: 'wrong-passphrase' });
      expect(await refused(good, null)).toEqual({ ok: false, reason: 'passphrase-required' });
    });

    it('one flipped byte in the ciphertext, or a changed header', async () => {
      const flipped = edit((file) => {
        const bytes = Uint8Array.from(atob(file.payload), (c) => c.charCodeAt(0));
        bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
        file.payload = btoa(String.fromCharCode(...bytes));
      });
      expect(await refused(flipped)).toEqual({ ok: false, reason: 'wrong-passphrase' });
      expect(await refused(edit((file) => (file.createdAt = '2020-01-01T00:00:00.000Z')))).toEqual({ ok: false, reason: 'wrong-passphrase' });
    });

    it('a truncated file', async () => {
      expect(await refused(good.slice(0, Math.floor(good.length / 2)))).toEqual({ ok: false, reason: 'incomplete' });
      expect(await refused(good.slice(0, 40))).toEqual({ ok: false, reason: 'incomplete' });
    });

    it('a file in another format', async () => {
      expect(await refused(JSON.stringify(miniDefinition()))).toEqual({ ok: false, reason: 'not-backup' });
      expect(await refused('name;birthYear\nAino;2012\n')).toEqual({ ok: false, reason: 'not-backup' });
      expect(await refused('[1, 2, 3]')).toEqual({ ok: false, reason: 'not-backup' });
    });

    it('a backup made by a newer Polku', async () => {
      expect(await refused(edit((file) => (file.version = 2)))).toEqual({ ok: false, reason: 'newer-version', version: 2, databaseVersion: DATABASE_VERSION });
      expect(await refused(edit((file) => (file.databaseVersion = DATABASE_VERSION + 1)))).toEqual({
        ok: false,
        reason: 'newer-version',
        version: 1,
        databaseVersion: DATABASE_VERSION + 1,
      });
    });

    it('valid JSON of the wrong shape', async () => {
      expect(await refused(JSON.stringify({ format: BACKUP_FORMAT, version: 1 }))).toEqual({ ok: false, reason: 'damaged' });
      expect(await refused(edit((file) => (file.payload = { cases: 'all of them' })))).toEqual({ ok: false, reason: 'damaged' });
      expect(await refused(edit((file) => (file.encryption.iv = 'not base64!')))).toEqual({ ok: false, reason: 'damaged' });
    });

    it('a record failing validation, reported with table and index', async () => {
      const plain = JSON.parse((await makeBackup(db, { passphrase: null })).text);
      plain.payload.cases[0].birthYear = '2012';
      plain.payload.cases.push({ ...plain.payload.cases[0], id: 'second', code: 'OTHER', birthYear: 2012 });
      plain.payload.administrations = [{ id: 'x', caseId: 'second', answers: { a1: 'often' } }];
      const result = await refused(await plainFile(plain.payload, plain.createdAt), null);
      expect(result.ok).toBe(false);
      if (result.ok || result.reason !== 'invalid-records') throw new Error('expected invalid-records');
      expect(result.problems[0]).toEqual({ table: 'cases', index: 0, path: 'birthYear', code: 'invalid-value' });
      expect(result.problems).toContainEqual({ table: 'administrations', index: 0, path: 'answers.a1', code: 'invalid-value' });
      expect(result.total).toBeGreaterThan(5);
      expect(result.problems.length).toBeLessThanOrEqual(10);
    });

    it('an administration whose case is not in the file, and a pack whose hash does not match', async () => {
      const plain = JSON.parse((await makeBackup(testDatabase(), { passphrase: null })).text);
      const source = testDatabase();
      await deviceInUse(source);
      const content = await readContent(source);
      plain.payload = { ...content, cases: content.cases!.filter((c) => c.code !== 'DRAFT-1'), instrumentPacks: [{ ...content.instrumentPacks![0], hash: 'sha256:00' }] };
      const result = await refused(await plainFile(plain.payload, plain.createdAt), null);
      expect(result).toMatchObject({ ok: false, reason: 'invalid-records' });
      if (result.ok || result.reason !== 'invalid-records') return;
      expect(result.problems.map((p) => `${p.table} ${p.path} ${p.code}`)).toEqual(['administrations caseId missing-case', 'instrumentPacks hash hash-mismatch']);
    });
  });

  /** A backup made by database version `version`, of its fixture (tests/fixtures/db-v<N>.json). */
  async function backupOfVersion(version: number, passphrase: string | null) {
    const fixture = JSON.parse(readFileSync(join(__dirname, `../../tests/fixtures/db-v${version}.json`), 'utf8')) as TableRows;
    const name = `backup-v${version}-${Math.random()}`;
    await writeOldVersion(name, version, fixture);
    const old = new Dexie(name);
    old.version(version).stores(SCHEMAS[version]!);
    const { text } = await makeBackup(old as unknown as PolkuDatabase, { passphrase, iterations: FAST });
    old.close();
    await Dexie.delete(name);
    return { fixture, text };
  }

  it('a backup made by database version 1 (no audit table) restores into the current version', async () => {
    const { fixture, text } = await backupOfVersion(1, PASSPHRASE);
    const file = JSON.parse(text);
    expect(file.databaseVersion).toBe(1);

    const db = testDatabase();
    const backup = await read(text);
    expect(backup.tables.audit).toEqual([]);
    expect(await applyRestore(db, backup)).toMatchObject({ ok: true });
    const after = await readContent(db);
    const { audit, plans, attendance, exportProjects, studyIds, ...rest } = after;
    expect(sorted(rest)).toEqual(sorted(fixture));
    expect([plans, attendance, exportProjects, studyIds]).toEqual([[], [], [], []]);
    expect(audit!.map((e) => e.action)).toEqual(['restore']);
    expect(await readSettings(db)).toMatchObject({ thresholdPreset: 'sweden', practitionerName: 'Fixture Psychologist' });
  });

  // Its rows go through the migrations to version 3 (migrations.ts), then through today's checks.
  it('a backup made by database version 2 (no plans, attendance or research) restores into the current version, its audit trail too', async () => {
    const { fixture, text } = await backupOfVersion(2, null);
    expect(JSON.parse(text).databaseVersion).toBe(2);

    const db = testDatabase();
    await createCase(db, { code: 'ON-DEVICE', birthYear: 2013 });
    const backup = await read(text, null);
    expect(sorted({ audit: backup.tables.audit })).toEqual(sorted({ audit: fixture.audit! }));
    expect(await applyRestore(db, backup)).toMatchObject({ ok: true, plan: { mode: 'merge', cases: { added: 2 }, administrations: { added: 15 }, audit: { added: 2 } } });
    const { audit, plans, attendance, exportProjects, studyIds, settings, cases, ...rest } = await readContent(db);
    const { audit: oldAudit, settings: _settings, cases: oldCases, ...oldRest } = fixture;
    expect(sorted(rest)).toEqual(sorted(oldRest));
    expect(sorted({ cases: cases!.filter((c) => c.code !== 'ON-DEVICE') })).toEqual(sorted({ cases: oldCases! }));
    expect([plans, attendance, exportProjects, studyIds]).toEqual([[], [], [], []]);
    expect(sorted({ audit: audit!.filter((e) => oldAudit!.some((o) => o.id === e.id)) })).toEqual(sorted({ audit: oldAudit! }));
    // A device in use keeps its own settings (restore's merge rule), whatever version the file is.
    expect(settings!.map((s) => s.key)).not.toContain('practitionerName');
  });

  // Issue 17: a backup holds opened records under its own passphrase; a restore writes them through
  // the encryption middleware, so on this device they are sealed under this device's key.
  it('a restored version 3 backup is sealed under this device key: nothing of it in the clear on disk, all of it readable', async () => {
    const { fixture, text } = await backupOfVersion(3, PASSPHRASE);
    expect(text).not.toContain('Mikko');
    const db = testDatabase();
    expect(await applyRestore(db, await read(text))).toMatchObject({ ok: true });
    const disk = await rawRows(db.name, DATABASE_VERSION, storesAt(DATABASE_VERSION, 'all'));
    expect(findSeeded(Object.values(disk).flat())).toEqual([]);
    expect(disk.cases!.every((row) => 'enc' in row && typeof row.codeIndex === 'string')).toBe(true);
    const { audit: _audit, ...restored } = await readContent(db);
    const { audit: _old, ...expected } = fixture;
    expect(sorted(restored)).toEqual(sorted({ ...expected, settings: expected.settings!.filter((row) => !DEVICE_STATE_SETTINGS.includes(String(row.key))) }));
  });

  it('a full disk during the restore write changes nothing', async () => {
    const one = testDatabase();
    await deviceInUse(one);
    const two = testDatabase();
    const backup = await read((await makeBackup(one, { passphrase: PASSPHRASE, iterations: FAST })).text);
    await applyRestore(two, backup);
    await createCase(two, { code: 'ONLY-HERE', birthYear: 2011 });
    // Device one edits the draft's case, so the restore replaces a case before it fails.
    const drafted = (await one.cases
      .where('codeIndex')
      .equals(one.blind('cases', 'code', 'DRAFT-1'))
      .first())!;
    await new Promise((resolve) => setTimeout(resolve, 2));
    await updateCase(one, drafted.id, { code: 'DRAFT-1', birthYear: 2012, notes: 'newer' }, drafted.rev ?? 0);
    const newer = await read((await makeBackup(one, { passphrase: PASSPHRASE, iterations: FAST })).text);
    const before = await readContent(two);

    const bulkPut = vi.spyOn(two.cases, 'bulkPut').mockRejectedValue(Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }));
    await expect(applyRestore(two, newer)).rejects.toMatchObject({ name: 'StorageError', failure: 'quota' });
    expect(bulkPut).toHaveBeenCalled();
    bulkPut.mockRestore();
    expect(await readContent(two)).toEqual(before);

    // Once there is room again, the same file restores.
    expect(await applyRestore(two, newer)).toMatchObject({ ok: true, plan: { cases: { updated: 1 } } });
    expect((await two.cases.get(drafted.id))!.notes).toBe('newer');
  });
});

describe('restore trusts nothing in the file (issue 13)', () => {
  /** A device with one case and a completed questionnaire, as an unencrypted file's payload. */
  async function payload(): Promise<TableRows> {
    const source = testDatabase();
    await loadExampleCase(source, shippedCatalog);
    return readContent(source);
  }

  async function problemsOf(text: string): Promise<string[]> {
    const result = await readBackup(text, null);
    if (result.ok || result.reason !== 'invalid-records') throw new Error(`expected invalid-records, got ${JSON.stringify(result).slice(0, 200)}`);
    return result.problems.map((p) => `${p.table} ${p.index} ${p.path} ${p.code}`);
  }

  it('refuses what the case form refuses: a 1 MB note, a 5,000-character name, a code with a newline or markup, birth year 1900, extra fields', async () => {
    const tables = await payload();
    const kase = tables.cases![0]!;
    const variants: [Record<string, unknown>, string][] = [
      [{ notes: 'x'.repeat(1024 * 1024) }, 'notes'],
      [{ displayName: 'N'.repeat(5000) }, 'displayName'],
      [{ code: 'AB\nCD' }, 'code'],
      [{ code: 'AB\n' }, ''],
      [{ code: '<img src=x onerror=alert(1)>' }, 'code'],
      [{ birthYear: 1900 }, 'birthYear'],
      [{ secret: 'extra' }, ''],
    ];
    for (const [change, path] of variants) {
      const text = await plainFile({ ...tables, cases: [{ ...kase, ...change }] });
      expect(await problemsOf(text)).toEqual([`cases 0 ${path} invalid-value`]);
    }
    // The file as made restores (the schemas accept what Polku stores, with or without a revision).
    expect((await readBackup(await plainFile(tables), null)).ok).toBe(true);
    expect((await readBackup(await plainFile({ ...tables, cases: [{ ...kase, rev: 3 }] }), null)).ok).toBe(true);
    expect(await problemsOf(await plainFile({ ...tables, cases: [{ ...kase, rev: -1 }] }))).toEqual(['cases 0 rev invalid-value']);
  });

  it('refuses plan, attendance, setting and answer values the forms refuse', async () => {
    const tables = await payload();
    const caseId = String(tables.cases![0]!.id);
    const stamp = new Date().toISOString();
    const plan = { id: 'p1', caseId, title: 'T', goal: 'G'.repeat(2001), steps: [], contacts: [], reviews: [], revisions: [], createdAt: stamp, updatedAt: stamp };
    const day = { id: 'd1', caseId, date: '2026-02-30', unit: 'lessons', scheduled: 6, attended: 7, updatedAt: stamp };
    const administration = { ...tables.administrations![0]!, answers: { '<b>': 1 } };
    const text = await plainFile({
      ...tables,
      plans: [plan],
      attendance: [day],
      settings: [{ key: 'practitionerName', value: 'P'.repeat(121) }],
      administrations: [administration],
    });
    expect(await problemsOf(text)).toEqual([
      'administrations 0 answers.<b> invalid-value',
      'settings 0 value invalid-value',
      'plans 0 goal invalid-value',
      'attendance 0 date invalid-value',
      'attendance 0 attended invalid-value',
    ]);
  });

  it('refuses study IDs that are not of the generated form (a name and a code would reach the next export)', async () => {
    const tables = await payload();
    const kase = tables.cases![0]!;
    const stamp = new Date().toISOString();
    const project = { id: 'r1', name: 'Study', createdAt: stamp, updatedAt: stamp };
    const study = (studyId: string) => ({ id: `r1:${String(kase.id)}`, projectId: 'r1', caseId: kase.id, studyId, assignedAt: stamp });
    for (const studyId of [`${String(kase.displayName)} ${String(kase.code)}`, 'S-2345678', 'S-23456780', 's-23456789']) {
      expect(await problemsOf(await plainFile({ ...tables, exportProjects: [project], studyIds: [study(studyId)] }))).toEqual(['studyIds 0 studyId invalid-value']);
    }
    expect((await readBackup(await plainFile({ ...tables, exportProjects: [project], studyIds: [study('S-ZZ23XY9A')] }), null)).ok).toBe(true);
  });

  it('refuses a pack that claims a shipped id@version, even with a hash that matches its content', async () => {
    const tables = await payload();
    const definition = structuredClone(shipped('function-child@1.0.0'));
    definition.title.en = 'BACKDOOR';
    const pack = { ref: 'function-child@1.0.0', id: 'function-child', version: '1.0.0', definition, hash: await contentHash(definition), importedAt: new Date().toISOString() };
    expect(await problemsOf(await plainFile({ ...tables, instrumentPacks: [pack] }))).toEqual(['instrumentPacks 0 ref shipped-instrument']);
    // The very same content is refused too: a shipped definition never comes from a file.
    const same = { ...pack, definition: shipped('function-child@1.0.0'), hash: await contentHash(shipped('function-child@1.0.0')) };
    expect(await problemsOf(await plainFile({ ...tables, instrumentPacks: [same] }))).toEqual(['instrumentPacks 0 ref shipped-instrument']);
    expect(SHIPPED_REFS).toEqual(new Set(shippedCatalog.all().map((d) => `${d.id}@${d.version}`)));
  });

  it('an unencrypted backup carries a checksum: a changed answer, or a missing checksum, is refused', async () => {
    const db = testDatabase();
    await loadExampleCase(db, shippedCatalog);
    const { text } = await makeBackup(db, { passphrase: null });
    const file = JSON.parse(text);
    expect(file.checksum).toBe(await plainChecksum(file, file.payload));
    expect(file.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    // A completed form with a plain number answer (row order follows random ids; multi-rating forms hold objects).
    const completed = file.payload.administrations.find(
      (a: { status: string; answers: Record<string, unknown> }) => a.status === 'complete' && Object.values(a.answers).some((v) => typeof v === 'number'),
    );
    const [item, value] = Object.entries(completed.answers as Record<string, number>).find(([, v]) => typeof v === 'number')!;
    completed.answers[item] = value === 0 ? 1 : 0;
    expect(await readBackup(JSON.stringify(file), null)).toEqual({ ok: false, reason: 'checksum-mismatch' });
    const { checksum: _checksum, ...without } = JSON.parse(text);
    expect(await readBackup(JSON.stringify(without), null)).toEqual({ ok: false, reason: 'damaged' });
    // An encrypted file has no checksum field (AES-GCM checks it).
    const encrypted = JSON.parse((await makeBackup(db, { passphrase: PASSPHRASE, iterations: FAST })).text);
    expect('checksum' in encrypted).toBe(false);
    expect(await readBackup(JSON.stringify({ ...encrypted, checksum: file.checksum }), PASSPHRASE)).toEqual({ ok: false, reason: 'damaged' });
  });
});
