/** The engine's general rules, on a small definition built for them (tests/support/mini-definition.ts). */
import { miniDefinition } from '../../tests/support/mini-definition';
import { definitionSchema, type InstrumentDefinition } from '../instrument/schema';
import { combineProfiles } from './combine';
import { rankScores, score } from './score';
import type { ScoreReport } from './types';

function definition(change: (d: Record<string, any>) => void = () => {}): InstrumentDefinition {
  const d = miniDefinition();
  change(d);
  return definitionSchema.parse(d);
}

function report(def: InstrumentDefinition, answers: Record<string, unknown>, options = {}): ScoreReport {
  const result = score(def, answers as never, options);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.report;
}

const scale = (r: ScoreReport, id: string, rating?: string) => r.scales.find((s) => s.id === id && s.rating === rating)!;

describe('score', () => {
  it('reverse-scores on the response scale: on 0–2, an answer of 0 scores 2', () => {
    // s1 = mean(a, reverse(b)) = mean(1, 2 - 0) = 1.5
    expect(scale(report(definition(), { a: 1, b: 0 }), 's1').score).toBe(1.5);
  });

  it('uses an alternative item in place of its original only in the alternative variant', () => {
    const answers = { a: 0, 'a-alt': 2, b: 2 };
    // original: mean(a=0, reverse(b)=0) = 0; alternative: mean(a-alt=2, 0) = 1
    expect(scale(report(definition(), answers), 's1')).toMatchObject({ score: 0, itemsUsed: ['a', 'b'] });
    expect(scale(report(definition(), answers, { variant: 'alternative' }), 's1')).toMatchObject({ score: 1, itemsUsed: ['a-alt', 'b'] });
  });

  it('prorates a sum as mean × applicable items', () => {
    const def = definition((d) => {
      d.scales.push({ id: 'total', label: d.scales[0].label, items: ['a', 'b', 'a-alt'], method: 'sum', minAnswered: 2 });
    });
    // a = 2, reverse(b = 1) = 1, a-alt missing: mean 1.5 × 3 items = 4.5, prorated
    expect(scale(report(def, { a: 2, b: 1 }), 'total')).toMatchObject({ score: 4.5, answered: 2, items: 3, prorated: true, missing: ['a-alt'], range: { min: 0, max: 6 } });
    expect(scale(report(def, { a: 2 }), 'total')).toMatchObject({ score: null, answered: 1, prorated: false });
  });

  it('skips an item whose condition is false, and does not count it as missing', () => {
    // c is asked when a >= 1. With a = 0 it is skipped: s2 has no applicable item, no score.
    const skipped = report(definition(), { a: 0, b: 0, q: { intensity: 0 }, period: 20, 'a-alt': 0 });
    expect(skipped.skipped).toEqual(['c', 'q.impact']);
    expect(scale(skipped, 's2')).toMatchObject({ score: null, items: 0, answered: 0 });
    expect(skipped.complete).toBe(true);
    const asked = report(definition(), { a: 1, b: 0, period: 20 });
    // An impact whose intensity is unanswered is not skipped, and is counted once, as the intensity.
    expect(asked.missingItems).toEqual(['c', 'q.intensity', 'a-alt']);
    expect(asked.complete).toBe(false);
  });

  it('an unanswered form scores nothing and never NaN', () => {
    const empty = report(definition(), {});
    for (const s of empty.scales) expect(s.score).toBeNull();
    expect(empty.primary).toEqual([]);
    expect(empty.classification).toMatchObject({ periodDays: null, totalDays: 0, totalPercent: null, totalFlagged: null, problematicFlagged: null, dominant: [] });
  });

  it('gives typed errors naming the item for answers that do not fit', () => {
    const result = score(definition(), { nope: 1, a: 1.5, q: 2, b: { x: 1 } } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.item])).toEqual([
      ['answer.unknownItem', 'nope'],
      ['answer.outOfRange', 'a'],
      ['answer.shape', 'q'],
      ['answer.shape', 'b'],
    ]);
    expect(score(definition(), null as never)).toMatchObject({ ok: false });
  });
});

describe('rankScores', () => {
  const rules = { tieMargin: 0.25, floor: 0 };

  it('includes a difference of exactly the margin despite floating point', () => {
    // 1.1 + 0.2 = 1.3000000000000003 and 1.05 makes a gap of 0.2500000000000002
    const tied = rankScores(
      [
        { id: 'x', score: 1.1 + 0.2 },
        { id: 'y', score: 1.05 },
        { id: 'z', score: 0 },
      ],
      rules,
    );
    expect(tied.primary).toEqual(['x', 'y']);
    expect(
      rankScores(
        [
          { id: 'x', score: 3 },
          { id: 'y', score: 2.74 },
        ],
        rules,
      ).primary,
    ).toEqual(['x']);
  });

  it('orders highest first, keeps definition order for equal scores, and leaves out null scores', () => {
    expect(
      rankScores(
        [
          { id: 'a', score: 1 },
          { id: 'b', score: null },
          { id: 'c', score: 2 },
          { id: 'd', score: 1 },
        ],
        { tieMargin: 0, floor: 1 },
      ),
    ).toEqual({
      order: [
        { id: 'c', score: 2 },
        { id: 'a', score: 1 },
        { id: 'd', score: 1 },
      ],
      primary: ['c'],
    });
  });

  it('names no primary when the highest score is below the floor; a highest score equal to the floor counts', () => {
    const floor = { tieMargin: 0.25, floor: 1 };
    expect(
      rankScores(
        [
          { id: 'a', score: 0.8 },
          { id: 'b', score: 0 },
        ],
        floor,
      ),
    ).toEqual({
      order: [
        { id: 'a', score: 0.8 },
        { id: 'b', score: 0 },
      ],
      primary: [],
      noPrimary: 'below-floor',
    });
    // A lone impact of 1 on a three-item scale: 1/3, below the floor of 1.
    expect(
      rankScores(
        [
          { id: 'a', score: 1 / 3 },
          { id: 'b', score: 0 },
        ],
        floor,
      ),
    ).toMatchObject({ primary: [], noPrimary: 'below-floor' });
    expect(
      rankScores(
        [
          { id: 'a', score: 1 },
          { id: 'b', score: 0 },
        ],
        floor,
      ),
    ).toEqual({
      order: [
        { id: 'a', score: 1 },
        { id: 'b', score: 0 },
      ],
      primary: ['a'],
    });
  });

  it('names no primary when every scored scale is co-primary (flat), and says when nothing was scored', () => {
    expect(
      rankScores(
        [
          { id: 'a', score: 3 },
          { id: 'b', score: 2.75 },
          { id: 'c', score: null },
        ],
        rules,
      ),
    ).toEqual({
      order: [
        { id: 'a', score: 3 },
        { id: 'b', score: 2.75 },
      ],
      primary: [],
      noPrimary: 'flat',
    });
    expect(
      rankScores(
        [
          { id: 'a', score: null },
          { id: 'b', score: null },
        ],
        rules,
      ),
    ).toEqual({ order: [], primary: [], noPrimary: 'none-scored' });
    // One scored scale is not a flat profile: it is primary (and provisional, see score()).
    expect(
      rankScores(
        [
          { id: 'a', score: 2 },
          { id: 'b', score: null },
        ],
        rules,
      ),
    ).toEqual({ order: [{ id: 'a', score: 2 }], primary: ['a'] });
  });
});

describe('primary rules in a report', () => {
  // Mini definition: s1 = mean(a, reverse(b)) on 0–2, s2 = sum of c (asked only when a ≥ 1).
  it('uses the floor of the definition, 1 by default, and reports it', () => {
    // s1 = mean(1, 0) = 0.5, s2 = 0: highest 0.5 < 1.
    expect(report(definition(), { a: 1, b: 2, c: 0 })).toMatchObject({ primary: [], noPrimary: 'below-floor', ranking: { floor: 1, noPrimary: 'below-floor' } });
    const lower = definition((d) => (d.profile.floor = 0));
    const r = report(lower, { a: 1, b: 2, c: 0 });
    expect(r.primary).toEqual(['s1']);
    expect(r.noPrimary).toBeUndefined();
    expect(r.ranking!.floor).toBe(0);
  });

  it('names no primary when every scale ties (flat)', () => {
    // s1 = mean(1, reverse(1) = 1) = 1, s2 = 1.
    expect(report(definition(), { a: 1, b: 1, c: 1 })).toMatchObject({ primary: [], noPrimary: 'flat' });
  });

  it('marks the primary provisional when a scale of the profile could not be scored', () => {
    // a = 0 skips c, so s2 has nothing to score; s1 = mean(0, reverse(0) = 2) = 1.
    const r = report(definition(), { a: 0, b: 0 });
    expect(r.primary).toEqual(['s1']);
    expect(r.provisional).toEqual([{ kind: 'unscorable', scales: ['s2'] }]);
    expect(r.ranking!.provisional).toEqual([{ kind: 'unscorable', scales: ['s2'] }]);
    // Everything scored: not provisional.
    expect(report(definition(), { a: 2, b: 2, c: 0 }).provisional).toBeUndefined();
  });
});

describe('combineProfiles', () => {
  const def = definition();
  const withS1 = (a: number) => report(def, { a, b: 2 }); // s1 = mean(a, reverse(2) = 0) = a / 2

  it('counts each parent separately when the profile says so', () => {
    const profile = { ...def.profile!, combination: { informants: ['child', 'parent'] as ('child' | 'parent')[], parents: 'separately' as const } };
    // child 1, mother 0, father 0.5 -> (1 + 0 + 0.5) / 3 = 0.5
    const combined = combineProfiles('mini', profile, [
      { informant: 'child', report: withS1(2) },
      { informant: 'mother', report: withS1(0) },
      { informant: 'father', report: withS1(1) },
    ]);
    expect(combined.scales[0]).toMatchObject({ id: 's1', score: 0.5, byRole: { child: 1 } });
  });

  it('leaves out informants and families the rule does not name, and says so', () => {
    const other = { ...withS1(2), instrument: { ...withS1(2).instrument, family: 'other' } };
    const combined = combineProfiles('mini', def.profile!, [
      { informant: 'child', report: withS1(1) },
      { informant: 'teacher', report: withS1(2) },
      { informant: 'father', report: other },
    ]);
    expect(combined.informants).toEqual(['child']);
    expect(combined.excluded).toEqual(['teacher', 'father']);
    expect(combined.scales[0]!.score).toBe(0.5);
  });

  it('uses the informants that have a score when one has none', () => {
    const combined = combineProfiles('mini', def.profile!, [
      { informant: 'child', report: report(def, {}) },
      { informant: 'mother', report: withS1(2) },
    ]);
    expect(combined.scales[0]).toMatchObject({
      score: 1,
      byRole: { parent: 1 },
      contributions: [
        { informant: 'child', score: null },
        { informant: 'mother', score: 1 },
      ],
    });
    expect(combined.primary).toEqual(['s1']);
    // s1 rests on the mother alone and s2 could not be scored: provisional for both reasons.
    expect(combined.provisional).toEqual([
      { kind: 'unscorable', scales: ['s2'] },
      { kind: 'one-informant', scales: ['s1'] },
    ]);
  });

  it('names no primary for a combined profile below the floor, and none provisional', () => {
    // s1: child 0.5 and mother 0.5; s2 0 for both (a = 1, c = 0).
    const low = report(def, { a: 1, b: 2, c: 0 });
    const combined = combineProfiles('mini', def.profile!, [
      { informant: 'child', report: low },
      { informant: 'mother', report: low },
    ]);
    expect(combined).toMatchObject({ primary: [], noPrimary: 'below-floor' });
    expect(combined.provisional).toBeUndefined();
  });
});
