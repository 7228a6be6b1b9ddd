import { functionProfile } from './function-profile';
import { scoreAdministrations } from './scored';
import { administration, shippedCatalog } from './test-helpers';

const scoreOne = (a: ReturnType<typeof administration>) => scoreAdministrations([a], shippedCatalog)[0]!;

describe('functionProfile', () => {
  it('gives the four functions in profile order with co-primary ties, prorated and missing scales', () => {
    // avoidance 20/5 = 4.0, escape 19/5 = 3.8 (0.2 below: co-primary within 0.25),
    // attention: 4 of 5 answered (2+2+3+1)/4 = 2.0 prorated, tangible: 3 of 5 answered (< 4): missing.
    const answers: Record<string, number> = {};
    const child = shippedCatalog.find('function-child@1.0.0')!;
    const items = (id: string) => child.scales.find((s) => s.id === id)!.items;
    items('avoidance').forEach((item) => (answers[item] = 4));
    items('escape').forEach((item, i) => (answers[item] = i === 4 ? 3 : 4));
    items('attention')
      .slice(0, 4)
      .forEach((item, i) => (answers[item] = [2, 2, 3, 1][i]!));
    items('tangible')
      .slice(0, 3)
      .forEach((item) => (answers[item] = 6));
    const data = functionProfile(scoreOne(administration('function-child@1.0.0', 'child', answers, 0, { completedWithMissing: true })), 'en')!;

    expect(data.range).toEqual({ min: 0, max: 6 });
    expect(data.tieMargin).toBe(0.25);
    expect(data.incomplete).toBe(true);
    expect(data.bars.map((b) => [b.scaleId, b.score, b.prorated, b.primary, b.answered, b.items])).toEqual([
      ['avoidance', 4, false, true, 5, 5],
      ['escape', 3.8, false, true, 5, 5],
      ['attention', 2, true, false, 4, 5],
      ['tangible', null, false, false, 3, 5],
    ]);
    expect(data.primary).toEqual(['avoidance', 'escape']);
    expect(data.bars[0]!.label).toBe('Avoiding school-related distress');
    expect(data.summary.map((l) => l.key)).toEqual([
      'summary.profile.coPrimary',
      'summary.profile.others',
      'summary.profile.prorated',
      'summary.primaryStatus.unscorable',
      'summary.profile.missing',
    ]);
    // Tangible could not be scored: the primary is provisional, and the summary says why.
    expect(data.status.provisional).toEqual([{ kind: 'unscorable', scales: ['tangible'] }]);
    expect(data.summary[3]).toEqual({
      key: 'summary.primaryStatus.unscorable',
      count: 1,
      values: { scales: { kind: 'list', items: [{ kind: 'text', text: data.bars[3]!.label, inSentence: true }] } },
    });
    expect(data.summary[0]).toEqual({
      key: 'summary.profile.coPrimary',
      count: 2,
      values: {
        scales: {
          kind: 'list',
          items: [
            { kind: 'text', text: 'Avoiding school-related distress', inSentence: true },
            { kind: 'text', text: 'Escaping social or evaluative situations', inSentence: true },
          ],
        },
        margin: { kind: 'number', value: 0.25, digits: 2 },
      },
    });
  });

  it('labels come in the language asked for', () => {
    const data = functionProfile(scoreOne(administration('function-parent@1.0.0', 'mother', { avoidance: [1], escape: [2], attention: [3], tangible: [4] }, 0)), 'sv')!;
    expect(data.bars.map((b) => b.label)).toEqual([
      'Undvika skolrelaterat obehag',
      'Fly från sociala eller bedömande situationer',
      'Söka uppmärksamhet från närstående',
      'Söka belöningar utanför skolan',
    ]);
    expect(data.primary).toEqual(['tangible']);
    expect(data.summary[0]).toEqual({
      key: 'summary.profile.primary',
      values: { scale: { kind: 'text', text: 'Söka belöningar utanför skolan', inSentence: true }, score: { kind: 'score', value: 4 } },
    });
  });

  it('an all-zero form names no primary: no function stands out (below the floor of 1)', () => {
    const data = functionProfile(
      scoreOne(administration('function-child@1.0.0', 'child', { avoidance: [0, 0, 0, 0, 0], escape: [0, 0, 0, 0, 0], attention: [0, 0, 0, 0, 0], tangible: [0, 0, 0, 0, 0] }, 0)),
      'en',
    )!;
    expect(data.primary).toEqual([]);
    expect(data.bars.every((b) => !b.primary)).toBe(true);
    expect(data.summary[0]).toEqual({
      key: 'summary.primaryStatus.below-floor',
      values: { floor: { kind: 'number', value: 1, digits: 2 }, margin: { kind: 'number', value: 0.25, digits: 2 } },
    });
  });

  it('has no profile for forms without a function-style profile', () => {
    const checklist = scoreOne(administration('absence-checklist@1.0.0', 'practitioner', { period: 20, sick: 1 }, 0));
    expect(functionProfile(checklist, 'en')).toBeNull();
  });

  it('with nothing scorable there is no primary, and every scale is missing rather than 0', () => {
    const data = functionProfile(scoreOne(administration('function-child@1.0.0', 'child', {}, 0)), 'en')!;
    expect(data.bars.map((b) => b.score)).toEqual([null, null, null, null]);
    expect(data.summary.map((l) => [l.key, l.count])).toEqual([
      ['summary.primaryStatus.none-scored', undefined],
      ['summary.profile.missing', 4],
    ]);
  });
});
