import { testDatabase } from '../../tests/support/db';
import type { AttendanceDayValues } from '../plan/schema';
import { attendanceOfCase, deleteAttendanceDay, saveAttendanceWeek, type WeekBase } from './attendance';
import { createCase } from './cases';
import { asLocalDate } from '../plan/dates';

const blank = (date: string): AttendanceDayValues => ({ date: asLocalDate(date), scheduled: '', attended: '', morning: '', school: '', evening: '', note: '' });
const week = () => [
  { ...blank('2026-03-02'), scheduled: '6', attended: '3', morning: '8', note: 'Stomach ache' },
  { ...blank('2026-03-03'), scheduled: '6', attended: '6' },
  blank('2026-03-04'),
  { ...blank('2026-03-05'), scheduled: '5', attended: '4,5' },
  blank('2026-03-06'),
];

const DATES = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
/** The base of a form opened on an empty week. */
const emptyBase = (): WeekBase => ({ values: { unit: 'lessons', days: DATES.map(blank) }, revs: Object.fromEntries(DATES.map((d) => [d, null])) });

// Entries written within one millisecond have no order of their own: compare them sorted.
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('attendance log', () => {
  it('saves a week in one go: entered days stored, blank days not', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-001', birthYear: 2013 });
    const first = await saveAttendanceWeek(db, kase.id, { unit: 'lessons', days: week() }, emptyBase());
    expect(first).toEqual({ days: 3, removed: 0, revs: { '2026-03-02': 1, '2026-03-03': 1, '2026-03-04': null, '2026-03-05': 1, '2026-03-06': null } });
    const rows = await attendanceOfCase(db, kase.id);
    expect(rows.map(({ id: _i, updatedAt: _u, ...r }) => r)).toEqual([
      { caseId: kase.id, date: '2026-03-02', unit: 'lessons', scheduled: 6, attended: 3, distress: { morning: 8 }, note: 'Stomach ache', rev: 1 },
      { caseId: kase.id, date: '2026-03-03', unit: 'lessons', scheduled: 6, attended: 6, rev: 1 },
      { caseId: kase.id, date: '2026-03-05', unit: 'lessons', scheduled: 5, attended: 4.5, rev: 1 },
    ]);
    expect((await db.cases.get(kase.id))!.lastActivityAt).toBe(rows[0]!.updatedAt);

    // Saved again: a day changed (same row), a day emptied (row removed), the others untouched.
    const edited = week();
    edited[1] = { ...edited[1]!, attended: '5' };
    edited[3] = blank('2026-03-05');
    const second = await saveAttendanceWeek(db, kase.id, { unit: 'lessons', days: edited }, { values: { unit: 'lessons', days: week() }, revs: first.revs });
    expect(second).toEqual({ days: 1, removed: 1, revs: { '2026-03-02': 1, '2026-03-03': 2, '2026-03-04': null, '2026-03-05': null, '2026-03-06': null } });
    const after = await attendanceOfCase(db, kase.id);
    expect(after.map((r) => [r.date, r.attended])).toEqual([
      ['2026-03-02', 3],
      ['2026-03-03', 5],
    ]);
    expect(after[1]!.id).toBe(rows[1]!.id);

    await expect(deleteAttendanceDay(db, kase.id, asLocalDate('2026-03-02'), 0)).rejects.toMatchObject({ failure: 'stale' });
    await deleteAttendanceDay(db, kase.id, asLocalDate('2026-03-02'), 1);
    expect((await attendanceOfCase(db, kase.id)).map((r) => r.date)).toEqual(['2026-03-03']);
    const audit = (await db.audit.where('caseId').equals(kase.id).sortBy('at')).filter((a) => a.target === 'attendance');
    expect(audit.map((a) => [a.action, a.detail]).sort(byJson)).toEqual(
      [
        ['update', { days: 3, removed: 0 }],
        ['update', { days: 1, removed: 1 }],
        ['delete', { days: 1 }],
      ].sort(byJson),
    );
    await expect(deleteAttendanceDay(db, kase.id, asLocalDate('2026-03-02'), 1)).rejects.toMatchObject({ failure: 'not-found' });
  });

  it('stores nothing when any day is impossible', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-002', birthYear: 2013 });
    const days = week();
    days[4] = { ...blank('2026-03-06'), scheduled: '4', attended: '5' };
    await expect(saveAttendanceWeek(db, kase.id, { unit: 'lessons', days }, emptyBase())).rejects.toThrow(/errors.attendedOverScheduled/);
    days[4] = { ...blank('2026-03-06'), scheduled: '4', attended: '4', evening: '11' };
    await expect(saveAttendanceWeek(db, kase.id, { unit: 'lessons', days }, emptyBase())).rejects.toThrow(/errors.distressRange/);
    expect(await db.attendance.count()).toBe(0);
    expect((await db.audit.toArray()).filter((a) => a.target === 'attendance')).toEqual([]);
  });

  it('rolls the whole week back when the disk is full', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-003', birthYear: 2013 });
    db.cases.update = (() => Promise.reject(Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }))) as unknown as typeof db.cases.update;
    await expect(saveAttendanceWeek(db, kase.id, { unit: 'hours', days: week() }, emptyBase())).rejects.toMatchObject({ failure: 'quota' });
    expect(await db.attendance.count()).toBe(0);
    expect((await db.audit.toArray()).filter((a) => a.target === 'attendance')).toEqual([]);
  });
});
