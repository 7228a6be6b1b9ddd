/** Records for storage tests, written through the encryption middleware like the app's, and a session that counts what it opens. */
import { generateDataKey, KeySession } from '../../src/storage/crypto/keys';
import { CIPHER_SUITE } from '../../src/storage/crypto/suite';
import type { AdministrationRecord, CaseRecord } from '../../src/storage/records';

/**
 * An unlocked session that counts the records it opens, per table; `onOpen` is told of each
 * (tests that look at how many are opened in one go).
 */
export function countingSession(onOpen?: (table: string) => void) {
  const opened = new Map<string, number>();
  const session = new KeySession();
  session.open(generateDataKey(), {
    ...CIPHER_SUITE,
    openRecord: (keys, table, policy, row) => {
      opened.set(table, (opened.get(table) ?? 0) + 1);
      onOpen?.(table);
      return CIPHER_SUITE.openRecord(keys, table, policy, row);
    },
  });
  return { session, opened };
}

/** 1 March 2026, 08:00 UTC plus `minutes`. */
export const minutesIn = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 8, minutes)).toISOString();

export const caseRecord = (n: number, activity: number, created: number): CaseRecord => ({
  id: `case-${n}`,
  code: `K-${n}`,
  birthYear: 2013,
  createdAt: minutesIn(created),
  updatedAt: minutesIn(activity),
  lastActivityAt: minutesIn(activity),
});

/** An administration of the child function form without answers: what the index reads and counts need. */
export const administrationRecord = (id: string, caseId: string, status: 'draft' | 'complete'): AdministrationRecord =>
  ({
    id,
    caseId,
    instrumentId: 'function-child',
    instrumentVersion: '1.0.0',
    informant: 'child',
    language: 'fi',
    mode: 'paper',
    status,
    answers: {},
    startedAt: minutesIn(0),
    updatedAt: minutesIn(0),
  }) as unknown as AdministrationRecord;
