/**
 * Gradual-return plans: create, update (keeping the previous state in the revision history),
 * delete. Each is one transaction with its audit entry and the case's activity stamp; the input
 * is checked in full (src/plan/schema.ts) before anything is written.
 */
import { planInputSchema, type PlanFormValues, type PlanInput } from '../plan/schema';
import { revisionsAfterSave } from '../plan/operations';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables } from './audit';
import { touchCase } from './cases';
import type { PlanContact, PlanRecord, PlanStep } from './records';
import { checkRev, nextRev } from './revision';

type PlanContent = Pick<PlanRecord, 'title' | 'goal' | 'returnDate' | 'steps' | 'contacts' | 'reviews'>;

/** Parses (throws a ZodError on an impossible plan) and drops optional fields left empty. */
export function planContent(values: PlanFormValues): PlanContent {
  const input: PlanInput = planInputSchema.parse(values);
  const steps = input.steps.map((s): PlanStep => {
    const step: PlanStep = {
      id: s.id,
      action: s.action,
      startDate: s.startDate,
      reviewDate: s.reviewDate,
      successCriterion: s.successCriterion,
      supports: s.supports,
      responsible: s.responsible,
      status: s.status,
    };
    if (s.responsibleNote) step.responsibleNote = s.responsibleNote;
    if (s.revisionOf) step.revisionOf = s.revisionOf;
    if (s.suggestedFor) step.suggestedFor = s.suggestedFor;
    return step;
  });
  const contacts = input.contacts.map((c): PlanContact => (c.reach ? { id: c.id, name: c.name, role: c.role, reach: c.reach } : { id: c.id, name: c.name, role: c.role }));
  const content: PlanContent = { title: input.title, goal: input.goal, steps, contacts, reviews: input.reviews.map((r) => ({ id: r.id, date: r.date, notes: r.notes })) };
  if (input.returnDate) content.returnDate = input.returnDate;
  return content;
}

export async function createPlan(db: PolkuDatabase, caseId: string, values: PlanFormValues): Promise<PlanRecord> {
  const content = planContent(values);
  const stamp = now();
  const record: PlanRecord = { id: newId(), caseId, ...content, revisions: [], createdAt: stamp, updatedAt: stamp };
  return guarded(async () => {
    await db.transaction('rw', [db.plans, db.cases, ...auditTables(db)], async () => {
      if (!(await db.cases.get(caseId))) throw new StorageError('not-found', caseId);
      await db.plans.add(record);
      await touchCase(db, caseId, stamp);
      await appendAudit(db, { action: 'create', target: 'plan', caseId, detail: { steps: content.steps.length } }, stamp);
    });
    return record;
  });
}

/**
 * Saves the plan edited from revision `expectedRev` (refused as `stale` if another tab saved since);
 * when goal, return date or steps changed, the state it replaces joins `revisions`.
 */
export async function updatePlan(db: PolkuDatabase, id: string, values: PlanFormValues, expectedRev: number): Promise<PlanRecord> {
  const content = planContent(values);
  return guarded(() =>
    db.transaction('rw', [db.plans, db.cases, ...auditTables(db)], async () => {
      const existing = await db.plans.get(id);
      if (!existing) throw new StorageError('not-found', id);
      checkRev(existing, expectedRev, id);
      const stamp = now();
      const { returnDate: _r, ...kept } = existing;
      const updated: PlanRecord = { ...kept, ...content, revisions: revisionsAfterSave(existing, content), rev: nextRev(existing), updatedAt: stamp };
      await db.plans.put(updated);
      await touchCase(db, existing.caseId, stamp);
      await appendAudit(db, { action: 'update', target: 'plan', caseId: existing.caseId, detail: { steps: content.steps.length, revisions: updated.revisions.length } }, stamp);
      return updated;
    }),
  );
}

/** Deletes the plan as shown at revision `expectedRev`: a plan another tab changed since is not deleted unseen. */
export async function deletePlan(db: PolkuDatabase, id: string, expectedRev: number): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.plans, db.cases, ...auditTables(db)], async () => {
      const existing = await db.plans.get(id);
      if (!existing) throw new StorageError('not-found', id);
      checkRev(existing, expectedRev, id);
      const stamp = now();
      await db.plans.delete(id);
      await touchCase(db, existing.caseId, stamp);
      await appendAudit(db, { action: 'delete', target: 'plan', caseId: existing.caseId, detail: { steps: existing.steps.length } }, stamp);
    }),
  );
}

export { plansOfCase } from './reads';
