import { testDatabase } from '../../tests/support/db';
import type { AttendanceDayValues } from '../plan/schema';
import { attendanceOfCase, deleteAttendanceDay, saveAttendanceWeek } from './attendance';
import { createCase } from './cases';

const blank = (date: string): AttendanceDayValues => ({ date, scheduled: '', attended: '', morning: '', school: '', evening: '', note: '' });
const week = () => [
  { ...blank('2026-03-02'), scheduled: '6', attended: '3', morning: '8', note: 'Stomach ache' },
  { ...blank('2026-03-03'), scheduled: '6', attended: '6' },
  blank('2026-03-04'),
  { ...blank('2026-03-05'), scheduled: '5', attended: '4,5' },
  blank('2026-03-06'),
];

// Entries written within one millisecond have no order of their own: compare them sorted.
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('attendance log', () => {
  it('saves a week in one go: entered days stored, blank days not', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-001', birthYear: 2013 });
    expect(await saveAttendanceWeek(db, kase.id, { unit: 'lessons', days: week() })).toEqual({ days: 3, removed: 0 });
    const rows = await attendanceOfCase(db, kase.id);
    expect(rows.map(({ id: _i, updatedAt: _u, ...r }) => r)).toEqual([
      { caseId: kase.id, date: '2026-03-02', unit: 'lessons', scheduled: 6, attended: 3, distress: { morning: 8 }, note: 'Stomach ache' },
      { caseId: kase.id, date: '2026-03-03', unit: 'lessons', scheduled: 6, attended: 6 },
      { caseId: kase.id, date: '2026-03-05', unit: 'lessons', scheduled: 5, attended: 4.5 },
    ]);
    expect((await db.cases.get(kase.id))!.lastActivityAt).toBe(rows[0]!.updatedAt);

    // Saved again: a day changed (same row), a day emptied (row removed).
    const edited = week();
    edited[1] = { ...edited[1]!, attended: '5' };
    edited[3] = blank('2026-03-05');
    expect(await saveAttendanceWeek(db, kase.id, { unit: 'lessons', days: edited })).toEqual({ days: 2, removed: 1 });
    const after = await attendanceOfCase(db, kase.id);
    expect(after.map((r) => [r.date, r.attended])).toEqual([
      ['2026-03-02', 3],
      ['2026-03-03', 5],
    ]);
    expect(after[1]!.id).toBe(rows[1]!.id);

    await deleteAttendanceDay(db, kase.id, '2026-03-02');
    expect((await attendanceOfCase(db, kase.id)).map((r) => r.date)).toEqual(['2026-03-03']);
    const audit = (await db.audit.where('caseId').equals(kase.id).sortBy('at')).filter((a) => a.target === 'attendance');
    expect(audit.map((a) => [a.action, a.detail]).sort(byJson)).toEqual(
      [
        ['update', { days: 3, removed: 0 }],
        ['update', { days: 2, removed: 1 }],
        ['delete', { days: 1 }],
      ].sort(byJson),
    );
    await expect(deleteAttendanceDay(db, kase.id, '2026-03-02')).rejects.toMatchObject({ failure: 'not-found' });
  });

  it('stores nothing when any day is impossible', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-002', birthYear: 2013 });
    const days = week();
    days[4] = { ...blank('2026-03-06'), scheduled: '4', attended: '5' };
    await expect(saveAttendanceWeek(db, kase.id, { unit: 'lessons', days })).rejects.toThrow(/errors.attendedOverScheduled/);
    days[4] = { ...blank('2026-03-06'), scheduled: '4', attended: '4', evening: '11' };
    await expect(saveAttendanceWeek(db, kase.id, { unit: 'lessons', days })).rejects.toThrow(/errors.distressRange/);
    expect(await db.attendance.count()).toBe(0);
    expect((await db.audit.toArray()).filter((a) => a.target === 'attendance')).toEqual([]);
  });

  it('rolls the whole week back when the disk is full', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-003', birthYear: 2013 });
    db.cases.update = (() => Promise.reject(Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }))) as unknown as typeof db.cases.update;
    await expect(saveAttendanceWeek(db, kase.id, { unit: 'hours', days: week() })).rejects.toMatchObject({ failure: 'quota' });
    expect(await db.attendance.count()).toBe(0);
    expect((await db.audit.toArray()).filter((a) => a.target === 'attendance')).toEqual([]);
  });
});
