import { attendanceWeekSchema, planInputSchema, type AttendanceDayValues, type PlanFormValues } from './schema';
import { asLocalDate } from './dates';

const validPlan = (): PlanFormValues => ({
  title: 'Return plan',
  goal: 'Full school days by April',
  returnDate: '2026-04-01',
  steps: [
    {
      id: 's1',
      action: 'Attends the first two lessons with the resource teacher',
      startDate: '2026-03-02',
      reviewDate: '2026-03-13',
      successCriterion: '8 of 10 mornings',
      supports: 'Quiet room',
      responsible: ['pupil', 'teacher'],
      responsibleNote: '',
      status: 'planned',
    },
  ],
  contacts: [{ id: 'c1', name: 'Resource teacher', role: 'Teacher', reach: '' }],
  reviews: [{ id: 'r1', date: '2026-03-13', notes: 'First review' }],
});

const issues = (values: unknown) => {
  const result = planInputSchema.safeParse(values);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('plan form schema', () => {
  it('accepts a possible plan and drops empty optional fields', () => {
    const parsed = planInputSchema.parse(validPlan());
    expect(parsed.steps[0]).toMatchObject({ responsible: ['pupil', 'teacher'], responsibleNote: undefined });
    expect(parsed.contacts[0]!.reach).toBeUndefined();
    expect(planInputSchema.parse({ ...validPlan(), returnDate: '' }).returnDate).toBeUndefined();
    // A one-day step: the review may fall on the start day.
    expect(issues({ ...validPlan(), steps: [{ ...validPlan().steps[0]!, reviewDate: '2026-03-02' }] })).toEqual([]);
  });

  it('puts the message on the field: review before start, empty step, return before the first step', () => {
    const base = validPlan();
    expect(issues({ ...base, steps: [{ ...base.steps[0]!, reviewDate: '2026-03-01' }] })).toEqual([['steps.0.reviewDate', 'errors.reviewBeforeStart']]);
    expect(issues({ ...base, steps: [{ ...base.steps[0]!, action: '   ' }] })).toEqual([['steps.0.action', 'errors.actionRequired']]);
    expect(issues({ ...base, returnDate: '2026-02-27' })).toEqual([['returnDate', 'errors.returnBeforeStart']]);
    expect(issues({ ...base, steps: [{ ...base.steps[0]!, startDate: '', reviewDate: '2026-02-30' }] })).toEqual([
      ['steps.0.startDate', 'errors.startDateRequired'],
      ['steps.0.reviewDate', 'errors.date'],
    ]);
  });

  it('needs a title, a goal, someone responsible, named contacts and dated meetings', () => {
    const base = validPlan();
    expect(issues({ ...base, title: '', goal: '' })).toEqual([
      ['title', 'errors.titleRequired'],
      ['goal', 'errors.goalRequired'],
    ]);
    expect(issues({ ...base, steps: [{ ...base.steps[0]!, responsible: false }] })).toEqual([['steps.0.responsible', 'errors.responsibleRequired']]);
    expect(issues({ ...base, contacts: [{ id: 'c', name: '', role: '', reach: '' }], reviews: [{ id: 'r', date: '', notes: '' }] })).toEqual([
      ['contacts.0.name', 'errors.contactNameRequired'],
      ['reviews.0.date', 'errors.meetingDateRequired'],
    ]);
  });
});

const blank = (date: string): AttendanceDayValues => ({ date: asLocalDate(date), scheduled: '', attended: '', morning: '', school: '', evening: '', note: '' });
const weekIssues = (days: AttendanceDayValues[]) => {
  const result = attendanceWeekSchema.safeParse({ unit: 'lessons', days });
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('attendance week schema', () => {
  it('reads decimal commas, keeps only the ratings given and leaves blank days out', () => {
    const week = attendanceWeekSchema.parse({
      unit: 'hours',
      days: [
        { ...blank('2026-03-02'), scheduled: '5', attended: '2,5', morning: '7', note: ' late ' },
        blank('2026-03-03'),
        { ...blank('2026-03-04'), scheduled: '0', attended: '0' },
      ],
    });
    expect(week).toEqual({
      unit: 'hours',
      days: [
        { date: '2026-03-02', entry: { scheduled: 5, attended: 2.5, distress: { morning: 7 }, note: 'late' } },
        { date: '2026-03-03', entry: null },
        { date: '2026-03-04', entry: { scheduled: 0, attended: 0 } },
      ],
    });
  });

  it('refuses attended over scheduled, distress outside 0–10 and half-filled days, on the field', () => {
    expect(weekIssues([{ ...blank('2026-03-02'), scheduled: '4', attended: '5' }])).toEqual([['days.0.attended', 'errors.attendedOverScheduled']]);
    expect(weekIssues([{ ...blank('2026-03-02'), scheduled: '4', attended: '4', evening: '11', school: '2.5' }])).toEqual([
      ['days.0.school', 'errors.distressRange'],
      ['days.0.evening', 'errors.distressRange'],
    ]);
    expect(weekIssues([{ ...blank('2026-03-02'), attended: '3' }])).toEqual([['days.0.scheduled', 'errors.scheduledRequired']]);
    expect(weekIssues([{ ...blank('2026-03-02'), scheduled: '3' }])).toEqual([['days.0.attended', 'errors.attendedRequired']]);
    expect(weekIssues([{ ...blank('2026-03-02'), scheduled: 'six', attended: '25' }])).toEqual([
      ['days.0.scheduled', 'errors.number'],
      ['days.0.attended', 'errors.amountRange'],
    ]);
  });
});
