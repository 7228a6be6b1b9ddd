/** The case list's reads (issue 14): exact counts from the indexes, without opening a questionnaire. */
import { testDatabase } from '../../tests/support/db';
import { administrationRecord as administration, caseRecord as kase, countingSession } from '../../tests/support/records';
import { casesWithCounts, firstCases } from './reads';
import type { CaseRecord } from './records';

async function seeded() {
  const { session, opened } = countingSession();
  const db = testDatabase({ session });
  // Activity order (newest first): case-2, case-0, case-3, case-1; creation order: case-3, case-1, case-2, case-0.
  await db.cases.bulkAdd([kase(0, 30, 1), kase(1, 10, 3), kase(2, 40, 2), kase(3, 20, 4)]);
  await db.administrations.bulkAdd([
    administration('a1', 'case-0', 'complete'),
    administration('a2', 'case-0', 'complete'),
    administration('a3', 'case-0', 'draft'),
    administration('a4', 'case-2', 'draft'),
    administration('a5', 'case-2', 'draft'),
    administration('a6', 'case-3', 'complete'),
  ]);
  opened.clear();
  return { db, opened };
}

const rows = (cases: { record: CaseRecord; completed: number; drafts: number }[]) => cases.map(({ record, completed, drafts }) => [record.code, completed, drafts]);

describe('case list reads', () => {
  it('first rows: the newest cases by the index asked for, with their counts and the total, opening only those cases', async () => {
    const { db, opened } = await seeded();
    const byActivity = await firstCases(db, 'lastActivityAt', 2);
    expect(byActivity.total).toBe(4);
    expect(rows(byActivity.cases)).toEqual([
      ['K-2', 0, 2],
      ['K-0', 2, 1],
    ]);
    expect(Object.fromEntries(opened)).toEqual({ cases: 2 });

    const byCreation = await firstCases(db, 'createdAt', 3);
    expect(rows(byCreation.cases)).toEqual([
      ['K-3', 1, 0],
      ['K-1', 0, 0],
      ['K-2', 0, 2],
    ]);
  });

  it('the whole list: every case with its completed and unfinished questionnaires, without opening a questionnaire', async () => {
    const { db, opened } = await seeded();
    const all = await casesWithCounts(db);
    expect(rows(all).sort()).toEqual([
      ['K-0', 2, 1],
      ['K-1', 0, 0],
      ['K-2', 0, 2],
      ['K-3', 1, 0],
    ]);
    expect(Object.fromEntries(opened)).toEqual({ cases: 4 });
  });
});
