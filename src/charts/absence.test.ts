import { absenceOverTime } from './absence';
import { scoreAdministrations } from './scored';
import { administration, day, shippedCatalog } from './test-helpers';

describe('absenceOverTime', () => {
  const list = [
    administration('absence-checklist@1.0.0', 'practitioner', { period: 20, refused: 8, sick: 2, 'kept-home': 1.5, appointment: 0.5 }, 0),
    administration('absence-checklist@1.0.0', 'practitioner', { period: 19, refused: 4, sick: 1, appointment: 1 }, 56),
    administration('absence-checklist@1.0.0', 'practitioner', { period: 20, sick: 1.5 }, 105),
    administration('absence-checklist@1.0.0', 'practitioner', { sick: 1 }, 110),
  ];

  it('gives days per category per checklist, with the threshold in days of each period', () => {
    const data = absenceOverTime(scoreAdministrations(list, shippedCatalog, { absenceThresholdPercent: 10 }), { language: 'en' })!;
    expect(data.categories.map((c) => [c.id, c.problematic])).toEqual([
      ['refusal', true],
      ['truancy', true],
      ['withdrawal', true],
      ['exclusion', true],
      ['legitimate', false],
      ['unclassified', false],
    ]);
    expect(data.categories[0]!.label).toBe('School refusal');
    expect(
      data.points.map((p) => [
        p.date,
        p.periodDays,
        p.days.refusal,
        p.days.withdrawal,
        p.days.legitimate,
        p.totalDays,
        p.problematicDays,
        p.thresholdDays,
        p.totalFlagged,
        p.problematicFlagged,
      ]),
    ).toEqual([
      // 12 of 20 days = 60 %, problematic 9.5 = 47.5 %; threshold 10 % of 20 = 2 days.
      [day(0), 20, 8, 1.5, 2.5, 12, 9.5, 2, true, true],
      [day(56), 19, 4, 0, 2, 6, 4, 1.9, true, true],
      // 1.5 sick days of 20 = 7.5 %: below; no problematic days.
      [day(105), 20, 0, 0, 1.5, 1.5, 0, 2, false, false],
      // No period: the threshold cannot be drawn or judged.
      [day(110), null, 0, 0, 1, 1, 0, null, null, null],
    ]);
    expect(data.points[0]!.totalPercent).toBe(60);
    expect(data.points[0]!.problematicPercent).toBe(47.5);
    expect(data.points[0]!.dominant).toEqual(['refusal']);
    expect(data.summary.map((l) => l.key)).toEqual([
      'summary.absence.thresholdBoth',
      'summary.absence.checklist',
      'summary.absence.total.above',
      'summary.absence.problematic.above',
      'summary.absence.checklist',
      'summary.absence.total.above',
      'summary.absence.problematic.above',
      'summary.absence.checklist',
      'summary.absence.total.below',
      'summary.absence.problematic.below',
      'summary.absence.checklist',
      'summary.absence.unknownPeriod',
      'summary.absence.dominant',
    ]);
  });

  it('uses the threshold from the settings', () => {
    const data = absenceOverTime(scoreAdministrations(list.slice(2, 3), shippedCatalog, { absenceThresholdPercent: 7.5 }), { language: 'en' })!;
    // 1.5 of 20 days is exactly 7.5 %: at the threshold counts.
    expect(data.points.map((p) => [p.thresholdPercent, p.thresholdDays, p.totalFlagged])).toEqual([[7.5, 1.5, true]]);
  });

  it('2 sick days of 20 reach 10 % of all absence, but 0 problematic days do not: each named for what it is', () => {
    const [scored] = scoreAdministrations([administration('absence-checklist@1.0.0', 'practitioner', { period: 20, sick: 2 }, 0)], shippedCatalog, { absenceThresholdPercent: 10 });
    const data = absenceOverTime([scored!], { language: 'en' })!;
    const value = (v: number) => ({ kind: 'number', value: v });
    expect(data.summary.slice(2, 4)).toEqual([
      { key: 'summary.absence.total.above', values: { days: value(2), period: value(20), percent: { kind: 'percent', value: 10 }, threshold: { kind: 'percent', value: 10 } } },
      {
        key: 'summary.absence.problematic.below',
        values: { days: value(0), period: value(20), percent: { kind: 'percent', value: 0 }, threshold: { kind: 'percent', value: 10 } },
      },
    ]);
  });

  it('with the Kearney 2008 preset all absence is shown but not compared', () => {
    const [scored] = scoreAdministrations([administration('absence-checklist@1.0.0', 'practitioner', { period: 20, sick: 6, refused: 4 }, 0)], shippedCatalog, {
      absenceThresholdPercent: 25,
      absenceThresholdProblematicOnly: true,
    });
    const data = absenceOverTime([scored!], { language: 'en' })!;
    expect(data.summary.map((l) => l.key)).toEqual([
      'summary.absence.thresholdProblematic',
      'summary.absence.checklist',
      'summary.absence.total.notCompared',
      'summary.absence.problematic.below',
      'summary.absence.dominant',
    ]);
    expect(data.points[0]).toMatchObject({ thresholdForTotal: false, totalFlagged: null, problematicFlagged: false });
  });

  it('is empty without checklists', () => {
    expect(absenceOverTime([], { language: 'en' })).toBeNull();
  });
});
