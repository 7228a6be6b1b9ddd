/**
 * Reads the screens share (no writes). Kept apart from the write modules so that a screen that only
 * shows rows does not load their schemas and audit code (the case list is in the first bundle).
 */
import type { IndexableType } from 'dexie';
import type { PolkuDatabase } from './db';
import type { AdministrationRecord, AttendanceRecord, CaseRecord, InstrumentPackRecord, InstrumentStatusRecord, PlanRecord } from './records';

/** One case, or null when it is not on this device. */
export async function readCase(db: PolkuDatabase, id: string): Promise<CaseRecord | null> {
  return (await db.cases.get(id)) ?? null;
}

/** A case's administrations (drafts too), by the time they were started. */
export function administrationsOfCase(db: PolkuDatabase, caseId: string, order: 'oldest-first' | 'newest-first' = 'oldest-first'): Promise<AdministrationRecord[]> {
  const rows = db.administrations.where('caseId').equals(caseId);
  return (order === 'newest-first' ? rows.reverse() : rows).sortBy('startedAt');
}

export function allCases(db: PolkuDatabase): Promise<CaseRecord[]> {
  return db.cases.toArray();
}

/** The code of every case by id (the audit shows codes; it never stores them). */
export async function caseCodes(db: PolkuDatabase): Promise<Map<string, string>> {
  return new Map((await db.cases.toArray()).map((c) => [c.id, c.code]));
}

/**
 * The case id of every administration and of every draft, counted from the indexes (case id, status):
 * the case list never reads the answers themselves.
 */
export async function administrationCaseIds(db: PolkuDatabase): Promise<{ all: IndexableType[]; drafts: string[] }> {
  return {
    all: await db.administrations.orderBy('caseId').keys(),
    drafts: await db.administrations
      .where('status')
      .equals('draft')
      .toArray((rows) => rows.map((a) => a.caseId)),
  };
}

/** How many attendance days a case has. */
export function attendanceDayCount(db: PolkuDatabase, caseId: string): Promise<number> {
  return db.attendance.where('caseId').equals(caseId).count();
}

/** One plan, or null when it is not on this device. */
export async function readPlan(db: PolkuDatabase, id: string): Promise<PlanRecord | null> {
  return (await db.plans.get(id)) ?? null;
}

/** A case's plans, newest first. */
export async function plansOfCase(db: PolkuDatabase, caseId: string): Promise<PlanRecord[]> {
  return (await db.plans.where('caseId').equals(caseId).sortBy('createdAt')).reverse();
}

/** A case's attendance log, oldest day first. */
export function attendanceOfCase(db: PolkuDatabase, caseId: string): Promise<AttendanceRecord[]> {
  return db.attendance.where('caseId').equals(caseId).sortBy('date');
}

/** The instrument packs imported on this device. */
export function importedPacks(db: PolkuDatabase): Promise<InstrumentPackRecord[]> {
  return db.instrumentPacks.toArray();
}

/** One imported pack ("id@version"), or null when it was shipped with the app or is not here. */
export async function readPack(db: PolkuDatabase, ref: string): Promise<InstrumentPackRecord | null> {
  return (await db.instrumentPacks.get(ref)) ?? null;
}

/** Which instrument versions are retired on this device. */
export function instrumentStatuses(db: PolkuDatabase): Promise<InstrumentStatusRecord[]> {
  return db.instrumentStatus.toArray();
}
