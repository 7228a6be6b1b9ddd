import { score } from './score';
import { shipped } from '../../tests/support/shipped';
import type { ScaleScore, ScoreReport } from './types';
import type { Answers } from '../instrument/answers';

const forms = ['quality-function-child@1.0.0', 'quality-function-parent@1.0.0'] as const;

type Pair = { intensity?: number | null; impact?: number | null };

/** Every one of the 39 items answered intensity 1, impact 1; `overrides` replace whole items. */
function answers(overrides: Record<string, Pair | null> = {}): Answers {
  const prefixes = ['dep', 'soc', 'perf', 'ago', 'sep', 'som', 'agg', 'sav', 'tea', 'dis', 'peer', 'fam', 'par'];
  const base: Answers = {};
  for (const prefix of prefixes) for (const n of [1, 2, 3]) base[`${prefix}${n}`] = { intensity: 1, impact: 1 };
  return { ...base, ...(overrides as Answers) };
}

function scored(reference: string, given: Answers): ScoreReport {
  const result = score(shipped(reference), given);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.report;
}

function scale(report: ScoreReport, id: string, rating: 'intensity' | 'impact'): ScaleScore {
  const found = report.scales.find((s) => s.id === id && s.rating === rating);
  if (!found) throw new Error(`no ${id}/${rating}`);
  return found;
}

describe.each(forms)('%s', (reference) => {
  const definition = shipped(reference);

  it('has 39 items on 13 scales of 3, interleaved, each rated for intensity then impact', () => {
    expect(definition.items).toHaveLength(39);
    expect(definition.scales).toHaveLength(13);
    expect(definition.items.map((i) => i.number)).toEqual(Array.from({ length: 39 }, (_, i) => String(i + 1)));
    expect(definition.scales.find((s) => s.id === 'depression')?.items).toEqual(['dep1', 'dep2', 'dep3']);
    // Items 1..13 each belong to a different scale (scale order repeats three times).
    const scaleOf = new Map(definition.scales.flatMap((s) => s.items.map((id) => [id, s.id] as const)));
    expect(new Set(definition.items.slice(0, 13).map((i) => scaleOf.get(i.id))).size).toBe(13);
    expect(definition.items.every((i) => i.ratingSet === 'quality-function')).toBe(true);
    expect(definition.profile?.rating).toBe('impact');
  });

  it('scores intensity and impact of a scale separately as means', () => {
    // depression: intensity 3, 2, 4 -> 9/3 = 3; impact 1, 0, 2 -> 3/3 = 1
    const report = scored(reference, answers({ dep1: { intensity: 3, impact: 1 }, dep2: { intensity: 2, impact: 0 }, dep3: { intensity: 4, impact: 2 } }));
    expect(report.complete).toBe(true);
    expect(report.skipped).toEqual([]);
    expect(scale(report, 'depression', 'intensity')).toMatchObject({ score: 3, answered: 3, items: 3, prorated: false, missing: [] });
    expect(scale(report, 'depression', 'impact')).toMatchObject({ score: 1, answered: 3, items: 3, prorated: false, missing: [] });
    expect(scale(report, 'depression', 'impact').range).toEqual({ min: 0, max: 4 });
    // An untouched scale: all 1 -> 3/3 = 1 for both ratings
    expect(scale(report, 'problems-with-parents', 'intensity').score).toBe(1);
    expect(scale(report, 'problems-with-parents', 'impact').score).toBe(1);
  });

  it('skips impact when intensity is 0 and scores it 0, counted as answered', () => {
    // dep1 intensity 0 -> impact skipped, scored 0. impact (0 + 2 + 4) / 3 = 6/3 = 2; intensity (0 + 2 + 4) / 3 = 2
    const report = scored(reference, answers({ dep1: { intensity: 0 }, dep2: { intensity: 2, impact: 2 }, dep3: { intensity: 4, impact: 4 } }));
    expect(report.skipped).toEqual(['dep1.impact']);
    expect(report.ignored).toEqual([]);
    expect(report.missingItems).toEqual([]);
    expect(report.complete).toBe(true);
    expect(scale(report, 'depression', 'impact')).toMatchObject({ score: 2, answered: 3, items: 3, prorated: false, missing: [] });
    expect(scale(report, 'depression', 'intensity')).toMatchObject({ score: 2, answered: 3 });
  });

  it('ignores an impact answer given while intensity is 0', () => {
    // dep1 impact 4 is ignored and scored 0: (0 + 2 + 4) / 3 = 2, not (4 + 2 + 4) / 3 = 10/3
    const report = scored(reference, answers({ dep1: { intensity: 0, impact: 4 }, dep2: { intensity: 2, impact: 2 }, dep3: { intensity: 4, impact: 4 } }));
    expect(report.skipped).toEqual(['dep1.impact']);
    expect(report.ignored).toEqual(['dep1.impact']);
    expect(scale(report, 'depression', 'impact')).toMatchObject({ score: 2, answered: 3, prorated: false });
  });

  it('treats impact as missing, not skipped, when intensity is unanswered (prorated 2 of 3)', () => {
    // dep1 unanswered. intensity (2 + 3) / 2 = 2.5; impact (1 + 2) / 2 = 1.5, both prorated
    const report = scored(reference, answers({ dep1: null, dep2: { intensity: 2, impact: 1 }, dep3: { intensity: 3, impact: 2 } }));
    expect(report.skipped).toEqual([]);
    // The impact is not asked before its intensity, so only the intensity counts as missing.
    expect(report.missingItems).toEqual(['dep1.intensity']);
    expect(report.complete).toBe(false);
    expect(scale(report, 'depression', 'intensity')).toMatchObject({ score: 2.5, answered: 2, items: 3, prorated: true, missing: ['dep1'] });
    expect(scale(report, 'depression', 'impact')).toMatchObject({ score: 1.5, answered: 2, items: 3, prorated: true, missing: ['dep1'] });
  });

  it('keeps impact missing when only the intensity of an item is answered (> 0)', () => {
    // dep1 intensity 3, impact not given: intensity (3 + 1 + 1) / 3 = 5/3; impact (1 + 1) / 2 = 1, prorated
    const report = scored(reference, answers({ dep1: { intensity: 3 } }));
    expect(report.missingItems).toEqual(['dep1.impact']);
    expect(scale(report, 'depression', 'intensity')).toMatchObject({ score: 5 / 3, answered: 3, prorated: false });
    expect(scale(report, 'depression', 'impact')).toMatchObject({ score: 1, answered: 2, prorated: true, missing: ['dep1'] });
  });

  it('gives no score when only 1 of 3 items is answered', () => {
    // Only dep3 answered: 1 < minAnswered 2 -> null for both ratings
    const report = scored(reference, answers({ dep1: null, dep2: null, dep3: { intensity: 4, impact: 3 } }));
    expect(scale(report, 'depression', 'intensity')).toMatchObject({ score: null, answered: 1, items: 3, prorated: false, missing: ['dep1', 'dep2'] });
    expect(scale(report, 'depression', 'impact')).toMatchObject({ score: null, answered: 1, items: 3, prorated: false, missing: ['dep1', 'dep2'] });
    expect(report.ranking?.order.map((e) => e.id)).not.toContain('depression');
  });

  it('ranks scales by impact, not intensity, with co-primary scales inside the 0.25 margin', () => {
    // Every other scale: impact 1.
    // depression: intensity 4, 4, 4 (= 4, the highest intensity) but impact 0, 0, 0 = 0
    // separation-anxiety impact 3, 3, 2 -> 8/3 = 2.667 (highest)
    // somatic-complaints impact 3, 2 with som3 unanswered -> 5/2 = 2.5 (prorated); 8/3 - 5/2 = 1/6 <= 0.25 -> co-primary
    // aggression impact 3, 2, 2 -> 7/3 = 2.333; 8/3 - 7/3 = 1/3 > 0.25 -> not primary
    const report = scored(
      reference,
      answers({
        dep1: { intensity: 4, impact: 0 },
        dep2: { intensity: 4, impact: 0 },
        dep3: { intensity: 4, impact: 0 },
        sep1: { intensity: 3, impact: 3 },
        sep2: { intensity: 3, impact: 3 },
        sep3: { intensity: 2, impact: 2 },
        som1: { intensity: 3, impact: 3 },
        som2: { intensity: 2, impact: 2 },
        som3: null,
        agg1: { intensity: 3, impact: 3 },
        agg2: { intensity: 2, impact: 2 },
        agg3: { intensity: 2, impact: 2 },
      }),
    );
    expect(scale(report, 'depression', 'intensity').score).toBe(4);
    expect(scale(report, 'separation-anxiety', 'impact').score).toBe(8 / 3);
    expect(scale(report, 'somatic-complaints', 'impact')).toMatchObject({ score: 2.5, prorated: true });
    expect(scale(report, 'aggression', 'impact').score).toBe(7 / 3);
    expect(report.ranking?.rating).toBe('impact');
    expect(report.ranking?.tieMargin).toBe(0.25);
    expect(report.ranking?.order.slice(0, 3)).toEqual([
      { id: 'separation-anxiety', score: 8 / 3 },
      { id: 'somatic-complaints', score: 2.5 },
      { id: 'aggression', score: 7 / 3 },
    ]);
    expect(report.ranking?.order.at(-1)).toEqual({ id: 'depression', score: 0 });
    expect(report.primary).toEqual(['separation-anxiety', 'somatic-complaints']);
  });

  it('names no primary when all impacts are equal (flat): no scale stands out', () => {
    // All items impact 1 -> every scale 3/3 = 1, all 13 tie
    const report = scored(reference, answers());
    expect(report.primary).toEqual([]);
    expect(report.noPrimary).toBe('flat');
    expect(report.ranking?.order).toHaveLength(13);
  });

  it('names no primary when every intensity is 0 (impact skipped, scored 0): below the floor', () => {
    const zero = Object.fromEntries(Object.keys(answers()).map((id) => [id, { intensity: 0 }]));
    const report = scored(reference, zero);
    expect(report).toMatchObject({ primary: [], noPrimary: 'below-floor', ranking: { floor: 1 } });
  });

  it('a lone impact of 1 does not make its scale primary (1/3 is below the floor of 1)', () => {
    const zero: Answers = Object.fromEntries(Object.keys(answers()).map((id) => [id, { intensity: 0 }]));
    const report = scored(reference, { ...zero, dep1: { intensity: 2, impact: 1 } });
    expect(scale(report, 'depression', 'impact').score).toBeCloseTo(1 / 3, 12);
    expect(report).toMatchObject({ primary: [], noPrimary: 'below-floor' });
    // Impact 3 on that item: 1, at the floor: primary.
    expect(scored(reference, { ...zero, dep1: { intensity: 2, impact: 3 } }).primary).toEqual(['depression']);
  });

  it('rejects an out-of-range value, naming the item and the rating', () => {
    const result = score(definition, answers({ dep2: { intensity: 5, impact: 1 } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ code: 'answer.outOfRange', item: 'dep2', rating: 'intensity', params: { value: 5, allowed: '0–4' } }]);
  });

  it('rejects an out-of-range impact', () => {
    const result = score(definition, answers({ par1: { intensity: 2, impact: -1 } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ code: 'answer.outOfRange', item: 'par1', rating: 'impact', params: { value: -1, allowed: '0–4' } }]);
  });

  it('rejects an unknown rating key', () => {
    const result = score(definition, answers({ soc1: { intensity: 2, severity: 3 } as Pair }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ code: 'answer.unknownRating', item: 'soc1', rating: 'severity', params: {} }]);
  });
});
