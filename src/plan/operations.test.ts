import type { PlanRecord, PlanStep } from '../storage/records';
import { currentStepOn, markAchieved, moveStep, planContentChanged, removeStep, reviseStep, revisionsAfterSave, summarizePlan } from './operations';
import { asLocalDate } from './dates';

const step = (id: string, startDate: string, reviewDate: string, status: PlanStep['status'] = 'planned'): PlanStep => ({
  id,
  action: `do ${id}`,
  startDate: asLocalDate(startDate),
  reviewDate: asLocalDate(reviewDate),
  successCriterion: '',
  supports: '',
  responsible: ['pupil'],
  status,
});

const plan = (steps: PlanStep[]): PlanRecord => ({
  id: 'p',
  caseId: 'c',
  title: 'Plan',
  goal: 'Back to full days',
  returnDate: asLocalDate('2026-04-01'),
  steps,
  contacts: [],
  reviews: [],
  revisions: [],
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-02T08:00:00.000Z',
});

describe('plan operations', () => {
  const a = step('a', '2026-03-02', '2026-03-13');
  const b = step('b', '2026-03-16', '2026-03-27');
  const c = step('c', '2026-03-30', '2026-04-10');

  it('reorders with up and down, leaving the ends and the input alone', () => {
    const steps = [a, b, c];
    expect(moveStep(steps, 2, -1).map((s) => s.id)).toEqual(['a', 'c', 'b']);
    expect(moveStep(steps, 0, 1).map((s) => s.id)).toEqual(['b', 'a', 'c']);
    expect(moveStep(steps, 0, -1).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(moveStep(steps, 2, 1).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(steps.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('marks achieved and removes by id', () => {
    expect(markAchieved([a, b], 'b').map((s) => s.status)).toEqual(['planned', 'achieved']);
    expect(removeStep([a, b, c], 'b').map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('revises: the old step is kept as revised and its replacement follows it', () => {
    const revised = reviseStep([a, b, c], 'b', 'b2');
    expect(revised.map((s) => [s.id, s.status, s.revisionOf ?? null])).toEqual([
      ['a', 'planned', null],
      ['b', 'revised', null],
      ['b2', 'planned', 'b'],
      ['c', 'planned', null],
    ]);
    expect(revised[2]).toMatchObject({ action: 'do b', startDate: '2026-03-16', reviewDate: '2026-03-27' });
    expect(reviseStep([a], 'zzz', 'n')).toEqual([a]);
  });

  it('keeps the previous state in the history only when the content changed', () => {
    const before = plan([a, b]);
    expect(revisionsAfterSave(before, { goal: before.goal, returnDate: asLocalDate('2026-04-01'), steps: [a, b] })).toEqual([]);
    expect(planContentChanged(before, { goal: before.goal, returnDate: asLocalDate('2026-04-01'), steps: [b, a] })).toBe(true);
    const revisions = revisionsAfterSave(before, { goal: 'Full days by April', returnDate: asLocalDate('2026-04-01'), steps: [a, b] });
    expect(revisions).toEqual([{ savedAt: '2026-03-02T08:00:00.000Z', goal: 'Back to full days', returnDate: '2026-04-01', steps: [a, b] }]);
  });

  it('finds the current step: the latest started; a replacement wins on its start day', () => {
    expect(currentStepOn([a, b, c], asLocalDate('2026-03-01'))).toBeNull();
    expect(currentStepOn([a, b, c], asLocalDate('2026-03-15'))?.id).toBe('a');
    expect(currentStepOn([a, b, c], asLocalDate('2026-03-16'))?.id).toBe('b');
    // Order in the plan does not matter; the start date does.
    expect(currentStepOn([c, b, a], asLocalDate('2026-03-20'))?.id).toBe('b');
    const revised = reviseStep([a, b], 'b', 'b2');
    expect(currentStepOn(revised, asLocalDate('2026-03-16'))?.id).toBe('b2');
    expect(
      currentStepOn(
        [
          { ...b, id: 'b2' },
          { ...b, status: 'revised' as const },
        ],
        asLocalDate('2026-03-16'),
      )?.id,
    ).toBe('b2');
  });

  it('summarizes state and the next review (open steps and meetings from today on)', () => {
    expect(summarizePlan({ steps: [], reviews: [] }, asLocalDate('2026-03-10'))).toMatchObject({ state: 'no-steps', nextReview: null, current: null });
    expect(summarizePlan({ steps: [a, b], reviews: [] }, asLocalDate('2026-03-01'))).toMatchObject({ state: 'planned', nextReview: '2026-03-13' });
    const running = summarizePlan({ steps: [{ ...a, status: 'achieved' }, b], reviews: [{ id: 'r', date: asLocalDate('2026-03-20'), notes: '' }] }, asLocalDate('2026-03-17'));
    expect(running).toMatchObject({ state: 'in-progress', nextReview: '2026-03-20', stepCount: 2, achievedCount: 1 });
    expect(running.current?.id).toBe('b');
    const done = summarizePlan(
      {
        steps: [
          { ...a, status: 'achieved' },
          { ...b, status: 'revised' },
          { ...b, id: 'b2', status: 'achieved' },
        ],
        reviews: [],
      },
      asLocalDate('2026-03-30'),
    );
    expect(done).toMatchObject({ state: 'achieved', nextReview: null, stepCount: 2, achievedCount: 2 });
  });
});
