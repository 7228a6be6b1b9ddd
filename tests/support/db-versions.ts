/**
 * The database as earlier versions of Polku declared it, to write old-version fixtures and check
 * that the current version opens them with nothing lost. Never change a past version here.
 */
import Dexie from 'dexie';

export const SCHEMAS: Record<number, Record<string, string>> = {
  1: {
    cases: 'id, &code, lastActivityAt, createdAt',
    administrations: 'id, caseId, status, startedAt, updatedAt',
    instrumentPacks: 'ref, id',
    instrumentStatus: 'ref',
    settings: 'key',
  },
  2: {
    cases: 'id, &code, lastActivityAt, createdAt',
    administrations: 'id, caseId, status, startedAt, updatedAt',
    instrumentPacks: 'ref, id',
    instrumentStatus: 'ref',
    settings: 'key',
    audit: 'id, at, caseId, action',
  },
  3: {
    cases: 'id, &code, lastActivityAt, createdAt',
    administrations: 'id, caseId, status, startedAt, updatedAt',
    instrumentPacks: 'ref, id',
    instrumentStatus: 'ref',
    settings: 'key',
    audit: 'id, at, caseId, action',
    plans: 'id, caseId, updatedAt',
    attendance: 'id, caseId, &[caseId+date]',
    exportProjects: 'id, name',
    studyIds: 'id, projectId, caseId, &[projectId+studyId]',
  },
};

/** Opens a database at an old version and fills it with a fixture: { table: rows[] }. */
export async function writeOldVersion(name: string, version: number, fixture: Record<string, unknown[]>): Promise<void> {
  const db = new Dexie(name);
  db.version(version).stores(SCHEMAS[version]!);
  await db.open();
  await db.transaction('rw', db.tables, async () => {
    for (const [table, rows] of Object.entries(fixture)) await db.table(table).bulkAdd(rows);
  });
  db.close();
}
