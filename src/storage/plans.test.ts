import { testDatabase } from '../../tests/support/db';
import type { PlanFormValues } from '../plan/schema';
import { reviseStep } from '../plan/operations';
import { createCase } from './cases';
import { createPlan, deletePlan, plansOfCase, updatePlan } from './plans';

const pupil = { code: 'PLN-001', birthYear: 2013 };
const values = (): PlanFormValues => ({
  title: 'Return plan',
  goal: 'Full school days',
  returnDate: '2026-04-01',
  steps: [
    {
      id: 's1',
      action: 'First two lessons',
      startDate: '2026-03-02',
      reviewDate: '2026-03-13',
      successCriterion: '8 of 10',
      supports: 'Resource teacher',
      responsible: ['pupil'],
      responsibleNote: '',
      status: 'in-progress',
    },
    {
      id: 's2',
      action: 'Mornings until lunch',
      startDate: '2026-03-16',
      reviewDate: '2026-03-27',
      successCriterion: '',
      supports: '',
      responsible: ['pupil', 'parent'],
      responsibleNote: 'Mother drives',
      status: 'planned',
    },
  ],
  contacts: [{ id: 'c1', name: 'Class teacher', role: 'Teacher', reach: '' }],
  reviews: [],
});

// Entries written within one millisecond have no order of their own: compare them sorted.
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('plans', () => {
  it('creates a plan with an audit entry and the case touched; empty optional fields are not stored', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const plan = await createPlan(db, kase.id, values());
    const stored = await db.plans.get(plan.id);
    expect(stored).toMatchObject({
      caseId: kase.id,
      title: 'Return plan',
      returnDate: '2026-04-01',
      revisions: [],
      contacts: [{ id: 'c1', name: 'Class teacher', role: 'Teacher' }],
    });
    expect(stored!.steps.map((s) => s.id)).toEqual(['s1', 's2']);
    expect('responsibleNote' in stored!.steps[0]!).toBe(false);
    expect(stored!.steps[1]!.responsibleNote).toBe('Mother drives');
    expect('reach' in stored!.contacts[0]!).toBe(false);
    expect((await db.cases.get(kase.id))!.lastActivityAt).toBe(plan.createdAt);
    const audit = (await db.audit.where('caseId').equals(kase.id).toArray()).filter((a) => a.target === 'plan');
    expect(audit.map((a) => [a.action, a.detail]).sort(byJson)).toEqual([['create', { steps: 2 }]].sort(byJson));
  });

  it('keeps the state a save replaces in the revision history, and removes a cleared return date', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const plan = await createPlan(db, kase.id, values());
    const revised = { ...values(), returnDate: '', steps: reviseStep(values().steps, 's2', 's3') };
    const updated = await updatePlan(db, plan.id, revised, 0);
    expect(updated.steps.map((s) => [s.id, s.status, s.revisionOf ?? null])).toEqual([
      ['s1', 'in-progress', null],
      ['s2', 'revised', null],
      ['s3', 'planned', 's2'],
    ]);
    expect('returnDate' in updated).toBe(false);
    expect(updated.revisions).toHaveLength(1);
    expect(updated.revisions[0]).toMatchObject({ savedAt: plan.updatedAt, returnDate: '2026-04-01', goal: 'Full school days' });
    expect(updated.revisions[0]!.steps.map((s) => s.id)).toEqual(['s1', 's2']);
    // Only a contact changed: no new revision.
    const again = await updatePlan(db, plan.id, { ...revised, contacts: [] }, 1);
    expect(again.revisions).toHaveLength(1);
    expect(await db.plans.get(plan.id)).toEqual(again);
    const audit = (await db.audit.where('caseId').equals(kase.id).sortBy('at')).filter((a) => a.target === 'plan');
    expect(audit.map((a) => [a.action, a.detail]).sort(byJson)).toEqual(
      [
        ['create', { steps: 2 }],
        ['update', { steps: 3, revisions: 1 }],
        ['update', { steps: 3, revisions: 1 }],
      ].sort(byJson),
    );
  });

  it('stores nothing for an impossible plan', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const impossible = values();
    impossible.steps[0]!.reviewDate = '2026-03-01';
    await expect(createPlan(db, kase.id, impossible)).rejects.toThrow(/errors.reviewBeforeStart/);
    const plan = await createPlan(db, kase.id, values());
    await expect(updatePlan(db, plan.id, { ...values(), goal: '' }, 0)).rejects.toThrow(/errors.goalRequired/);
    expect(await plansOfCase(db, kase.id)).toEqual([plan]);
    expect((await db.audit.toArray()).filter((a) => a.target === 'plan')).toHaveLength(1);
    await expect(createPlan(db, 'no-such-case', values())).rejects.toMatchObject({ failure: 'not-found' });
  });

  it('rolls back when the disk is full', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const plan = await createPlan(db, kase.id, values());
    const original = db.cases.update.bind(db.cases);
    db.cases.update = (() => Promise.reject(Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }))) as unknown as typeof db.cases.update;
    await expect(updatePlan(db, plan.id, { ...values(), goal: 'Changed' }, 0)).rejects.toMatchObject({ failure: 'quota' });
    await expect(createPlan(db, kase.id, values())).rejects.toMatchObject({ failure: 'quota' });
    await expect(deletePlan(db, plan.id, 0)).rejects.toMatchObject({ failure: 'quota' });
    db.cases.update = original;
    expect(await plansOfCase(db, kase.id)).toEqual([plan]);
    expect((await db.audit.toArray()).filter((a) => a.target === 'plan')).toHaveLength(1);
  });

  it('deletes a plan with an audit entry', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const plan = await createPlan(db, kase.id, values());
    await deletePlan(db, plan.id, 0);
    expect(await db.plans.count()).toBe(0);
    expect(
      (await db.audit.toArray())
        .filter((a) => a.target === 'plan')
        .map((a) => [a.action, a.detail])
        .sort(byJson),
    ).toEqual(
      [
        ['create', { steps: 2 }],
        ['delete', { steps: 2 }],
      ].sort(byJson),
    );
    await expect(deletePlan(db, plan.id, 0)).rejects.toMatchObject({ failure: 'not-found' });
  });
});
