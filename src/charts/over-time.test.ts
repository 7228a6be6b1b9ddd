import { overTime } from './over-time';
import { scoreAdministrations } from './scored';
import { administration, catalogWithNewVersion, day, shippedCatalog } from './test-helpers';

describe('overTime', () => {
  it('has a series per informant and a combined one per time point, and marks a version change', () => {
    const list = scoreAdministrations(
      [
        administration('function-child@1.0.0', 'child', { avoidance: [5], escape: [4], attention: [1], tangible: [0] }, 0),
        administration('function-parent@1.0.0', 'mother', { avoidance: [3], escape: [2], attention: [3], tangible: [1] }, 1),
        administration('function-child@1.1.0', 'child', { avoidance: [3], escape: [4], attention: [1], tangible: [0] }, 30),
        administration('function-parent@1.0.0', 'mother', { avoidance: [2], escape: [2], attention: [2], tangible: [1] }, 31),
        administration('function-child@1.1.0', 'child', { avoidance: [2], escape: [2], attention: [1], tangible: [0] }, 60),
      ],
      catalogWithNewVersion(),
    );
    const data = overTime(list, { family: 'function', language: 'en' })!;
    expect(data.scales.map((s) => s.id)).toEqual(['avoidance', 'escape', 'attention', 'tangible']);
    expect(data.range).toEqual({ min: 0, max: 6 });
    expect(data.series.map((s) => s.key)).toEqual(['child', 'mother', 'combined']);

    const [child, mother, combined] = data.series;
    expect(child!.points.map((p) => [p.date, p.timePoint, p.instruments, p.versionChange, p.scores.avoidance, p.primary])).toEqual([
      [day(0), 0, ['function-child@1.0.0'], null, 5, ['avoidance']],
      [day(30), 1, ['function-child@1.1.0'], { from: ['function-child@1.0.0'], to: ['function-child@1.1.0'] }, 3, ['escape']],
      [day(60), 2, ['function-child@1.1.0'], null, 2, ['avoidance', 'escape']],
    ]);
    expect(mother!.points.map((p) => [p.date, p.versionChange, p.scores])).toEqual([
      [day(1), null, { avoidance: 3, escape: 2, attention: 3, tangible: 1 }],
      [day(31), null, { avoidance: 2, escape: 2, attention: 2, tangible: 1 }],
    ]);
    // Combined only where two informants answered: (5 + 3) / 2 = 4, then (3 + 2) / 2 = 2.5.
    expect(combined!.points.map((p) => [p.date, p.instruments, p.versionChange, p.scores.avoidance, p.scores.escape])).toEqual([
      [day(0), ['function-child@1.0.0', 'function-parent@1.0.0'], null, 4, 3],
      [
        day(30),
        ['function-child@1.1.0', 'function-parent@1.0.0'],
        { from: ['function-child@1.0.0', 'function-parent@1.0.0'], to: ['function-child@1.1.0', 'function-parent@1.0.0'] },
        2.5,
        3,
      ],
    ]);

    expect(child!.summary.map((l) => l.key)).toEqual([
      'summary.overTime.span',
      'summary.overTime.down',
      'summary.overTime.down',
      'summary.overTime.same',
      'summary.overTime.same',
      'summary.overTime.primaryChanged',
      'summary.overTime.versionChange',
    ]);
    expect(child!.summary.at(-1)!.values).toEqual({
      date: { kind: 'date', iso: day(30) },
      from: { kind: 'list', items: [{ kind: 'text', text: '1.0.0' }] },
      to: { kind: 'list', items: [{ kind: 'text', text: '1.1.0' }] },
    });
    expect(combined!.summary.at(-1)!.values.from).toEqual({
      kind: 'list',
      items: [
        { kind: 'text', text: 'function-child@1.0.0' },
        { kind: 'text', text: 'function-parent@1.0.0' },
      ],
    });
  });

  it('says so when there is only one point', () => {
    const list = scoreAdministrations([administration('function-child@1.0.0', 'child', { avoidance: [5] }, 0)], shippedCatalog);
    const data = overTime(list, { family: 'function', language: 'en' })!;
    expect(data.series.map((s) => [s.key, s.points.length, s.summary.map((l) => l.key)])).toEqual([['child', 1, ['summary.overTime.single']]]);
    // Scales without enough answers are missing (null), not 0.
    expect(data.series[0]!.points[0]!.scores).toEqual({ avoidance: 5, escape: null, attention: null, tangible: null });
  });

  it('is empty without forms', () => {
    expect(overTime([], { family: 'function', language: 'en' })).toBeNull();
  });
});
