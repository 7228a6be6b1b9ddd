/**
 * Live reads for the screens: each re-renders when its rows change, is undefined while loading and
 * (for one record) null when the record is not on this device. The queries themselves are storage
 * functions (src/storage/reads.ts); a screen writes no Dexie query of its own.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { PolkuDatabase } from '../../storage/db';
import {
  administrationCaseIds,
  administrationsOfCase,
  allCases,
  attendanceDayCount,
  attendanceOfCase,
  caseCodes,
  importedPacks,
  instrumentStatuses,
  plansOfCase,
  readCase,
  readPack,
  readPlan,
} from '../../storage/reads';
import { useDatabase } from './database-context';

/** `read` again whenever what it read changes, or one of `deps` does. */
function useRead<T>(read: (db: PolkuDatabase) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const db = useDatabase();
  return useLiveQuery(() => read(db), [db, ...deps]);
}

export const useCase = (caseId: string) => useRead((db) => readCase(db, caseId), [caseId]);
export const useCases = () => useRead(allCases, []);
/** Case codes by case id (the audit shows them; it never stores them). */
export const useCaseCodes = () => useRead(caseCodes, []);
/** The case id of every administration and of every draft (the case list's counts). */
export const useAdministrationCaseIds = () => useRead(administrationCaseIds, []);

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
