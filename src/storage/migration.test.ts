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

const fixtureV1 = JSON.parse(readFileSync(join(__dirname, '../../tests/fixtures/db-v1.json'), 'utf8')) as Record<string, unknown[]>;

describe('database migrations', () => {
  it('is at version 2', () => {
    expect(DATABASE_VERSION).toBe(2);
    expect(new PolkuDatabase('schema-check').verno).toBe(2);
  });

  it('opens a version 1 database with every record unchanged and an empty audit trail', async () => {
    const name = `migration-v1-${Math.random()}`;
    await writeOldVersion(name, 1, fixtureV1);
    const db = new PolkuDatabase(name);
    await db.open();
    expect(db.verno).toBe(2);
    for (const table of ['cases', 'administrations', 'instrumentPacks', 'instrumentStatus', 'settings'] as const) {
      const rows = await db.table(table).toArray();
      const key = table === 'settings' ? 'key' : table === 'instrumentStatus' || table === 'instrumentPacks' ? 'ref' : 'id';
      const sort = (list: Record<string, string>[]) => [...list].sort((a, b) => a[key]!.localeCompare(b[key]!));
      expect(sort(rows), table).toEqual(sort(fixtureV1[table] as Record<string, string>[]));
    }
    expect(await db.audit.count()).toBe(0);
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
