import { testDatabase } from '../../tests/support/db';
import { administrationRecord, caseRecord, countingSession } from '../../tests/support/records';
import { createProject, EXPORT_READ_PAGE, listProjects, readExportSource, renameProject, saveExport } from './research';

describe('research projects', () => {
  it('creates, lists and renames projects, refusing a name that is taken, and audits without the name', async () => {
    const db = testDatabase();
    const b = await createProject(db, '  Validation study B ');
    const a = await createProject(db, 'Attendance study A');
    expect(b.name).toBe('Validation study B');
    await expect(createProject(db, 'Attendance study A')).rejects.toMatchObject({ failure: 'conflict' });
    await expect(renameProject(db, b.id, 'Attendance study A', 0)).rejects.toMatchObject({ failure: 'conflict' });
    await renameProject(db, b.id, 'Wave study', 0);
    expect((await listProjects(db)).map((p) => [p.id, p.name])).toEqual([
      [a.id, 'Attendance study A'],
      [b.id, 'Wave study'],
    ]);
    const audit = await db.audit.toArray();
    expect(audit.map((e) => `${e.target}:${e.action}`).sort()).toEqual(['research:create', 'research:create', 'research:update']);
    expect(JSON.stringify(audit)).not.toMatch(/study/i);
  });
});

describe('reading an export', () => {
  it('opens the completed questionnaires a page at a time, so that the screen is drawn between pages, and reads them all', async () => {
    // How many records are opened in one task of the event loop (fake-indexeddb answers each read in a task of its own).
    const perTask: number[] = [];
    let inTask = 0;
    const { session } = countingSession((table) => {
      if (table !== 'administrations') return;
      if (inTask === 0)
        setImmediate(() => {
          perTask.push(inTask);
          inTask = 0;
        });
      inTask += 1;
    });
    const db = testDatabase({ session });
    await db.cases.bulkAdd([caseRecord(1, 0, 0), caseRecord(2, 0, 0)]);
    const ids = Array.from({ length: 1_200 }, (_, n) => `a${String(n).padStart(4, '0')}`);
    await db.administrations.bulkAdd([
      ...ids.map((id, n) => administrationRecord(id, n % 2 ? 'case-1' : 'case-2', 'complete')),
      administrationRecord('draft-1', 'case-1', 'draft'),
      // A draft among them: read with its page's id range, and left out.
      administrationRecord('a0600-draft', 'case-1', 'draft'),
      administrationRecord('draft-2', 'case-2', 'draft'),
    ]);
    perTask.length = 0;
    // The requests made of the administrations store: a few reads of id ranges, not a read per id.
    const requests: string[] = [];
    const count = (method: 'get' | 'getAll') => {
      const original = IDBObjectStore.prototype[method] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
      return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
        if (this.name === 'administrations') requests.push(method);
        return original.apply(this, args);
      } as never);
    };
    const spies = [count('get'), count('getAll')];

    const source = await readExportSource(db);
    spies.forEach((spy) => spy.mockRestore());
    expect(requests).toEqual(['getAll', 'getAll', 'getAll']);
    expect(source.administrations.map((a) => a.id)).toEqual(ids);
    expect(source.cases).toHaveLength(2);
    expect(perTask.reduce((sum, n) => sum + n, 0)).toBe(1_201);
    // (One more in the page whose id range holds the draft.)
    expect(Math.max(...perTask)).toBeLessThanOrEqual(EXPORT_READ_PAGE + 1);
  });
});

describe('saving an export', () => {
  it('checks that the exported cases still exist without opening them, and saves nothing when one was deleted', async () => {
    const { session, opened } = countingSession();
    const db = testDatabase({ session });
    await db.cases.bulkAdd([caseRecord(1, 0, 0), caseRecord(2, 0, 0)]);
    const project = await createProject(db, 'Opened');
    const save = (exported: string[]) =>
      saveExport(db, {
        projectId: project.id,
        exported,
        known: new Map(),
        fresh: exported.map((caseId, n) => ({ caseId, studyId: `S-2345678${n}` })),
        detail: { cases: exported.length },
      });
    opened.clear();
    expect(await save(['case-1', 'case-2'])).toBe(1);
    expect(opened.get('cases') ?? 0).toBe(0);
    expect((await db.studyIds.toArray()).map((r) => r.caseId).sort()).toEqual(['case-1', 'case-2']);

    const other = await createProject(db, 'Gone');
    await db.cases.delete('case-2');
    expect(
      await saveExport(db, { projectId: other.id, exported: ['case-1', 'case-2'], known: new Map(), fresh: [{ caseId: 'case-1', studyId: 'S-AAAAAAAA' }], detail: {} }),
    ).toBeNull();
    expect(await db.studyIds.where('projectId').equals(other.id).count()).toBe(0);
  });
});
