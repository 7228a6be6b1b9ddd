import { score } from './score';
import { shipped } from '../../tests/support/shipped';
import type { ClassificationReport, ScoreOptions } from './types';
import type { Answers } from '../instrument/answers';

const checklist = shipped('absence-checklist@1.0.0');

function classify(answers: Answers, options?: ScoreOptions): ClassificationReport {
  const result = score(checklist, answers, options);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  if (!result.report.classification) throw new Error('no classification');
  return result.report.classification;
}

/** Days and percent per category, in the definition's order. */
function byCategory(report: ClassificationReport): Record<string, { days: number; percent: number | null }> {
  return Object.fromEntries(report.categories.map((c) => [c.id, { days: c.days, percent: c.percent }]));
}

describe('absence checklist (SNACK-style)', () => {
  it('sums reasons into categories and divides by the period', () => {
    // Period 20 days. refusal = refused 3 -> 3/20 = 15 %; legitimate = sick 1 -> 1/20 = 5 %;
    // withdrawal = kept-home 0.5 -> 0.5/20 = 2.5 %; total 3 + 1 + 0.5 = 4.5 -> 22.5 %;
    // problematic (refusal + withdrawal) 3.5 -> 17.5 %.
    const report = classify({ period: 20, refused: 3, sick: 1, 'kept-home': 0.5 });
    expect(byCategory(report)).toEqual({
      refusal: { days: 3, percent: 15 },
      truancy: { days: 0, percent: 0 },
      withdrawal: { days: 0.5, percent: 2.5 },
      exclusion: { days: 0, percent: 0 },
      legitimate: { days: 1, percent: 5 },
      unclassified: { days: 0, percent: 0 },
    });
    expect(report.periodDays).toBe(20);
    expect(report.totalDays).toBe(4.5);
    expect(report.totalPercent).toBe(22.5);
    expect(report.problematicDays).toBe(3.5);
    expect(report.problematicPercent).toBe(17.5);
    expect(report.dominant).toEqual(['refusal']);
    expect(report.thresholdPercent).toBe(10);
    expect(report.thresholdForTotal).toBe(true);
    expect(report.totalFlagged).toBe(true); // 22.5 % >= 10 %
    expect(report.problematicFlagged).toBe(true); // 17.5 % >= 10 %
  });

  it('groups several reasons into one category', () => {
    // Period 20. withdrawal = day-off 1 + kept-home 1.5 + extra-holidays 2 = 4.5 -> 22.5 %;
    // exclusion = sent-home 0.5 + asked-to-stay-home 1 = 1.5 -> 7.5 %;
    // legitimate = appointment 1 + religious-holiday 1 + school-closed 1 + weather 1 = 4 -> 20 %;
    // unclassified = family-urgency 1 + family-difficulties 0.5 + other 0.5 = 2 -> 10 %.
    // total 4.5 + 1.5 + 4 + 2 = 12 -> 60 %; problematic 4.5 + 1.5 = 6 -> 30 %.
    const report = classify({
      period: 20,
      'day-off': 1,
      'kept-home': 1.5,
      'extra-holidays': 2,
      'sent-home': 0.5,
      'asked-to-stay-home': 1,
      appointment: 1,
      'religious-holiday': 1,
      'school-closed': 1,
      weather: 1,
      'family-urgency': 1,
      'family-difficulties': 0.5,
      other: 0.5,
    });
    expect(byCategory(report)).toEqual({
      refusal: { days: 0, percent: 0 },
      truancy: { days: 0, percent: 0 },
      withdrawal: { days: 4.5, percent: 22.5 },
      exclusion: { days: 1.5, percent: 7.5 },
      legitimate: { days: 4, percent: 20 },
      unclassified: { days: 2, percent: 10 },
    });
    expect(report.totalDays).toBe(12);
    expect(report.totalPercent).toBe(60);
    expect(report.problematicDays).toBe(6);
    expect(report.problematicPercent).toBe(30);
    expect(report.dominant).toEqual(['withdrawal']);
  });

  it('lists every category tied for the most days, and none without absence', () => {
    // truanted 2 (truancy 2) and sick 2 (legitimate 2) tie at 2 days; refused 1 is below.
    const tie = classify({ period: 20, truanted: 2, sick: 2, refused: 1 });
    expect(tie.dominant).toEqual(['truancy', 'legitimate']);
    expect(tie.totalDays).toBe(5); // 2 + 2 + 1

    // Every reason empty or 0: no day missed, no dominant category; 0 of 20 < 10 %.
    const none = classify({ period: 20, sick: 0 });
    expect(none.dominant).toEqual([]);
    expect(none.totalDays).toBe(0);
    expect(none.totalPercent).toBe(0);
    expect(none.totalFlagged).toBe(false);
    expect(none.problematicFlagged).toBe(false);
  });

  it('flags absence at exactly the threshold but not just below it', () => {
    // 2 of 20 days = exactly 10 % -> flagged (inclusive).
    const at = classify({ period: 20, sick: 2 });
    expect(at.totalPercent).toBe(10);
    expect(at.totalFlagged).toBe(true);
    // These 2 days are legitimate: 0 problematic days, so problematic absence is not flagged.
    expect(at.problematicDays).toBe(0);
    expect(at.problematicFlagged).toBe(false);

    // 1.5 of 20 days = 7.5 % -> below 10 %, not flagged.
    const below = classify({ period: 20, refused: 1.5 });
    expect(below.totalPercent).toBe(7.5);
    expect(below.totalFlagged).toBe(false);
    expect(below.problematicFlagged).toBe(false);
  });

  it('uses the threshold from the options instead of the default', () => {
    // 2 of 20 days = 10 %: flagged at the default 10 %, not at 15 %.
    const at15 = classify({ period: 20, refused: 2 }, { absenceThresholdPercent: 15 });
    expect(at15.thresholdPercent).toBe(15);
    expect(at15.problematicFlagged).toBe(false);
    // 3 of 20 days = exactly 15 % -> flagged at 15 %.
    expect(classify({ period: 20, refused: 3 }, { absenceThresholdPercent: 15 }).problematicFlagged).toBe(true);
    // 2.5 of 20 days = 12.5 % -> below 15 %, above the default 10 %.
    expect(classify({ period: 20, refused: 2.5 }, { absenceThresholdPercent: 15 }).problematicFlagged).toBe(false);
    expect(classify({ period: 20, refused: 2.5 }).problematicFlagged).toBe(true);
  });

  it('the Kearney 2008 preset applies to problematic absence only: all absence is shown, not compared', () => {
    // 6 sick days and 4 refused of 20: all absence 50 %, problematic 20 %, threshold 25 %.
    const kearney = classify({ period: 20, sick: 6, refused: 4 }, { absenceThresholdPercent: 25, absenceThresholdProblematicOnly: true });
    expect(kearney).toMatchObject({ totalPercent: 50, problematicPercent: 20, thresholdPercent: 25, thresholdForTotal: false, totalFlagged: null, problematicFlagged: false });
    // Without the preset rule, 50 % of all absence would reach 25 %.
    expect(classify({ period: 20, sick: 6, refused: 4 }, { absenceThresholdPercent: 25 })).toMatchObject({ totalFlagged: true, problematicFlagged: false });
  });

  it('gives no percentages and no flag when the period is 0 or missing', () => {
    const zero = classify({ period: 0 });
    expect(zero.periodDays).toBe(0);
    expect(zero.totalPercent).toBeNull();
    expect(zero.problematicPercent).toBeNull();
    expect(zero.categories.every((c) => c.percent === null)).toBe(true);
    expect(zero.totalFlagged).toBeNull();
    expect(zero.problematicFlagged).toBeNull();

    const result = score(checklist, { refused: 3 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.report.complete).toBe(false);
    expect(result.report.missingItems).toEqual(['period']);
    const missing = result.report.classification!;
    expect(missing.periodDays).toBeNull();
    expect(missing.totalDays).toBe(3);
    expect(missing.totalPercent).toBeNull();
    expect(missing.categories.find((c) => c.id === 'refusal')).toMatchObject({ days: 3, percent: null });
    expect(missing.dominant).toEqual(['refusal']);
    expect(missing.totalFlagged).toBeNull();
    expect(missing.problematicFlagged).toBeNull();
  });

  it('treats unanswered reasons as no days missed and the checklist as complete', () => {
    const result = score(checklist, { period: 20 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.report.complete).toBe(true);
    expect(result.report.missingItems).toEqual([]);
    expect(result.report.scales).toEqual([]);
    expect(result.report.classification!.totalDays).toBe(0);
  });

  it('rejects more days missed than the period has', () => {
    // refused 15 + sick 5.5 = 20.5 > period 20.
    const result = score(checklist, { period: 20, refused: 15, sick: 5.5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ code: 'answer.absenceExceedsPeriod', item: 'period', params: { days: 20.5, period: 20 } }]);
    // Exactly the whole period (15 + 5 = 20) is allowed: 100 %.
    expect(classify({ period: 20, refused: 15, sick: 5 }).totalPercent).toBe(100);
  });

  it('accepts half days but not quarter days', () => {
    expect(score(checklist, { period: 20, sick: 0.5 }).ok).toBe(true);
    const result = score(checklist, { period: 20, sick: 0.25 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'answer.outOfRange', item: 'sick', params: { value: 0.25 } });
    // The period counts whole school days only.
    const halfPeriod = score(checklist, { period: 19.5 });
    expect(halfPeriod.ok).toBe(false);
    if (!halfPeriod.ok) expect(halfPeriod.errors[0]).toMatchObject({ code: 'answer.outOfRange', item: 'period' });
  });
});
