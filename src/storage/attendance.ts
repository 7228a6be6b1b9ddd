/**
 * The attendance log: one row per case and school day. A week is saved in one transaction —
 * entered days written, days emptied in the form removed — with one audit entry, after the
 * whole week has been checked (src/plan/schema.ts), so nothing is half-saved.
 */
import { attendanceWeekSchema, type AttendanceWeekValues } from '../plan/schema';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables } from './audit';
import { touchCase } from './cases';
import type { AttendanceRecord, LocalDate } from './records';

export interface WeekSaved {
  /** Days written (new or changed). */
  days: number;
  /** Days that had a row and were emptied. */
  removed: number;
}

export async function saveAttendanceWeek(db: PolkuDatabase, caseId: string, values: AttendanceWeekValues): Promise<WeekSaved> {
  const week = attendanceWeekSchema.parse(values);
  return guarded(() =>
    db.transaction('rw', [db.attendance, db.cases, ...auditTables(db)], async () => {
      if (!(await db.cases.get(caseId))) throw new StorageError('not-found', caseId);
      const stamp = now();
      const existing = await db.attendance
        .where('[caseId+date]')
        .anyOf(week.days.map((d) => [caseId, d.date]))
        .toArray();
      const byDate = new Map(existing.map((r) => [r.date, r]));
      const rows: AttendanceRecord[] = [];
      const removedIds: string[] = [];
      for (const day of week.days) {
        const old = byDate.get(day.date);
        if (!day.entry) {
          if (old) removedIds.push(old.id);
          continue;
        }
        const row: AttendanceRecord = { id: old?.id ?? newId(), caseId, date: day.date, unit: week.unit, scheduled: day.entry.scheduled, attended: day.entry.attended, updatedAt: stamp };
        if (day.entry.distress) row.distress = day.entry.distress;
        if (day.entry.note) row.note = day.entry.note;
        rows.push(row);
      }
      if (rows.length === 0 && removedIds.length === 0) return { days: 0, removed: 0 };
      await db.attendance.bulkPut(rows);
      await db.attendance.bulkDelete(removedIds);
      await touchCase(db, caseId, stamp);
      await appendAudit(db, { action: 'update', target: 'attendance', caseId, detail: { days: rows.length, removed: removedIds.length } }, stamp);
      return { days: rows.length, removed: removedIds.length };
    }),
  );
}

export async function deleteAttendanceDay(db: PolkuDatabase, caseId: string, date: LocalDate): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.attendance, db.cases, ...auditTables(db)], async () => {
      const row = await db.attendance.where('[caseId+date]').equals([caseId, date]).first();
      if (!row) throw new StorageError('not-found', date);
      const stamp = now();
      await db.attendance.delete(row.id);
      await touchCase(db, caseId, stamp);
      await appendAudit(db, { action: 'delete', target: 'attendance', caseId, detail: { days: 1 } }, stamp);
    }),
  );
}

/** A case's attendance log, oldest day first. */
export function attendanceOfCase(db: PolkuDatabase, caseId: string): Promise<AttendanceRecord[]> {
  return db.attendance.where('caseId').equals(caseId).sortBy('date');
}
