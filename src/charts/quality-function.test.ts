import { EXAMPLE_ADMINISTRATIONS } from '../storage/example-case';
import { qualityFunction } from './quality-function';
import { scoreAdministrations } from './scored';
import { administration, shipped, shippedCatalog } from './test-helpers';

describe('qualityFunction', () => {
  it('gives intensity and impact per scale in the instrument’s groups and marks scales high on both', () => {
    const plan = EXAMPLE_ADMINISTRATIONS.find((p) => p.instrument === 'quality-function-child')!;
    const answers = plan.answers(shipped('quality-function-child@1.0.0'));
    const [scored] = scoreAdministrations([administration('quality-function-child@1.0.0', 'child', answers, 0)], shippedCatalog);
    const data = qualityFunction(scored!, 'en')!;

    expect(data.ratings).toEqual([
      { id: 'intensity', label: 'Intensity (0–4)', name: 'Intensity', range: { min: 0, max: 4 }, midpoint: 2 },
      { id: 'impact', label: 'Impact on attendance (0–4)', name: 'Impact on attendance', range: { min: 0, max: 4 }, midpoint: 2 },
    ]);
    expect(data.groups.map((g) => [g.groupId, g.label, g.scales.length])).toEqual([
      ['emotional', 'Emotional problems', 6],
      ['behavioural', 'Behavioural problems', 2],
      ['school', 'Problems at school', 3],
      ['family', 'Problems in the family', 2],
    ]);
    const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    const rows = data.groups.flatMap((g) => g.scales).map((s) => [s.scaleId, round(s.values.intensity!.score), round(s.values.impact!.score), s.highOnBoth]);
    // e.g. social anxiety: intensity (3 + 4 + 3) / 3 = 3.33, impact (3 + 3 + 2) / 3 = 2.67; an impact skipped at
    // intensity 0 scores 0. Depression: (2 + 2 + 1) / 3 = 1.67 and (1 + 1 + 0) / 3 = 0.67.
    expect(rows).toEqual([
      ['depression', 1.67, 0.67, false],
      ['social-anxiety', 3.33, 2.67, true],
      ['performance-anxiety', 3.67, 3.33, true],
      ['agoraphobia-panic', 0, 0, false],
      ['separation-anxiety', 0.67, 0.33, false],
      ['somatic-complaints', 2.67, 2.33, true],
      ['aggression', 0, 0, false],
      ['school-aversion', 0, 0, false],
      ['problems-with-teachers', 0, 0, false],
      ['dislike-of-school', 0, 0, false],
      ['problems-with-peers', 2.33, 1.67, false],
      ['problems-in-family', 0, 0, false],
      ['problems-with-parents', 0, 0, false],
    ]);
    expect(data.highOnBoth).toEqual(['social-anxiety', 'performance-anxiety', 'somatic-complaints']);
    expect(data.primary).toEqual(['performance-anxiety']);
    expect(data.rankedBy).toBe('impact');
    expect(data.summary.map((l) => [l.key, l.count])).toEqual([
      ['summary.quality.rule', undefined],
      ['summary.quality.high', 3],
      ['summary.quality.primary', 1],
    ]);
  });

  it('says when no scale is high on both, and shows unscorable scales as missing', () => {
    const [scored] = scoreAdministrations([administration('quality-function-parent@1.0.0', 'father', {}, 0)], shippedCatalog);
    const data = qualityFunction(scored!, 'fi')!;
    expect(data.groups[0]!.label).toBe('Tunne-elämän ongelmat');
    expect(data.groups.flatMap((g) => g.scales).every((s) => s.values.intensity!.score === null && s.values.impact!.score === null)).toBe(true);
    expect(data.summary.map((l) => [l.key, l.count])).toEqual([
      ['summary.quality.rule', undefined],
      ['summary.quality.noneHigh', undefined],
      ['summary.primaryStatus.none-scored', undefined],
      ['summary.quality.missing', 13],
    ]);
  });

  it('is only for forms with rating sets', () => {
    const [scored] = scoreAdministrations([administration('function-child@1.0.0', 'child', { avoidance: [1] }, 0)], shippedCatalog);
    expect(qualityFunction(scored!, 'en')).toBeNull();
  });
});
