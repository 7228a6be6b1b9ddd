/** Search, filter and sort of the case list: plain functions, tested without a browser. */
import type { CaseWithCounts, IndexedCaseOrder } from '../../storage/reads';

export type CaseFilter = 'all' | 'drafts' | 'week' | 'month';
export type CaseSort = 'activity' | 'code' | 'created';

/** The index that gives each order, newest first; the code is sealed, so that order needs every case. */
export const SORT_INDEX: Record<CaseSort, IndexedCaseOrder | null> = { activity: 'lastActivityAt', created: 'createdAt', code: null };

const DAY = 24 * 60 * 60 * 1000;

export function filterCases(cases: readonly CaseWithCounts[], options: { query: string; filter: CaseFilter; sort: CaseSort; now: Date }): CaseWithCounts[] {
  const needle = options.query.trim().toLocaleLowerCase();
  const since = options.filter === 'week' ? 7 : options.filter === 'month' ? 30 : undefined;
  return cases
    .filter(({ record, drafts }) => {
      if (options.filter === 'drafts' && drafts === 0) return false;
      if (since !== undefined && options.now.getTime() - Date.parse(record.lastActivityAt) > since * DAY) return false;
      if (!needle) return true;
      return [record.code, record.displayName, record.school, record.className].some((v) => v?.toLocaleLowerCase().includes(needle));
    })
    .sort((a, b) => {
      if (options.sort === 'code') return a.record.code.localeCompare(b.record.code);
      if (options.sort === 'created') return b.record.createdAt.localeCompare(a.record.createdAt);
      return b.record.lastActivityAt.localeCompare(a.record.lastActivityAt);
    });
}
