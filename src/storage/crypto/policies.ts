/**
 * What stays clear in each table (issue 17). The rule: only the primary key, the fields an index
 * needs and `rev`; each is a random id, a timestamp, a status word or a counter. Every name, code,
 * birth date, school, note, answer, plan, attendance figure, study ID and audit detail is encrypted.
 * Unique lookups on personal values go through blind indexes (envelope.ts).
 *
 * Instrument packs and their status have no policy: they hold published questionnaires, nothing
 * about a child, and the library reads them before anything else.
 */
import type { TablePolicy } from './rows';

export const TABLE_POLICIES = {
  // Sorted and filtered by activity and creation; the code (unique) is looked up by its blind value.
  cases: { key: 'id', clearFields: ['id', 'createdAt', 'lastActivityAt', 'rev'], blindIndexes: [{ field: 'code', as: 'codeIndex' }] },
  // Which case, draft or complete, when: what the case list and the resume list query.
  administrations: { key: 'id', clearFields: ['id', 'caseId', 'status', 'startedAt', 'updatedAt', 'rev'] },
  // The lock screen reads these while locked; none says anything about a child.
  settings: { key: 'key', clearFields: ['key', 'rev'], plainKeys: ['locked', 'lockIdleMinutes', 'pinAttempts'] },
  // Indexed by time, case and action; the practitioner's name, the target and the details are sealed.
  audit: { key: 'id', clearFields: ['id', 'at', 'caseId', 'action'] },
  plans: { key: 'id', clearFields: ['id', 'caseId', 'updatedAt', 'rev'] },
  // One row per case and day: the day is looked up exactly, so it can be blind (the log's dates stay hidden).
  attendance: { key: 'id', clearFields: ['id', 'caseId', 'rev'], blindIndexes: [{ field: 'date', as: 'dateIndex' }] },
  // The researcher's free-text name is sealed; unique names are checked through the blind value.
  exportProjects: { key: 'id', clearFields: ['id', 'rev'], blindIndexes: [{ field: 'name', as: 'nameIndex' }] },
  // The id is `${projectId}:${caseId}`: two random ids.
  studyIds: { key: 'id', clearFields: ['id', 'projectId', 'caseId'], blindIndexes: [{ field: 'studyId', as: 'studyIdIndex' }] },
} as const satisfies Record<string, TablePolicy>;

export type EncryptedTable = keyof typeof TABLE_POLICIES;

/**
 * The indexes of database version 4 that change with encryption (phase 2 puts them in the table
 * registry): an index on a sealed field becomes an index on its blind value; orderBy('name') of
 * research projects sorts in memory (a handful of rows).
 */
export const ENCRYPTED_INDEXES: Partial<Record<EncryptedTable, string>> = {
  cases: 'id, &codeIndex, lastActivityAt, createdAt',
  attendance: 'id, caseId, &[caseId+dateIndex]',
  exportProjects: 'id, nameIndex',
  studyIds: 'id, projectId, caseId, &[projectId+studyIdIndex]',
};
