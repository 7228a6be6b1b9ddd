/**
 * Every database version opens what the previous one wrote, with nothing lost or changed.
 * tests/fixtures/db-v<N>.json holds a database as version N wrote it (the example case, a draft
 * with multi-rating answers, settings); tests/support/db-versions.ts declares version N's schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolkuDatabase, DATABASE_VERSION } from './db';
import { writeOldVersion } from '../../tests/support/db-versions';
import { shipped } from '../../tests/support/shipped';
import { score } from '../scoring/score';
import { readSettings } from './settings';

const fixture = (version: number) => JSON.parse(readFileSync(join(__dirname, `../../tests/fixtures/db-v${version}.json`), 'utf8')) as Record<string, unknown[]>;

describe('database migrations', () => {
  it('is at version 3', () => {
    expect(DATABASE_VERSION).toBe(3);
    expect(new PolkuDatabase('schema-check').verno).toBe(3);
  });

  // Version 2 added the audit trail; version 3 plans, attendance and research projects: all start empty.
  it.each([1, 2])('opens a version %i database with every record unchanged and the newer tables empty', async (version) => {
    const old = fixture(version);
    const name = `migration-v${version}-${Math.random()}`;
    await writeOldVersion(name, version, old);
    const db = new PolkuDatabase(name);
    await db.open();
    expect(db.verno).toBe(DATABASE_VERSION);
    for (const table of Object.keys(old)) {
      const rows = await db.table(table).toArray();
      const key = table === 'settings' ? 'key' : table === 'instrumentStatus' || table === 'instrumentPacks' ? 'ref' : 'id';
      const sort = (list: Record<string, string>[]) => [...list].sort((a, b) => a[key]!.localeCompare(b[key]!));
      expect(sort(rows), table).toEqual(sort(old[table] as Record<string, string>[]));
    }
    expect(await db.audit.count()).toBe(version === 1 ? 0 : 2);
    for (const table of [db.plans, db.attendance, db.exportProjects, db.studyIds]) expect(await table.count(), table.name).toBe(0);
    // The new unique index holds: one attendance row per case and day.
    const caseId = (old.cases![0] as { id: string }).id;
    const day = { caseId, date: '2026-11-02', unit: 'lessons' as const, scheduled: 5, attended: 5, updatedAt: new Date().toISOString() };
    await db.attendance.add({ id: 'd1', ...day });
    await expect(db.attendance.add({ id: 'd2', ...day })).rejects.toThrow();
    // Still usable: the code index is unique, the draft's answers score, settings read back.
    expect(await db.cases.where('code').equals('FIX-002').count()).toBe(1);
    const draft = (await db.administrations.where('status').equals('draft').toArray())[0]!;
    expect(draft.answers).toEqual({ dep1: { intensity: 2, impact: 1 } });
    const result = score(shipped('quality-function-parent@1.0.0'), draft.answers);
    expect(result.ok && result.report.scales.find((s) => s.id === 'depression' && s.rating === 'intensity')!.answered).toBe(1);
    expect(await readSettings(db)).toMatchObject({ thresholdPreset: 'sweden', practitionerName: 'Fixture Psychologist' });
    db.close();
    await db.delete();
  });
});
