import { functionFamilies, informantComparison, timePoints } from './informants';
import { scoreAdministrations } from './scored';
import { administration, day, shipped, shippedCatalog } from './test-helpers';

const scored = (list: ReturnType<typeof administration>[]) => scoreAdministrations(list, shippedCatalog);

describe('time points', () => {
  it('groups forms completed within 14 days of the time point’s first form, inclusive, anchored at that form', () => {
    const list = scored([
      administration('function-child@1.0.0', 'child', { avoidance: [1] }, 0),
      administration('function-parent@1.0.0', 'mother', { avoidance: [1] }, 10),
      administration('function-parent@1.0.0', 'father', { avoidance: [1] }, 14),
      // 20 days after the first form: a new time point, although only 6 days after the previous form.
      administration('function-child@1.0.0', 'child', { avoidance: [1] }, 20),
      administration('function-parent@1.0.0', 'mother', { avoidance: [1] }, 35),
    ]);
    const points = timePoints(list, 'function');
    expect(points.map((p) => [p.index, p.start, p.end, p.members.map((m) => m.administration.informant)])).toEqual([
      [0, day(0), day(14), ['child', 'mother', 'father']],
      [1, day(20), day(20), ['child']],
      [2, day(35), day(35), ['mother']],
    ]);
  });

  it('keeps families apart although the SRAS-R keys share the scale ids, and ignores drafts and checklists', () => {
    const list = scored([
      administration('function-child@1.0.0', 'child', { avoidance: [1] }, 0),
      administration('srasr-key-parent@1.0.0', 'mother', { avoidance: [1] }, 1),
      administration('function-parent@1.0.0', 'father', { avoidance: [1] }, 2, { status: 'draft' }),
      administration('absence-checklist@1.0.0', 'practitioner', { period: 20 }, 3),
    ]);
    expect(functionFamilies(list)).toEqual(['srasr', 'function']);
    expect(timePoints(list, 'function').map((p) => p.members.map((m) => m.administration.informant))).toEqual([['child']]);
    expect(timePoints(list, 'srasr').map((p) => p.members.map((m) => m.administration.informant))).toEqual([['mother']]);
  });
});

describe('informantComparison', () => {
  it('shows child, mother, father and the combined profile, and flags functions differing by the margin or more', () => {
    // Child: 5.0, 4.0, 1.6, 0.4; mother: 5.4, 3.2, 3.4, 0.8; father: 4.4, 2.6, 1.8, 1.4 (the example case's first time point).
    const list = scored([
      administration('function-child@1.0.0', 'child', { avoidance: [5, 6, 5, 5, 4], escape: [4, 4, 5, 3, 4], attention: [2, 1, 2, 1, 2], tangible: [1, 0, 0, 1, 0] }, 0),
      administration('function-parent@1.0.0', 'father', { avoidance: [4, 5, 4, 4, 5], escape: [3, 2, 3, 3, 2], attention: [2, 2, 1, 2, 2], tangible: [2, 1, 1, 2, 1] }, 1),
      administration('function-parent@1.0.0', 'mother', { avoidance: [6, 5, 5, 6, 5], escape: [3, 3, 4, 3, 3], attention: [3, 4, 3, 3, 4], tangible: [1, 1, 0, 1, 1] }, 2),
    ]);
    const data = informantComparison(list, { family: 'function', margin: 1.5, language: 'en' })!;
    expect(data.columns.map((c) => c.key)).toEqual(['child', 'mother', 'father', 'combined']);
    expect(data.columns[3]!.instruments).toEqual(['function-child@1.0.0', 'function-parent@1.0.0']);
    const table = data.rows.map((r) => [r.scaleId, ...r.cells.map((c) => (c.score === null ? null : Math.round(c.score * 1000) / 1000)), r.flagged]);
    // Combined (parents averaged first): avoidance (5.0 + 4.9) / 2 = 4.95; escape (4.0 + 2.9) / 2 = 3.45;
    // attention (1.6 + 2.6) / 2 = 2.1; tangible (0.4 + 1.1) / 2 = 0.75.
    expect(table).toEqual([
      ['avoidance', 5, 5.4, 4.4, 4.95, false],
      ['escape', 4, 3.2, 2.6, 3.45, false],
      ['attention', 1.6, 3.4, 1.8, 2.1, true],
      ['tangible', 0.4, 0.8, 1.4, 0.75, false],
    ]);
    expect(data.combined!.primary).toEqual(['avoidance']);
    expect(data.rows[0]!.cells.map((c) => c.primary)).toEqual([true, true, true, true]);
    expect(data.differences.map((d) => [d.scaleId, d.a, d.b, Math.round(d.difference * 1000) / 1000])).toEqual([
      ['attention', 'child', 'mother', 1.8],
      ['attention', 'mother', 'father', 1.6],
    ]);
    expect(data.summary.map((l) => l.key)).toEqual(['summary.informants.who', 'summary.informants.differ', 'summary.informants.differ', 'summary.informants.combinedPrimary']);
    expect(data.summary[1]!.values).toMatchObject({
      a: { kind: 'informant', informant: 'child' },
      b: { kind: 'informant', informant: 'mother', inSentence: true },
      scale: { kind: 'text', text: 'Seeking attention from significant others', inSentence: true },
    });
  });

  it('counts a difference of exactly the margin, also when floating point makes it 1.4999999999999998', () => {
    // SRAS-R keys (6 items): attention 10/6 and 19/6; 19/6 − 10/6 is 1.4999999999999998 in floating point.
    const child = shipped('srasr-key-child@1.0.0');
    const attention = (values: number[]) => Object.fromEntries(child.scales.find((s) => s.id === 'attention')!.items.map((item, i) => [item, values[i]!]));
    const list = scored([
      administration('srasr-key-child@1.0.0', 'child', attention([2, 2, 2, 2, 1, 1]), 0),
      administration('srasr-key-parent@1.0.0', 'mother', attention([3, 3, 3, 3, 3, 4]), 0),
    ]);
    expect(19 / 6 - 10 / 6).toBeLessThan(1.5);
    const data = informantComparison(list, { family: 'srasr', margin: 1.5, language: 'en' })!;
    expect(data.differences.map((d) => [d.scaleId, d.a, d.b])).toEqual([['attention', 'child', 'mother']]);
    // Just above the difference: not flagged.
    expect(informantComparison(list, { family: 'srasr', margin: 1.6, language: 'en' })!.differences).toEqual([]);
    // The other scales have no answers: missing for both, never compared as 0.
    expect(data.rows.filter((r) => r.scaleId !== 'attention').map((r) => r.cells.map((c) => c.score))).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('with one informant there is nothing to compare, and no combined column', () => {
    const list = scored([administration('function-parent@1.0.0', 'mother', { avoidance: [3], escape: [1], attention: [1], tangible: [0] }, 0)]);
    const data = informantComparison(list, { family: 'function', margin: 1.5, language: 'en' })!;
    expect(data.columns.map((c) => c.key)).toEqual(['mother']);
    expect(data.combined).toBeNull();
    expect(data.differences).toEqual([]);
    expect(data.summary).toEqual([{ key: 'summary.informants.single', values: { informant: { kind: 'informant', informant: 'mother' } } }]);
  });

  it('works with whoever is there: two parents without the child, said in the summary', () => {
    const list = scored([
      administration('function-parent@1.0.0', 'mother', { avoidance: [3], escape: [1], attention: [1], tangible: [0] }, 0),
      administration('function-parent@1.0.0', 'other-caregiver', { avoidance: [3], escape: [1], attention: [4], tangible: [0] }, 3),
    ]);
    const data = informantComparison(list, { family: 'function', margin: 1.5, language: 'en' })!;
    expect(data.columns.map((c) => c.key)).toEqual(['mother', 'other-caregiver', 'combined']);
    // Combined with parents only: the parents' mean (3 + 3) / 2 = 3 and (1 + 4) / 2 = 2.5.
    expect(data.rows.map((r) => r.cells.at(-1)!.score)).toEqual([3, 1, 2.5, 0]);
    expect(data.summary.map((l) => l.key)).toEqual(['summary.informants.who', 'summary.informants.differ', 'summary.informants.noChild', 'summary.informants.combinedPrimary']);
  });

  it('picks the latest time point by default, an earlier one on request, and the later form of an informant who answered twice', () => {
    const list = scored([
      administration('function-child@1.0.0', 'child', { avoidance: [6], escape: [0], attention: [0], tangible: [0] }, 0),
      administration('function-child@1.0.0', 'child', { avoidance: [2], escape: [0], attention: [0], tangible: [0] }, 5),
      administration('function-parent@1.0.0', 'mother', { avoidance: [5], escape: [0], attention: [0], tangible: [0] }, 6),
      administration('function-child@1.0.0', 'child', { avoidance: [1], escape: [1], attention: [1], tangible: [1] }, 40),
    ]);
    const latest = informantComparison(list, { family: 'function', margin: 1.5, language: 'en' })!;
    expect(latest.timePoint).toEqual({ index: 1, start: day(40), end: day(40), informants: ['child'] });
    expect(latest.timePoints.map((p) => p.informants)).toEqual([['child', 'mother'], ['child']]);
    const first = informantComparison(list, { family: 'function', margin: 1.5, language: 'en', timePoint: 0 })!;
    expect(first.rows[0]!.cells.map((c) => c.score)).toEqual([2, 5, 3.5]);
    expect(first.differences.map((d) => [d.scaleId, d.difference])).toEqual([['avoidance', 3]]);
  });

  it('has nothing to show without forms of the family', () => {
    expect(informantComparison([], { family: 'function', margin: 1.5, language: 'en' })).toBeNull();
    expect(functionFamilies([])).toEqual([]);
  });
});
