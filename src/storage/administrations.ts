/**
 * Administrations. Every answer is written when it is given, in one transaction that also
 * touches the case, so a reload, a crash or a closed tab loses nothing.
 * (No crypto inside a transaction: the content hash is computed before it opens.)
 */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import { contentHash } from '../instrument/hash';
import { withAnswer } from '../instrument/flow';
import type { AnswerValue, Answers } from '../scoring/types';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { touchCase } from './cases';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables, type AuditInput } from './audit';
import type { AdministrationInformant, AdministrationMode, AdministrationRecord } from './records';

export interface StartInput {
  caseId: string;
  definition: InstrumentDefinition;
  informant: AdministrationInformant;
  language: Language;
  mode: AdministrationMode;
  administeredBy?: string;
}

export async function startAdministration(db: PolkuDatabase, input: StartInput): Promise<AdministrationRecord> {
  const definitionHash = await contentHash(input.definition);
  const stamp = now();
  const record: AdministrationRecord = {
    id: newId(),
    caseId: input.caseId,
    instrumentId: input.definition.id,
    instrumentVersion: input.definition.version,
    definitionHash,
    informant: input.informant,
    language: input.language,
    mode: input.mode,
    status: 'draft',
    answers: {},
    position: 0,
    startedAt: stamp,
    updatedAt: stamp,
  };
  if (input.administeredBy?.trim()) record.administeredBy = input.administeredBy.trim();
  return guarded(() =>
    db.transaction('rw', [db.cases, db.administrations, ...auditTables(db)], async () => {
      if (!(await db.cases.get(input.caseId))) throw new StorageError('not-found', input.caseId);
      await db.administrations.add(record);
      await touchCase(db, input.caseId, stamp);
      await appendAudit(db, { action: 'create', target: 'administration', caseId: input.caseId, administrationId: record.id, detail: { instrument: `${record.instrumentId}@${record.instrumentVersion}`, mode: record.mode } }, stamp);
      return record;
    }),
  );
}

/**
 * Reads, changes and writes one draft in a single transaction; refuses a completed one. Answers
 * themselves are not audited one by one; `audit` records a milestone such as completion.
 */
async function changeDraft(
  db: PolkuDatabase,
  id: string,
  change: (record: AdministrationRecord) => Partial<AdministrationRecord>,
  audit?: (record: AdministrationRecord) => AuditInput,
): Promise<AdministrationRecord> {
  return guarded(() =>
    db.transaction('rw', [db.cases, db.administrations, ...auditTables(db)], async () => {
      const record = await db.administrations.get(id);
      if (!record) throw new StorageError('not-found', id);
      if (record.status !== 'draft') throw new StorageError('not-draft', id);
      const stamp = now();
      const updated: AdministrationRecord = { ...record, ...change(record), updatedAt: stamp };
      await db.administrations.put(updated);
      await touchCase(db, record.caseId, stamp);
      if (audit) await appendAudit(db, audit(updated), stamp);
      return updated;
    }),
  );
}

/** One answer (or one rating of a multi-rating item); null clears it. Optionally moves the resume point. */
export function saveAnswer(
  db: PolkuDatabase,
  id: string,
  answer: { itemId: string; ratingId?: string; value: number | null },
  position?: number,
): Promise<AdministrationRecord> {
  return changeDraft(db, id, (record) => ({
    answers: withAnswer(record.answers, answer.itemId, answer.ratingId, answer.value),
    ...(position === undefined ? {} : { position }),
  }));
}

/** Replaces every answer at once (paper entry saves the checked grid). */
export function saveAnswers(db: PolkuDatabase, id: string, answers: Record<string, AnswerValue>): Promise<AdministrationRecord> {
  const cleaned: Answers = {};
  for (const [key, value] of Object.entries(answers)) if (value !== null && value !== undefined) cleaned[key] = value;
  return changeDraft(db, id, () => ({ answers: cleaned }));
}

export function setPosition(db: PolkuDatabase, id: string, position: number): Promise<AdministrationRecord> {
  return changeDraft(db, id, () => ({ position }));
}

/** Completes a draft; `withMissing` records that required answers were knowingly left out. */
export function completeAdministration(db: PolkuDatabase, id: string, options: { withMissing: boolean }): Promise<AdministrationRecord> {
  const stamp = now();
  return changeDraft(
    db,
    id,
    () => ({ status: 'complete', completedAt: stamp, ...(options.withMissing ? { completedWithMissing: true } : {}) }),
    (record) => ({
      action: 'complete',
      target: 'administration',
      caseId: record.caseId,
      administrationId: record.id,
      detail: { instrument: `${record.instrumentId}@${record.instrumentVersion}`, withMissing: options.withMissing },
    }),
  );
}

/** Deletes a draft that was started by mistake. Completed administrations are kept. */
export async function discardDraft(db: PolkuDatabase, id: string): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.administrations, ...auditTables(db)], async () => {
      const record = await db.administrations.get(id);
      if (!record) return;
      if (record.status !== 'draft') throw new StorageError('not-draft', id);
      await db.administrations.delete(id);
      await appendAudit(db, { action: 'delete', target: 'administration', caseId: record.caseId, administrationId: id, detail: { instrument: `${record.instrumentId}@${record.instrumentVersion}` } });
    }),
  );
}

/**
 * The last write of a page that is going away (pagehide, or hidden and perhaps never shown again):
 * the draft with the answers this tab holds, put without reading first. A read-modify-write
 * transaction needs an IndexedDB callback, which a closing page never gets; one put issued at once
 * on the open connection is committed. Kept apart from how an answer merges into the answers (the
 * caller gives the merged answers); it does not touch the case or the audit trail.
 */
export function flushDraft(db: PolkuDatabase, record: AdministrationRecord, answers: Answers): void {
  if (record.status !== 'draft' || !db.isOpen()) return;
  try {
    const store = db.backendDB().transaction('administrations', 'readwrite').objectStore('administrations');
    store.put({ ...record, answers, updatedAt: now() } satisfies AdministrationRecord);
  } catch {
    // The connection is closing with the page: nothing more can be written.
  }
}
