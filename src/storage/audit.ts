/**
 * The audit trail: an append-only record of what was done on this device, for the
 * practitioner's records. Entries hold ids, instrument references and counts, never names,
 * codes, answers or free text, so deleting a case removes its personal data and leaves only an
 * entry that says a case was deleted. Nothing in the app edits or deletes an entry.
 */
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import type { AuditRecord } from './records';

export type AuditInput = Omit<AuditRecord, 'id' | 'at' | 'practitioner'>;

/** The tables a transaction needs to append an entry (with the practitioner's name). */
export function auditTables(db: PolkuDatabase) {
  return [db.audit, db.settings] as const;
}

/** Appends one entry; call inside the transaction of the action it records (with auditTables). */
export async function appendAudit(db: PolkuDatabase, input: AuditInput, at = now()): Promise<AuditRecord> {
  const name = (await db.settings.get('practitionerName'))?.value;
  const entry: AuditRecord = { id: newId(), at, ...input };
  if (typeof name === 'string' && name.trim()) entry.practitioner = name.trim();
  await db.audit.add(entry);
  return entry;
}

export function auditOfCase(db: PolkuDatabase, caseId: string): Promise<AuditRecord[]> {
  return db.audit.where('caseId').equals(caseId).reverse().sortBy('at');
}

export function allAudit(db: PolkuDatabase): Promise<AuditRecord[]> {
  return db.audit.orderBy('at').reverse().toArray();
}
