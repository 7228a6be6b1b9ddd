/**
 * Live reads for the screens: each re-renders when its rows change, is undefined while loading and
 * (for one record) null when the record is not on this device. The queries themselves are storage
 * functions (src/storage/reads.ts); a screen writes no Dexie query of its own.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { PolkuDatabase } from '../../storage/db';
import {
  administrationsOfCase,
  attendanceDayCount,
  attendanceOfCase,
  caseCodes,
  casesWithCounts,
  firstCases,
  importedPacks,
  instrumentStatuses,
  plansOfCase,
  readCase,
  readPack,
  readPlan,
  type CaseWithCounts,
  type IndexedCaseOrder,
} from '../../storage/reads';
import { useDatabase } from './database-context';

/** `read` again whenever what it read changes, or one of `deps` does. */
function useRead<T>(read: (db: PolkuDatabase) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const db = useDatabase();
  return useLiveQuery(() => read(db), [db, ...deps]);
}

export const useCase = (caseId: string) => useRead((db) => readCase(db, caseId), [caseId]);
/** Case codes by case id (the audit shows them; it never stores them). */
export const useCaseCodes = () => useRead(caseCodes, []);

/** The case list's first rows: more than a tall screen shows. */
const FIRST_ROWS = 40;

export interface CaseList {
  cases: CaseWithCounts[];
  /** How many cases there are (also while only the first rows are read). */
  total: number;
  /** Every case is in `cases` (search, filters and the other orders need them all). */
  whole: boolean;
}

/**
 * The case list in two reads (issue 14): first the newest cases by `order` through its index (a
 * few tens of milliseconds), then, once those are shown, every case (each one opened: about half a
 * second for 1,000 cases). Both read again when a case or questionnaire changes. `order` null (by
 * code, which is sealed): only the whole list.
 */
export function useCaseList(order: IndexedCaseOrder | null): CaseList | undefined {
  const db = useDatabase();
  const first = useLiveQuery(async () => (order ? firstCases(db, order, FIRST_ROWS) : null), [db, order]);
  // Started once: a new order must not start the whole read again.
  const [wholeStarted, setWholeStarted] = useState(false);
  if (first !== undefined && !wholeStarted) setWholeStarted(true);
  const whole = useLiveQuery(async () => (wholeStarted ? casesWithCounts(db) : undefined), [db, wholeStarted]);
  if (whole) return { cases: whole, total: whole.length, whole: true };
  // Rows read in an order no longer asked for are not shown.
  if (first && first.order === order) return { cases: first.cases, total: first.total, whole: false };
  return undefined;
}

/** A case's administrations (drafts too), by the time they were started. */
export const useCaseAdministrations = (caseId: string, order: 'oldest-first' | 'newest-first' = 'oldest-first') =>
  useRead((db) => administrationsOfCase(db, caseId, order), [caseId, order]);

/** A case's plans, newest first. */
export const usePlans = (caseId: string) => useRead((db) => plansOfCase(db, caseId), [caseId]);
/** One plan; null also for the "new" page (`planId` null), which has none yet. */
export const usePlan = (planId: string | null) => useRead(async (db) => (planId === null ? null : readPlan(db, planId)), [planId]);

/** A case's attendance log, oldest day first. */
export const useAttendance = (caseId: string) => useRead((db) => attendanceOfCase(db, caseId), [caseId]);
export const useAttendanceDayCount = (caseId: string) => useRead((db) => attendanceDayCount(db, caseId), [caseId]);

export const useImportedPacks = () => useRead(importedPacks, []);
export const usePack = (ref: string) => useRead((db) => readPack(db, ref), [ref]);
export const useInstrumentStatuses = () => useRead(instrumentStatuses, []);
