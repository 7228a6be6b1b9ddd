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

/** The code of every case by id (the audit shows codes; it never stores them). */
export async function caseCodes(db: PolkuDatabase): Promise<Map<string, string>> {
  return new Map((await db.cases.toArray()).map((c) => [c.id, c.code]));
}

/** A case with how many of its questionnaires are complete and how many unfinished: a row of the case list. */
export interface CaseWithCounts {
  record: CaseRecord;
  completed: number;
  drafts: number;
}

/** Orders of the case list an index gives, newest first (the code is sealed: sorting by it needs every case). */
export type IndexedCaseOrder = 'lastActivityAt' | 'createdAt';

/**
 * The case list's first rows: the `limit` newest cases by `order`, read through that index (only
 * those are opened), with their counts, and how many cases there are. The whole list follows.
 */
export function firstCases(db: PolkuDatabase, order: IndexedCaseOrder, limit: number): Promise<{ order: IndexedCaseOrder; cases: CaseWithCounts[]; total: number }> {
  return db.transaction('r', db.cases, db.administrations, async () => {
    // Counted on the index: a count of the table itself walks the stored rows.
    const [records, total] = await Promise.all([db.cases.orderBy(order).reverse().limit(limit).toArray(), db.cases.orderBy(order).count()]);
    return { order, cases: await withCounts(db, records), total };
  });
}

/** Every case with its counts (the case list once it is whole: search, filters, any order). */
export function casesWithCounts(db: PolkuDatabase): Promise<CaseWithCounts[]> {
  return db.transaction('r', db.cases, db.administrations, async () => withCounts(db, await db.cases.toArray()));
}

async function withCounts(db: PolkuDatabase, records: CaseRecord[]): Promise<CaseWithCounts[]> {
  const ids = records.map(({ id }) => id);
  const counts = await questionnaireCounts(db, ids);
  return records.map((record) => {
    const { all, drafts } = counts.get(record.id)!;
    return { record, completed: all - drafts, drafts };
  });
}

/**
 * Questionnaires per case, all and unfinished, from the indexes alone: no questionnaire is read or
 * opened. One key read per case on the case-id index (pipelined: ~0.1 ms a case, where a cursor
 * over every key costs a main-thread step each), and the ids of all drafts from the status index.
 */
async function questionnaireCounts(db: PolkuDatabase, caseIds: readonly string[]): Promise<Map<string, { all: number; drafts: number }>> {
  const [draftIds, idsByCase] = await Promise.all([
    db.administrations.where('status').equals('draft').primaryKeys(),
    Promise.all(caseIds.map((caseId) => db.administrations.where('caseId').equals(caseId).primaryKeys())),
  ]);
  const drafts = new Set<IndexableType>(draftIds);
  return new Map(
    caseIds.map((caseId, index) => {
      const ids = idsByCase[index]!;
      return [caseId, { all: ids.length, drafts: ids.filter((id) => drafts.has(id)).length }];
    }),
  );
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
