import { testDatabase } from '../../tests/support/db';
import { createProject, listProjects, renameProject } from './research';

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
