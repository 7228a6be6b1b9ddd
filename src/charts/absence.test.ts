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
    expect(data.points.map((p) => [p.date, p.periodDays, p.days.refusal, p.days.withdrawal, p.days.legitimate, p.totalDays, p.basisDays, p.thresholdDays, p.flagged])).toEqual([
      // 12 of 20 days = 60 %; threshold 10 % of 20 = 2 days.
      [day(0), 20, 8, 1.5, 2.5, 12, 12, 2, true],
      [day(56), 19, 4, 0, 2, 6, 6, 1.9, true],
      // 1.5 of 20 = 7.5 %: below.
      [day(105), 20, 0, 0, 1.5, 1.5, 1.5, 2, false],
      // No period: the threshold cannot be drawn or judged.
      [day(110), null, 0, 0, 1, 1, 1, null, null],
    ]);
    expect(data.points[0]!.basisPercent).toBe(60);
    expect(data.points[0]!.dominant).toEqual(['refusal']);
    expect(data.summary.map((l) => l.key)).toEqual([
      'summary.absence.thresholdAll',
      'summary.absence.above',
      'summary.absence.above',
      'summary.absence.below',
      'summary.absence.noPeriod',
      'summary.absence.dominant',
    ]);
  });

  it('uses the threshold from the settings', () => {
    const data = absenceOverTime(scoreAdministrations(list.slice(2, 3), shippedCatalog, { absenceThresholdPercent: 7.5 }), { language: 'en' })!;
    // 1.5 of 20 days is exactly 7.5 %: at the threshold counts.
    expect(data.points.map((p) => [p.thresholdPercent, p.thresholdDays, p.flagged])).toEqual([[7.5, 1.5, true]]);
  });

  it('is empty without checklists', () => {
    expect(absenceOverTime([], { language: 'en' })).toBeNull();
  });
});
