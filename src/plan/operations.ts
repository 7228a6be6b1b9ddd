/**
 * Plan operations as pure functions on the ordered steps: every one returns a new array and
 * leaves its input alone, so the editor can offer them and storage can trust them.
 */
import type { LocalDate, PlanRecord, PlanRevision, PlanStep, StepStatus } from '../storage/records';

/** Moves the step at `index` by `delta` places (−1 up, +1 down); outside the list it is unchanged. */
export function moveStep<T>(steps: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return [...steps];
  const next = [...steps];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved!);
  return next;
}

export function setStepStatus<T extends Pick<PlanStep, 'id' | 'status'>>(steps: readonly T[], id: string, status: StepStatus): T[] {
  return steps.map((s) => (s.id === id ? { ...s, status } : s));
}

export function markAchieved<T extends Pick<PlanStep, 'id' | 'status'>>(steps: readonly T[], id: string): T[] {
  return setStepStatus(steps, id, 'achieved');
}

export function removeStep<T extends Pick<PlanStep, 'id'>>(steps: readonly T[], id: string): T[] {
  return steps.filter((s) => s.id !== id);
}

/**
 * Revises a step: the old one keeps its text and gets status 'revised' (it stays in the plan's
 * history); a copy with a new id, `revisionOf` the old one and status 'planned' follows it
 * directly, ready to be edited. Unknown ids leave the steps unchanged.
 */
export function reviseStep<T extends Pick<PlanStep, 'id' | 'status' | 'revisionOf'>>(steps: readonly T[], id: string, newId: string): T[] {
  const index = steps.findIndex((s) => s.id === id);
  if (index < 0) return [...steps];
  const old = steps[index]!;
  const next = [...steps];
  next.splice(index, 1, { ...old, status: 'revised' }, { ...old, id: newId, status: 'planned', revisionOf: old.id });
  return next;
}

/** The state a save replaces, for the revision history. */
export function snapshotOf(plan: Pick<PlanRecord, 'goal' | 'returnDate' | 'steps'>, savedAt: string): PlanRevision {
  const snapshot: PlanRevision = { savedAt, goal: plan.goal, steps: plan.steps.map((s) => ({ ...s, responsible: [...s.responsible] })) };
  if (plan.returnDate) snapshot.returnDate = plan.returnDate;
  return snapshot;
}

/** Whether goal, return date or steps differ (what the revision history keeps). */
export function planContentChanged(a: Pick<PlanRecord, 'goal' | 'returnDate' | 'steps'>, b: Pick<PlanRecord, 'goal' | 'returnDate' | 'steps'>): boolean {
  const canonical = (p: Pick<PlanRecord, 'goal' | 'returnDate' | 'steps'>) =>
    JSON.stringify([
      p.goal,
      p.returnDate ?? null,
      p.steps.map((s) => [
        s.id,
        s.action,
        s.startDate,
        s.reviewDate,
        s.successCriterion,
        s.supports,
        s.responsible,
        s.responsibleNote ?? null,
        s.status,
        s.revisionOf ?? null,
        s.suggestedFor ?? null,
      ]),
    ]);
  return canonical(a) !== canonical(b);
}

/**
 * Revisions after saving `next` over `previous`: the previous state, stamped with when it was
 * saved, is appended when the content changed.
 */
export function revisionsAfterSave(previous: PlanRecord, next: Pick<PlanRecord, 'goal' | 'returnDate' | 'steps'>): PlanRevision[] {
  return planContentChanged(previous, next) ? [...previous.revisions, snapshotOf(previous, previous.updatedAt)] : previous.revisions;
}

/** Steps that carry the plan now: revised steps were replaced and stay only as history. */
export function activeSteps<T extends Pick<PlanStep, 'status'>>(steps: readonly T[]): T[] {
  return steps.filter((s) => s.status !== 'revised');
}

/**
 * The step current on a day: of the steps started by then, the one that started last; on the
 * same start day a replacement wins over the step it revised, then the later one in the plan's
 * order. A revised step is thus current until its replacement starts. Null before any step.
 */
export function currentStepOn<T extends Pick<PlanStep, 'id' | 'startDate' | 'status'>>(steps: readonly T[], day: LocalDate): T | null {
  let best: T | null = null;
  for (const step of steps) {
    if (step.startDate > day) continue;
    if (!best || step.startDate > best.startDate || (step.startDate === best.startDate && !(step.status === 'revised' && best.status !== 'revised'))) best = step;
  }
  return best;
}

export const PLAN_STATES = ['no-steps', 'planned', 'in-progress', 'achieved'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export interface PlanSummary {
  state: PlanState;
  /** The next date on or after today when an open step is reviewed or a review meeting is held. */
  nextReview: LocalDate | null;
  current: PlanStep | null;
  /** Active steps (not revised) by status, and how many are achieved. */
  stepCount: number;
  achievedCount: number;
}

/**
 * A plan at a glance: no steps; planned (no step started yet); in progress; achieved (every
 * active step achieved).
 */
export function summarizePlan(plan: Pick<PlanRecord, 'steps' | 'reviews'>, today: LocalDate): PlanSummary {
  const active = activeSteps(plan.steps);
  const achievedCount = active.filter((s) => s.status === 'achieved').length;
  let state: PlanState;
  if (active.length === 0) state = 'no-steps';
  else if (achievedCount === active.length) state = 'achieved';
  else if (active.some((s) => s.status === 'in-progress' || s.status === 'achieved' || s.startDate <= today)) state = 'in-progress';
  else state = 'planned';
  const upcoming = [...active.filter((s) => s.status !== 'achieved').map((s) => s.reviewDate), ...plan.reviews.map((r) => r.date)].filter((d) => d >= today).sort();
  return { state, nextReview: upcoming[0] ?? null, current: currentStepOn(active, today), stepCount: active.length, achievedCount };
}
