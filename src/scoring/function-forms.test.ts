import { score } from './score';
import { combineProfiles } from './combine';
import { shipped } from '../../tests/support/shipped';
import type { ScoreReport } from './types';
import type { Answers } from '../instrument/answers';

/**
 * The Polku function forms (original items, four-function model): 5 items per function,
 * a1..a5 avoidance, e1..e5 escape, p1..p5 attention, t1..t5 tangible; mean of the items,
 * scored with at least 4 of 5 answered; co-primary within 0.25 (inclusive).
 */
const FORMS = ['function-child@1.0.0', 'function-parent@1.0.0'] as const;
const FUNCTIONS = { a: 'avoidance', e: 'escape', p: 'attention', t: 'tangible' } as const;
const DISPLAY_ORDER = ['a1', 't1', 'e1', 'p1', 'e2', 'a2', 't2', 'p2', 'a3', 'e3', 'p3', 't3', 'e4', 't4', 'a4', 'p4', 't5', 'a5', 'p5', 'e5'];

type Five = [number | null, number | null, number | null, number | null, number | null];

/** Answers from five values per function (null = unanswered). */
function answers(a: Five, e: Five, p: Five, t: Five): Answers {
  const out: Answers = {};
  for (const [prefix, values] of [
    ['a', a],
    ['e', e],
    ['p', p],
    ['t', t],
  ] as const) {
    values.forEach((v, i) => (out[`${prefix}${i + 1}`] = v));
  }
  return out;
}

function report(form: string, given: Answers): ScoreReport {
  const result = score(shipped(form), given);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.report;
}

function byId(r: ScoreReport): Record<string, number | null> {
  return Object.fromEntries(r.scales.map((s) => [s.id, s.score]));
}

describe.each(FORMS)('function form %s', (form) => {
  const definition = shipped(form);

  it('has 20 items, 5 per function, numbered 1..20 in array order and interleaved', () => {
    expect(definition.items.map((i) => i.id)).toEqual(DISPLAY_ORDER);
    expect(definition.items.map((i) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    for (const [prefix, id] of Object.entries(FUNCTIONS)) {
      const scale = definition.scales.find((s) => s.id === id)!;
      expect(scale.items).toEqual([1, 2, 3, 4, 5].map((n) => `${prefix}${n}`));
      expect(scale.method).toBe('mean');
      expect(scale.minAnswered).toBe(4);
    }
    // No two neighbouring items measure the same function.
    for (let i = 1; i < DISPLAY_ORDER.length; i += 1) expect(DISPLAY_ORDER[i]![0]).not.toBe(DISPLAY_ORDER[i - 1]![0]);
    // No reverse-scored items: every item is worded in the direction of its function.
    expect(definition.items.filter((i) => i.reverse === true)).toEqual([]);
    expect(definition.profile).toEqual({
      scales: ['avoidance', 'escape', 'attention', 'tangible'],
      tieMargin: 0.25,
      combination: { informants: ['child', 'parent'], parents: 'average-first' },
    });
  });

  it('scores each function as the mean of its five items and ranks the highest as primary', () => {
    const r = report(
      form,
      answers(
        [6, 5, 4, 3, 2], // avoidance: (6+5+4+3+2)/5 = 20/5 = 4
        [3, 3, 3, 3, 2], // escape:    (3+3+3+3+2)/5 = 14/5 = 2.8
        [1, 1, 1, 1, 1], // attention: 5/5 = 1
        [0, 0, 1, 0, 0], // tangible:  1/5 = 0.2
      ),
    );
    expect(byId(r)).toEqual({ avoidance: 4, escape: 2.8, attention: 1, tangible: 0.2 });
    expect(r.complete).toBe(true);
    expect(r.scales.map((s) => s.prorated)).toEqual([false, false, false, false]);
    expect(r.scales.map((s) => s.range)).toEqual(Array(4).fill({ min: 0, max: 6 }));
    // 4 - 2.8 = 1.2 > 0.25: avoidance alone.
    expect(r.primary).toEqual(['avoidance']);
    expect(r.ranking!.order).toEqual([
      { id: 'avoidance', score: 4 },
      { id: 'escape', score: 2.8 },
      { id: 'attention', score: 1 },
      { id: 'tangible', score: 0.2 },
    ]);
  });

  it('counts a difference of exactly 0.25 as co-primary (inclusive)', () => {
    // Complete five-item means are fifths, so their differences are multiples of 0.2; an exact 0.25
    // needs a prorated (quarter) score: escape 4 of 5 answered.
    const r = report(
      form,
      answers(
        [4, 4, 4, 4, 4], // avoidance: 20/5 = 4
        [4, 4, 4, 3, null], // escape: (4+4+4+3)/4 = 15/4 = 3.75; 4 - 3.75 = 0.25 -> co-primary
        [2, 2, 2, 2, 2], // attention: 10/5 = 2
        [0, 0, 0, 0, 0], // tangible: 0
      ),
    );
    expect(byId(r)).toEqual({ avoidance: 4, escape: 3.75, attention: 2, tangible: 0 });
    expect(r.primary).toEqual(['avoidance', 'escape']);
  });

  it('counts a complete-form difference of 0.2 as co-primary and 0.4 as not', () => {
    const close = report(
      form,
      answers(
        [4, 4, 4, 4, 4], // avoidance: 20/5 = 4
        [4, 4, 4, 4, 3], // escape: 19/5 = 3.8; 4 - 3.8 = 0.2 <= 0.25 -> co-primary
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ),
    );
    expect(byId(close)).toEqual({ avoidance: 4, escape: 3.8, attention: 0, tangible: 0 });
    expect(close.primary).toEqual(['avoidance', 'escape']);

    const apart = report(
      form,
      answers(
        [4, 4, 4, 4, 4], // avoidance: 20/5 = 4
        [4, 4, 4, 3, 3], // escape: 18/5 = 3.6; 4 - 3.6 = 0.4 > 0.25 -> not co-primary
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ),
    );
    expect(byId(apart)).toEqual({ avoidance: 4, escape: 3.6, attention: 0, tangible: 0 });
    expect(apart.primary).toEqual(['avoidance']);
  });

  it('does not count the smallest reachable difference over 0.25 (0.3) as co-primary', () => {
    const r = report(
      form,
      answers(
        [4, 4, 4, 4, 3], // avoidance: 19/5 = 3.8
        [4, 4, 3, 3, null], // escape: 14/4 = 3.5; 3.8 - 3.5 = 0.3 > 0.25 -> not co-primary
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ),
    );
    expect(byId(r)).toEqual({ avoidance: 3.8, escape: 3.5, attention: 0, tangible: 0 });
    expect(r.primary).toEqual(['avoidance']);
  });

  it('prorates with 4 of 5 answered and leaves a function with 3 of 5 unscored and unranked', () => {
    const r = report(
      form,
      answers(
        [6, 5, 4, 3, null], // avoidance: 4 answered -> (6+5+4+3)/4 = 18/4 = 4.5, prorated
        [6, 6, 6, null, null], // escape: 3 answered < 4 -> null (although its mean would be 6)
        [2, 1, 2, 1, 2], // attention: 8/5 = 1.6
        [1, 1, 1, 1, 1], // tangible: 5/5 = 1
      ),
    );
    expect(byId(r)).toEqual({ avoidance: 4.5, escape: null, attention: 1.6, tangible: 1 });
    const avoidance = r.scales.find((s) => s.id === 'avoidance')!;
    expect(avoidance).toMatchObject({ answered: 4, items: 5, prorated: true, missing: ['a5'] });
    const escape = r.scales.find((s) => s.id === 'escape')!;
    expect(escape).toMatchObject({ score: null, answered: 3, items: 5, prorated: false, missing: ['e4', 'e5'] });
    expect(r.complete).toBe(false);
    expect(r.missingItems).toEqual(['e4', 'a5', 'e5']); // display order: e4 = 13, a5 = 18, e5 = 20
    // Escape is not ranked: 4.5 (avoidance) is top, attention 4.5 - 1.6 = 2.9 behind.
    expect(r.ranking!.order).toEqual([
      { id: 'avoidance', score: 4.5 },
      { id: 'attention', score: 1.6 },
      { id: 'tangible', score: 1 },
    ]);
    expect(r.primary).toEqual(['avoidance']);
  });
});

describe('function forms combined across informants', () => {
  const childDef = shipped('function-child@1.0.0');

  it('averages the two parents first, then with the child', () => {
    const child = report(
      'function-child@1.0.0',
      answers(
        [5, 4, 4, 3, 4], // 20/5 = 4
        [2, 3, 2, 1, 2], // 10/5 = 2
        [1, 0, 2, 1, 1], // 5/5 = 1
        [0, 1, 0, 0, 0], // 1/5 = 0.2
      ),
    );
    const mother = report(
      'function-parent@1.0.0',
      answers(
        [2, 2, 3, 2, 2], // 11/5 = 2.2
        [4, 4, 3, 4, 4], // 19/5 = 3.8
        [3, 2, 3, 3, 3], // 14/5 = 2.8
        [1, 1, 1, 1, 1], // 5/5 = 1
      ),
    );
    const father = report(
      'function-parent@1.0.0',
      answers(
        [3, 3, 3, 3, 2], // 14/5 = 2.8
        [5, 4, 5, 5, 5], // 24/5 = 4.8
        [2, 2, 2, 2, 2], // 10/5 = 2
        [0, 0, 0, 0, 1], // 1/5 = 0.2
      ),
    );
    const combined = combineProfiles('function', childDef.profile!, [
      { informant: 'child', report: child },
      { informant: 'mother', report: mother },
      { informant: 'father', report: father },
    ]);

    expect(combined.informants).toEqual(['child', 'mother', 'father']);
    expect(combined.excluded).toEqual([]);
    expect(combined.tieMargin).toBe(0.25);

    const scale = (id: string) => combined.scales.find((s) => s.id === id)!;
    // avoidance: parents (2.2 + 2.8)/2 = 2.5; combined (4 + 2.5)/2 = 3.25
    expect(scale('avoidance').contributions).toEqual([
      { informant: 'child', score: 4 },
      { informant: 'mother', score: 2.2 },
      { informant: 'father', score: 2.8 },
    ]);
    expect(scale('avoidance').byRole.child).toBe(4);
    expect(scale('avoidance').byRole.parent).toBeCloseTo(2.5, 10);
    expect(scale('avoidance').score).toBeCloseTo(3.25, 10);
    // escape: parents (3.8 + 4.8)/2 = 4.3; combined (2 + 4.3)/2 = 3.15
    expect(scale('escape').byRole.child).toBe(2);
    expect(scale('escape').byRole.parent).toBeCloseTo(4.3, 10);
    expect(scale('escape').score).toBeCloseTo(3.15, 10);
    // attention: parents (2.8 + 2)/2 = 2.4; combined (1 + 2.4)/2 = 1.7
    expect(scale('attention').byRole.parent).toBeCloseTo(2.4, 10);
    expect(scale('attention').score).toBeCloseTo(1.7, 10);
    // tangible: parents (1 + 0.2)/2 = 0.6; combined (0.2 + 0.6)/2 = 0.4
    expect(scale('tangible').byRole.parent).toBeCloseTo(0.6, 10);
    expect(scale('tangible').score).toBeCloseTo(0.4, 10);

    // Ranked: avoidance 3.25, escape 3.15 (3.25 - 3.15 = 0.1 <= 0.25 -> co-primary), attention 1.7, tangible 0.4.
    // (A flat mean of all three forms would differ: avoidance (4+2.2+2.8)/3 = 3, escape (2+3.8+4.8)/3 = 3.53…, escape alone on top.)
    expect(combined.order.map((o) => o.id)).toEqual(['avoidance', 'escape', 'attention', 'tangible']);
    expect(combined.order[0]!.score).toBeCloseTo(3.25, 10);
    expect(combined.order[1]!.score).toBeCloseTo(3.15, 10);
    expect(combined.order[2]!.score).toBeCloseTo(1.7, 10);
    expect(combined.order[3]!.score).toBeCloseTo(0.4, 10);
    expect(combined.primary).toEqual(['avoidance', 'escape']);
  });

  it('keeps a combined difference of exactly 0.25 co-primary despite floating point', () => {
    const child = report('function-child@1.0.0', answers([2, 2, 2, 2, 2], [2, 2, 1, 1, 1], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]));
    const mother = report('function-parent@1.0.0', answers([2, 2, 2, 2, 2], [2, 2, 2, 1, 1], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]));
    const father = report('function-parent@1.0.0', answers([3, 3, 2, 2, 2], [3, 3, 3, 3, 3], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]));
    // avoidance: child 10/5 = 2, mother 10/5 = 2, father 12/5 = 2.4; parents 2.2; combined (2 + 2.2)/2 = 2.1
    // escape:    child 7/5 = 1.4, mother 8/5 = 1.6, father 15/5 = 3;  parents 2.3; combined (1.4 + 2.3)/2 = 1.85
    // 2.1 - 1.85 = 0.25 exactly (in floating point 0.2500000000000002) -> co-primary
    // attention: 1 everywhere -> 1 (2.1 - 1 = 1.1); tangible: 0
    const combined = combineProfiles('function', childDef.profile!, [
      { informant: 'child', report: child },
      { informant: 'mother', report: mother },
      { informant: 'father', report: father },
    ]);
    const scores = Object.fromEntries(combined.scales.map((s) => [s.id, s.score]));
    expect(scores.avoidance).toBeCloseTo(2.1, 10);
    expect(scores.escape).toBeCloseTo(1.85, 10);
    expect(scores.attention).toBeCloseTo(1, 10);
    expect(scores.tangible).toBe(0);
    expect(combined.primary).toEqual(['avoidance', 'escape']);
  });
});
