/**
 * Live reads for the screens: each re-renders when its rows change, is undefined while loading and
 * (for one record) null when the record is not on this device. The queries themselves are storage
 * functions; a screen never writes a Dexie query of its own.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { administrationCaseIds, administrationsOfCase, allCases, attendanceDayCount, attendanceOfCase, caseCodes, importedPacks, instrumentStatuses, plansOfCase, readCase, readPack, readPlan } from '../../storage/reads';
import { useDatabase } from './database-context';

export function useCase(caseId: string) {
  const db = useDatabase();
  return useLiveQuery(() => readCase(db, caseId), [db, caseId]);
}

/** A case's administrations (drafts too), by the time they were started. */
export function useCaseAdministrations(caseId: string, order: 'oldest-first' | 'newest-first' = 'oldest-first') {
  const db = useDatabase();
  return useLiveQuery(() => administrationsOfCase(db, caseId, order), [db, caseId, order]);
}

/** A case's plans, newest first. */
export function usePlans(caseId: string) {
  const db = useDatabase();
  return useLiveQuery(() => plansOfCase(db, caseId), [db, caseId]);
}

/** One plan; null also for the "new" page, which has none yet. */
export function usePlan(planId: string | null) {
  const db = useDatabase();
  return useLiveQuery(async () => (planId === null ? null : readPlan(db, planId)), [db, planId]);
}

/** A case's attendance log, oldest day first. */
export function useAttendance(caseId: string) {
  const db = useDatabase();
  return useLiveQuery(() => attendanceOfCase(db, caseId), [db, caseId]);
}

export function useAttendanceDayCount(caseId: string) {
  const db = useDatabase();
  return useLiveQuery(() => attendanceDayCount(db, caseId), [db, caseId]);
}

export function useCases() {
  const db = useDatabase();
  return useLiveQuery(() => allCases(db), [db]);
}

export function useCaseCodes() {
  const db = useDatabase();
  return useLiveQuery(() => caseCodes(db), [db]);
}

export function useAdministrationCaseIds() {
  const db = useDatabase();
  return useLiveQuery(() => administrationCaseIds(db), [db]);
}

export function useImportedPacks() {
  const db = useDatabase();
  return useLiveQuery(() => importedPacks(db), [db]);
}

export function usePack(ref: string) {
  const db = useDatabase();
  return useLiveQuery(() => readPack(db, ref), [db, ref]);
}

export function useInstrumentStatuses() {
  const db = useDatabase();
  return useLiveQuery(() => instrumentStatuses(db), [db]);
}
