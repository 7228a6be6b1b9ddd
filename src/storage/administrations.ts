/**
 * Administrations. Every answer is written when it is given, in one transaction that also
 * touches the case, so a reload, a crash or a closed tab loses nothing.
 * (No crypto inside a transaction: the content hash is computed before it opens.)
 */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import { contentHash } from '../instrument/hash';
import { applyAnswer, type AnswerChange } from '../instrument/flow';
import type { AnswerValue, Answers } from '../instrument/answers';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { touchCase } from './cases';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables, type AuditInput } from './audit';
import type { AdministrationInformant, AdministrationMode, AdministrationRecord } from './records';
import { forgetUnsavedAnswers, keepUnsavedAnswers, readUnsavedAnswers, unsavedAnswerIds } from '../platform/unsaved-answers';
import { nextRev } from './revision';

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
      await appendAudit(
        db,
        {
          action: 'create',
          target: 'administration',
          caseId: input.caseId,
          administrationId: record.id,
          detail: { instrument: `${record.instrumentId}@${record.instrumentVersion}`, mode: record.mode },
        },
        stamp,
      );
      return record;
    }),
  );
}

/**
 * Reads, changes and writes one draft in a single transaction (a new `rev`); refuses a completed one. Answers
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
      // Each write is a new revision: a screen following the record live can tell an older read from its own save.
      const updated: AdministrationRecord = { ...record, ...change(record), updatedAt: stamp, rev: nextRev(record) };
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
      await appendAudit(db, {
        action: 'delete',
        target: 'administration',
        caseId: record.caseId,
        administrationId: id,
        detail: { instrument: `${record.instrumentId}@${record.instrumentVersion}` },
      });
    }),
  );
}

export type { AnswerChange };

/**
 * The last write of a page that is going away (pagehide, or hidden and perhaps never shown again).
 * A read-modify-write transaction needs IndexedDB callbacks a closing page never gets, and one
 * still under way holds up any later write to the same store, so two things happen at once:
 * the answers go to localStorage (synchronous, survives the close; only item ids and values,
 * keyed by the administration's random id), and the draft with them is put on the open
 * connection. `applyUnsavedAnswers` stores what the put did not, when the app next opens.
 * Kept apart from how an answer merges (`changes` are applied with `saveAnswer`'s own rule).
 */
export function flushDraft(db: PolkuDatabase, definition: InstrumentDefinition, record: AdministrationRecord, changes: readonly AnswerChange[]): void {
  if (record.status !== 'draft' || changes.length === 0) return;
  const stamp = now();
  // The same rule as saveAnswer; what is kept for later is each touched item's resulting answer,
  // so storing it needs no definition (the app stores it before any catalog has loaded).
  let answers = record.answers;
  for (const change of changes) answers = applyAnswer(definition, answers, change);
  const items: Record<string, AnswerValue | null> = {};
  for (const change of changes) items[change.itemId] = answers[change.itemId] ?? null;
  keepUnsavedAnswers(db.keySession, record.id, { at: stamp, items });
  if (!db.isOpen()) return;
  try {
    // Below Dexie, so below the encryption middleware: the row is sealed here (nothing is put while locked).
    const sealed = db.sealedForRawWrite('administrations', { ...record, answers, updatedAt: stamp, rev: nextRev(record) } satisfies AdministrationRecord);
    if (!sealed) return;
    const store = db.backendDB().transaction('administrations', 'readwrite').objectStore('administrations');
    store.put(sealed);
  } catch {
    // The connection is closing with the page: the copy in localStorage remains.
  }
}

/**
 * Stores answers a closing page left in localStorage (see `flushDraft`), unless the questionnaire
 * changed after them (another tab answered later) or is no longer a draft; then forgets them.
 */
export async function applyUnsavedAnswers(db: PolkuDatabase): Promise<number> {
  // Locked: the entries cannot be opened yet; they wait for the unlock (database-context.tsx).
  if (!db.keySession.unlocked) return 0;
  let applied = 0;
  for (const id of unsavedAnswerIds()) {
    try {
      const { at, items } = readUnsavedAnswers(db.keySession, id) as { at?: unknown; items?: unknown };
      const record = await db.administrations.get(id);
      if (record?.status === 'draft' && typeof at === 'string' && isItemAnswers(items) && record.updatedAt <= at) {
        await changeDraft(db, id, (r) => {
          const answers: Answers = { ...r.answers };
          for (const [itemId, value] of Object.entries(items)) {
            if (value === null) delete answers[itemId];
            else answers[itemId] = value;
          }
          return { answers };
        });
        applied += 1;
      }
    } catch {
      // A malformed or refused entry is dropped: it can never be applied.
    }
    forgetUnsavedAnswers(id);
  }
  return applied;
}

/** Item answers as flushDraft keeps them: a number, ratings by id, or null (cleared). */
function isItemAnswers(value: unknown): value is Record<string, AnswerValue | null> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(
    (answer) =>
      answer === null ||
      (typeof answer === 'number' && Number.isFinite(answer)) ||
      (typeof answer === 'object' &&
        !Array.isArray(answer) &&
        Object.values(answer as object).every((rating) => rating === null || (typeof rating === 'number' && Number.isFinite(rating)))),
  );
}
