/**
 * The attendance log: one row per case and school day. A week is saved in one transaction —
 * days entered or changed in the form written, days emptied in the form removed, days the form
 * did not touch left as stored — with one audit entry, after the whole week has been checked
 * (src/plan/schema.ts), so nothing is half-saved.
 */
import { attendanceWeekSchema, type AttendanceWeekValues } from '../plan/schema';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables } from './audit';
import { touchCase } from './cases';
import type { AttendanceRecord, LocalDate } from './records';
import { checkRev, nextRev, revOf } from './revision';

/**
 * The week as the form loaded it: its values and the revision of each day's row (null: no row).
 * A save writes only the days the form changed from these values, and each of those only if its
 * row is still the revision loaded — so a day another tab saved is never removed or overwritten.
 */
export interface WeekBase {
  values: AttendanceWeekValues;
  revs: Record<LocalDate, number | null>;
}

export interface WeekSaved {
  /** Days written (new or changed). */
  days: number;
  /** Days that had a row and were emptied. */
  removed: number;
  /** The revision of each day of the week after the save (null: no row): the form's new base. */
  revs: Record<LocalDate, number | null>;
}

type ParsedWeek = ReturnType<typeof attendanceWeekSchema.parse>;

/** What a day holds, comparable across two parses of the form: the unit counts only for an entered day. */
function dayKey(week: ParsedWeek, date: LocalDate): string {
  const entry = week.days.find((d) => d.date === date)?.entry ?? null;
  return entry ? JSON.stringify([week.unit, entry]) : '';
}

/** The week's row revisions as a form's base: null for a day without a row. */
export function weekRevs(records: readonly AttendanceRecord[], dates: readonly LocalDate[]): Record<LocalDate, number | null> {
  const byDate = new Map(records.map((r) => [r.date, r]));
  return Object.fromEntries(dates.map((date) => [date, byDate.has(date) ? revOf(byDate.get(date)) : null]));
}

export async function saveAttendanceWeek(db: PolkuDatabase, caseId: string, values: AttendanceWeekValues, base: WeekBase): Promise<WeekSaved> {
  const week = attendanceWeekSchema.parse(values);
  const loaded = attendanceWeekSchema.safeParse(base.values);
  const dates = week.days.map((d) => d.date);
  // Days the form changed; a loaded week that no longer parses counts every day as changed.
  const changed = week.days.filter((d) => !loaded.success || dayKey(week, d.date) !== dayKey(loaded.data, d.date));
  return guarded(() =>
    db.transaction('rw', [db.attendance, db.cases, ...auditTables(db)], async () => {
      if (!(await db.cases.get(caseId))) throw new StorageError('not-found', caseId);
      const stamp = now();
      const existing = await db.attendance
        .where('[caseId+dateIndex]')
        .anyOf(dates.map((date) => [caseId, db.blind('attendance', 'date', date)]))
        .toArray();
      const byDate = new Map(existing.map((r) => [r.date, r]));
      const stale = changed.filter((day) => {
        const old = byDate.get(day.date);
        return (old ? revOf(old) : null) !== (base.revs[day.date] ?? null);
      });
      if (stale.length > 0) throw new StorageError('stale', stale.map((d) => d.date).join(','));
      const rows: AttendanceRecord[] = [];
      const removedIds: string[] = [];
      for (const day of changed) {
        const old = byDate.get(day.date);
        if (!day.entry) {
          if (old) {
            removedIds.push(old.id);
            byDate.delete(day.date);
          }
          continue;
        }
        const row: AttendanceRecord = {
          id: old?.id ?? newId(),
          caseId,
          date: day.date,
          unit: week.unit,
          scheduled: day.entry.scheduled,
          attended: day.entry.attended,
          updatedAt: stamp,
          rev: nextRev(old),
        };
        if (day.entry.distress) row.distress = day.entry.distress;
        if (day.entry.note) row.note = day.entry.note;
        rows.push(row);
        byDate.set(day.date, row);
      }
      const revs = weekRevs([...byDate.values()], dates);
      if (rows.length === 0 && removedIds.length === 0) return { days: 0, removed: 0, revs };
      await db.attendance.bulkPut(rows);
      await db.attendance.bulkDelete(removedIds);
      await touchCase(db, caseId, stamp);
      await appendAudit(db, { action: 'update', target: 'attendance', caseId, detail: { days: rows.length, removed: removedIds.length } }, stamp);
      return { days: rows.length, removed: removedIds.length, revs };
    }),
  );
}

/** Deletes a day as shown at revision `expectedRev`: a day another tab changed since is not deleted unseen. */
export async function deleteAttendanceDay(db: PolkuDatabase, caseId: string, date: LocalDate, expectedRev: number): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.attendance, db.cases, ...auditTables(db)], async () => {
      const row = await db.attendance
        .where('[caseId+dateIndex]')
        .equals([caseId, db.blind('attendance', 'date', date)])
        .first();
      if (!row) throw new StorageError('not-found', date);
      checkRev(row, expectedRev, date);
      const stamp = now();
      await db.attendance.delete(row.id);
      await touchCase(db, caseId, stamp);
      await appendAudit(db, { action: 'delete', target: 'attendance', caseId, detail: { days: 1 } }, stamp);
    }),
  );
}

export { attendanceOfCase } from './reads';
