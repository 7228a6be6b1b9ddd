import { caseGlance, type GlanceInput } from './glance';
import { scoreAdministrations } from './scored';
import { summaryText, type SummaryLine } from './summary';
import { administration, shippedCatalog } from './test-helpers';
import { summaryFormat } from '../ui/charts/summary-format';
import { setupI18n } from '../ui/i18n';
import type { AttendanceDay } from '../plan';
import type { PlanStep } from '../storage/records';
import { asLocalDate } from '../plan/dates';

// Function forms on days 0–2 (5–7 Jan 2026): child, mother and father. Mother and father differ
// by 2 points on avoidance (5 and 3); every other pair differs by 1 point or less.
const forms = () => [
  administration('function-child@1.1.0', 'child', { avoidance: [4, 4, 4, 4, 4], escape: [2, 2, 2, 2, 2], attention: [1, 1, 1, 1, 1], tangible: [0, 0, 0, 0, 0] }, 0),
  administration('function-parent@1.1.0', 'mother', { avoidance: [5, 5, 5, 5, 5], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 1),
  administration('function-parent@1.1.0', 'father', { avoidance: [3, 3, 3, 3, 3], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 2),
];
// 20 school days: 3 refused and 2 sick = 5 in all (25 %), 3 problematic (15 %).
const checklist = () => administration('absence-checklist@1.1.0', 'practitioner', { period: 20, refused: 3, sick: 2 }, 3);

const step = (id: string, action: string, startDate: string, reviewDate: string, status: PlanStep['status']): PlanStep => ({
  id,
  action,
  startDate: asLocalDate(startDate),
  reviewDate: asLocalDate(reviewDate),
  successCriterion: '',
  supports: '',
  responsible: ['pupil'],
  status,
});

// Six lessons a day on ten school days from 19 Jan; two days missed: 48 of 60 attended (80 %).
const attendance: AttendanceDay[] = [
  '2026-01-19',
  '2026-01-20',
  '2026-01-21',
  '2026-01-22',
  '2026-01-23',
  '2026-01-26',
  '2026-01-27',
  '2026-01-28',
  '2026-01-29',
  '2026-01-30',
].map((date, i) => ({
  date: asLocalDate(date),
  unit: 'lessons',
  scheduled: 6,
  attended: i === 2 || i === 7 ? 0 : 6,
}));
// An old day outside the four weeks: it does not count.
const before: AttendanceDay = { date: asLocalDate('2026-01-02'), unit: 'lessons', scheduled: 6, attended: 0 };

const input = (over: Partial<GlanceInput> = {}): GlanceInput => ({
  scored: scoreAdministrations([...forms(), checklist()], shippedCatalog, { absenceThresholdPercent: 10 }),
  margin: 1.5,
  thresholdPercent: 10,
  plans: [
    {
      id: 'p1',
      title: 'Back after the winter break',
      updatedAt: '2026-01-20T10:00:00.000Z',
      steps: [
        step('s1', 'First two lessons with the resource teacher', '2026-01-19', '2026-01-30', 'achieved'),
        step('s2', 'Mornings until lunch', '2026-02-02', '2026-02-13', 'planned'),
      ],
      reviews: [{ id: 'r1', date: asLocalDate('2026-02-06'), notes: '' }],
    },
  ],
  attendance: [before, ...attendance],
  today: asLocalDate('2026-02-01'),
  language: 'en',
  ...over,
});

let words: (lines: SummaryLine[]) => string[];
beforeAll(async () => {
  const i18n = await setupI18n('en', { markFallbacks: false });
  const format = summaryFormat(i18n.getFixedT('en'), 'en');
  words = (lines) => lines.map((line) => summaryText(line, format));
});

describe('caseGlance', () => {
  it('says the primary, what it rests on, the flagged informant difference, absence, attendance and the next review', () => {
    const glance = caseGlance(input());
    // Combined: avoidance child 4, parents (5 + 3) / 2 = 4 -> 4; escape 1.5; attention 1.5; tangible 0.
    expect(words(glance.primary)).toEqual([
      'Primary function: avoiding school-related distress.',
      'Rests on 3 forms: pupil, mother and father, up to 7 Jan 2026.',
      'Not a validated instrument: read the profile as a description of this pupil, not as a comparison with norms.',
    ]);
    expect(words(glance.informants)).toEqual(['Informants differ by 1.5 points or more on one function: avoiding school-related distress.']);
    expect(words(glance.absence)).toEqual([
      'Latest absence checklist, 8 Jan 2026:',
      expect.stringMatching(/^All absence: 5 of 20 school days \(25%\), at or above the threshold of 10%/),
      expect.stringMatching(/^Problematic absence .*: 3 of 20 school days \(15%\), at or above the threshold of 10%/),
    ]);
    // 5 Jan – 1 Feb: 48 of 60 lessons attended = 80 %, absent 20 % >= 10 %.
    expect(words(glance.attendance)).toEqual(['Since 5 Jan 2026: attended 80%, absent 20%, at or over the absence threshold of 10%.']);
    // The achieved first step is no longer reviewed; the review meeting on 6 Feb comes before the second step's review.
    expect(words(glance.plan)).toEqual(['Active plan: Back after the winter break.', 'Current step: “First two lessons with the resource teacher”.', 'Next review: 6 Feb 2026.']);
    expect(glance.activePlan?.id).toBe('p1');
    // A week later the second step's review (13 Feb) has passed while the step is still open.
    const later = caseGlance(
      input({
        today: asLocalDate('2026-02-16'),
        plans: input().plans.map((p) => ({ ...p, steps: p.steps.map((s) => (s.id === 's2' ? { ...s, status: 'in-progress' as const } : s)) })),
      }),
    );
    expect(words(later.plan)).toEqual(['Active plan: Back after the winter break.', 'Current step: “Mornings until lunch”.', 'Review overdue since 13 Feb 2026.']);
  });

  it('names no primary for a flat or low profile and says when informants agree or there is one', () => {
    const same = (score: number) => Array<number>(5).fill(score);
    const flat = (score: number) =>
      [0, 1, 2].map((n) =>
        administration(
          n === 0 ? 'function-child@1.1.0' : 'function-parent@1.1.0',
          (['child', 'mother', 'father'] as const)[n]!,
          { avoidance: same(score), escape: same(score), attention: same(score), tangible: same(score) },
          n,
        ),
      );
    const glance = caseGlance(input({ scored: scoreAdministrations(flat(3), shippedCatalog) }));
    expect(words(glance.primary)[0]).toBe('No function stands out: every scored function is within 0.25 points of the highest, so no primary function is named.');
    expect(glance.primary.map((l) => l.key)).toEqual(['summary.primaryStatus.flat', 'glance.restsOn', 'summary.driving.notValidated']);
    expect(caseGlance(input({ scored: scoreAdministrations(flat(0), shippedCatalog) })).primary[0]!.key).toBe('summary.primaryStatus.below-floor');
    expect(words(glance.informants)).toEqual(['No two informants differ by 1.5 points or more on any function.']);
    const one = caseGlance(input({ scored: scoreAdministrations([forms()[0]!], shippedCatalog) }));
    expect(words(one.informants)).toEqual(['Only one informant (Pupil) answered at this time point: there is nothing to compare.']);
    expect(one.primary.map((l) => l.key)).toEqual(['summary.driving.primary', 'glance.restsOn', 'summary.primaryStatus.oneInformant', 'summary.driving.notValidated']);
  });

  it('says what is missing: no forms, no checklist, no attendance in four weeks, no plan or no open step', () => {
    const empty = caseGlance(input({ scored: [], attendance: [before], plans: [] }));
    expect(words(empty.primary)).toEqual(['No function questionnaire has been completed: there is no profile to read a primary function from.']);
    expect(empty.informants).toEqual([]);
    expect(words(empty.absence)).toEqual(['No absence checklist has been completed.']);
    // The one day recorded is older than four weeks: it is named, not counted.
    expect(words(empty.attendance)).toEqual(['No attendance recorded since 5 Jan 2026; the last recorded day is 2 Jan 2026.']);
    expect(words(caseGlance(input({ attendance: [] })).attendance)).toEqual(['No attendance recorded since 5 Jan 2026.']);
    expect(words(empty.plan)).toEqual(['No return plan yet.']);
    const done = input().plans.map((plan) => ({ ...plan, steps: plan.steps.map((s) => ({ ...s, status: 'achieved' as const })) }));
    expect(words(caseGlance(input({ plans: done })).plan)).toEqual(['The plan has no open steps.']);
  });

  it('is under the threshold when absence is below it', () => {
    const good = attendance.map((d) => ({ ...d, attended: 6 }));
    expect(words(caseGlance(input({ attendance: good })).attendance)).toEqual(['Since 5 Jan 2026: attended 100%, absent 0%, under the absence threshold of 10%.']);
  });
});
