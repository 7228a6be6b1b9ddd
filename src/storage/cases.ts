/** Cases: create, edit, list, delete (a case's administrations go with it, in one transaction). */
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { generateCaseCode } from './case-code';
import { caseInputSchema, type CaseFormValues } from './case-input';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables } from './audit';
import type { CaseRecord } from './records';
import { checkRev, nextRev } from './revision';

/** A code not used on this device yet. */
export async function freshCaseCode(db: PolkuDatabase): Promise<string> {
  for (;;) {
    const code = generateCaseCode();
    if (
      (await db.cases
        .where('codeIndex')
        .equals(db.blind('cases', 'code', code))
        .count()) === 0
    )
      return code;
  }
}

function clean(input: CaseFormValues): Omit<CaseRecord, 'id' | 'createdAt' | 'updatedAt' | 'lastActivityAt'> {
  const parsed = caseInputSchema().parse(input);
  const record: Omit<CaseRecord, 'id' | 'createdAt' | 'updatedAt' | 'lastActivityAt'> = { code: parsed.code, birthYear: parsed.birthYear };
  for (const key of ['displayName', 'birthMonth', 'gender', 'school', 'className', 'notes'] as const) {
    if (parsed[key] !== undefined) Object.assign(record, { [key]: parsed[key] });
  }
  return record;
}

export async function createCase(db: PolkuDatabase, input: CaseFormValues, extra: Partial<Pick<CaseRecord, 'example'>> = {}): Promise<CaseRecord> {
  const stamp = now();
  const record: CaseRecord = { id: newId(), ...clean(input), ...extra, createdAt: stamp, updatedAt: stamp, lastActivityAt: stamp };
  return guarded(async () => {
    await db.transaction('rw', [db.cases, ...auditTables(db)], async () => {
      if (
        (await db.cases
          .where('codeIndex')
          .equals(db.blind('cases', 'code', record.code))
          .count()) > 0
      )
        throw new StorageError('conflict', 'code');
      await db.cases.add(record);
      await appendAudit(db, { action: 'create', target: 'case', caseId: record.id, ...(extra.example ? { detail: { example: true } } : {}) }, stamp);
    });
    return record;
  });
}

/** Saves an edit made from revision `expectedRev` of the case; refused as `stale` if it moved on. */
export async function updateCase(db: PolkuDatabase, id: string, input: CaseFormValues, expectedRev: number): Promise<CaseRecord> {
  const changes = clean(input);
  return guarded(async () =>
    db.transaction('rw', [db.cases, ...auditTables(db)], async () => {
      const existing = await db.cases.get(id);
      if (!existing) throw new StorageError('not-found', id);
      checkRev(existing, expectedRev, id);
      const clash = await db.cases
        .where('codeIndex')
        .equals(db.blind('cases', 'code', changes.code))
        .first();
      if (clash && clash.id !== id) throw new StorageError('conflict', 'code');
      const stamp = now();
      // Cleared optional fields are removed, not kept from the old record.
      const { displayName: _d, birthMonth: _m, gender: _g, school: _s, className: _c, notes: _n, ...kept } = existing;
      const updated: CaseRecord = { ...kept, ...changes, rev: nextRev(existing), updatedAt: stamp, lastActivityAt: stamp };
      await db.cases.put(updated);
      await appendAudit(db, { action: 'update', target: 'case', caseId: id }, stamp);
      return updated;
    }),
  );
}

/** Chooses the profile that drives the case (null: back to the most recent one). */
export async function setProfileChoice(db: PolkuDatabase, id: string, key: string | null): Promise<CaseRecord> {
  return guarded(async () =>
    db.transaction('rw', [db.cases, ...auditTables(db)], async () => {
      const existing = await db.cases.get(id);
      if (!existing) throw new StorageError('not-found', id);
      const stamp = now();
      const { profileChoice: _p, ...kept } = existing;
      const updated: CaseRecord = { ...kept, ...(key ? { profileChoice: key } : {}), updatedAt: stamp };
      await db.cases.put(updated);
      await appendAudit(db, { action: 'update', target: 'case', caseId: id, detail: { profileChoice: key ?? 'latest' } }, stamp);
      return updated;
    }),
  );
}

/**
 * Deletes the case and everything of it (the right to erasure): administrations, plans, the
 * attendance log and its study IDs in research projects (after which no export can be linked back
 * to it). The audit keeps an entry saying a case and how many questionnaires were deleted.
 */
export async function deleteCase(db: PolkuDatabase, id: string): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.cases, db.administrations, db.plans, db.attendance, db.studyIds, ...auditTables(db)], async () => {
      const questionnaires = await db.administrations.where('caseId').equals(id).delete();
      for (const table of [db.plans, db.attendance, db.studyIds]) await table.where('caseId').equals(id).delete();
      await db.cases.delete(id);
      await appendAudit(db, { action: 'delete', target: 'case', caseId: id, detail: { questionnaires } });
    }),
  );
}

/** Only the activity stamp: not an edit of the case, so it leaves `rev` alone (an open case form stays valid). */
export async function touchCase(db: PolkuDatabase, id: string, stamp: string): Promise<void> {
  await db.cases.update(id, { lastActivityAt: stamp });
}
