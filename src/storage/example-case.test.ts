import { testDatabase } from '../../tests/support/db';
import { shipped, shippedCatalog } from '../../tests/support/shipped';
import { contentHash } from '../instrument/hash';
import { combineProfiles } from '../scoring/combine';
import { score } from '../scoring/score';
import { planAttendance, summarizePlan } from '../plan';
import { loadExampleCase } from './example-case';
import { asLocalDate } from '../plan/dates';

describe('example case', () => {
  it('writes a fictional case with 14 completed administrations that all score', async () => {
    const db = testDatabase();
    const today = new Date('2026-11-22T10:00:00Z');
    const kase = await loadExampleCase(db, shippedCatalog, today);
    expect(kase).toMatchObject({ example: true, birthYear: 2013 });
    const administrations = await db.administrations.where('caseId').equals(kase.id).sortBy('startedAt');
    expect(administrations.map((a) => `${a.instrumentId}:${a.informant}`)).toEqual([
      'absence-checklist:practitioner',
      'function-child:child',
      'function-parent:mother',
      'function-parent:father',
      'quality-function-child:child',
      'quality-function-parent:mother',
      'absence-checklist:practitioner',
      'function-child:child',
      'function-parent:mother',
      'function-parent:father',
      'absence-checklist:practitioner',
      'function-child:child',
      'function-parent:mother',
      'function-parent:father',
    ]);
    for (const a of administrations) {
      const definition = shipped(`${a.instrumentId}@${a.instrumentVersion}`);
      expect(a.definitionHash).toBe(await contentHash(definition));
      const result = score(definition, a.answers);
      expect(result.ok && result.report.complete, `${a.instrumentId} ${a.informant}`).toBe(true);
    }
  });

  it('gives avoidance as the primary function at the first time point, combined over child and both parents', async () => {
    const db = testDatabase();
    const kase = await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00Z'));
    const first = (await db.administrations.where('caseId').equals(kase.id).sortBy('startedAt')).filter((a) => a.instrumentId.startsWith('function-')).slice(0, 3);
    const reports = first.map((a) => {
      const result = score(shipped(`${a.instrumentId}@1.0.0`), a.answers);
      if (!result.ok) throw new Error('unexpected');
      return { informant: a.informant, report: result.report };
    });
    // Avoidance: child (5+6+5+5+4)/5 = 5; mother 27/5 = 5.4; father 22/5 = 4.4 -> parents 4.9 -> (5 + 4.9)/2 = 4.95.
    // Escape: child 20/5 = 4; mother 16/5 = 3.2; father 13/5 = 2.6 -> parents 2.9 -> 3.45.
    const combined = combineProfiles('function', shipped('function-child@1.0.0').profile!, reports);
    expect(combined.scales.map((s) => [s.id, Number(s.score!.toFixed(10))])).toEqual([
      ['avoidance', 4.95],
      ['escape', 3.45],
      ['attention', 2.1], // child 8/5 = 1.6; mother 17/5 = 3.4, father 9/5 = 1.8 -> parents 2.6 -> 2.1
      ['tangible', 0.75], // child 2/5 = 0.4; mother 4/5 = 0.8, father 7/5 = 1.4 -> parents 1.1 -> 0.75
    ]);
    expect(combined.primary).toEqual(['avoidance']);
  });

  it('has a plan with steps in every status and six weeks of attendance that rises as the plan takes hold', async () => {
    const db = testDatabase();
    // A Sunday: this week's Monday is 16 November 2026; the current step's review (Monday next week) is still ahead.
    const kase = await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00'));
    const [plan, ...others] = await db.plans.where('caseId').equals(kase.id).toArray();
    expect(others).toEqual([]);
    expect(plan).toMatchObject({ returnDate: '2026-11-30', contacts: [expect.anything(), expect.anything()], reviews: [{ date: '2026-10-16' }, { date: '2026-10-23' }] });
    expect(plan!.steps.map((s) => [s.startDate, s.reviewDate, s.status, s.revisionOf ?? null])).toEqual([
      ['2026-10-05', '2026-10-16', 'achieved', null],
      ['2026-10-19', '2026-10-30', 'revised', null],
      ['2026-10-26', '2026-11-06', 'achieved', plan!.steps[1]!.id],
      ['2026-11-09', '2026-11-23', 'in-progress', null],
    ]);
    expect(plan!.revisions.map((r) => r.steps.length)).toEqual([1, 2]);
    expect(summarizePlan(plan!, asLocalDate('2026-11-22'))).toMatchObject({ state: 'in-progress', nextReview: '2026-11-23', stepCount: 3, achievedCount: 2 });

    const attendance = await db.attendance.where('caseId').equals(kase.id).sortBy('date');
    expect(attendance).toHaveLength(30);
    expect([attendance[0]!.date, attendance.at(-1)!.date]).toEqual(['2026-10-05', '2026-11-13']);
    const result = planAttendance(plan!, attendance, asLocalDate('2026-11-22'), 10)!;
    // Weekly 8, 11, 14, 19, 22, 28 of 30 lessons; 102 of 180 over the plan so far.
    expect(result.weeks.map((w) => w.attended)).toEqual([8, 11, 14, 19, 22, 28, 0]);
    expect(result.totals).toMatchObject({ scheduled: 180, attended: 102 });
    // The revised step was current for its one week, until its replacement started.
    expect(result.steps.map((s) => s.attended)).toEqual([19, 14, 41, 28]);
    const audit = (await db.audit.where('caseId').equals(kase.id).toArray()).map((a) => `${a.action}:${a.target}`).sort();
    expect(audit).toEqual(['create:case', 'create:plan', 'update:attendance']);
  });
});
