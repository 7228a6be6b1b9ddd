/**
 * Administrations. Every answer is written when it is given, in one transaction that also
 * touches the case, so a reload, a crash or a closed tab loses nothing.
 * (No crypto inside a transaction: the content hash is computed before it opens.)
 */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import { contentHash } from '../instrument/hash';
import { applyAnswer, type AnswerChange } from '../instrument/flow';
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

/**
 * One answer (or one rating of a multi-rating item); null clears it. Optionally moves the resume
 * point. The change goes through applyAnswer with the record's own definition, so a rating whose
 * condition no longer holds is cleared in the same write, whichever entry mode saved it.
 */
export function saveAnswer(db: PolkuDatabase, definition: InstrumentDefinition, id: string, answer: AnswerChange, position?: number): Promise<AdministrationRecord> {
  return changeDraft(db, id, (record) => {
    if (record.instrumentId !== definition.id || record.instrumentVersion !== definition.version) {
      throw new StorageError('conflict', `definition ${definition.id}@${definition.version} is not ${record.instrumentId}@${record.instrumentVersion}`);
    }
    return { answers: applyAnswer(definition, record.answers, answer), ...(position === undefined ? {} : { position }) };
  });
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
