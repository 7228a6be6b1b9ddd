import { testDatabase } from '../../tests/support/db';
import { shipped, shippedCatalog } from '../../tests/support/shipped';
import { contentHash } from '../instrument/hash';
import { combineProfiles } from '../scoring/combine';
import { score } from '../scoring/score';
import { loadExampleCase } from './example-case';

describe('example case', () => {
  it('writes a fictional case with 14 completed administrations that all score', async () => {
    const db = testDatabase();
    const today = new Date('2026-11-22T10:00:00Z');
    const kase = await loadExampleCase(db, shippedCatalog, today);
    expect(kase).toMatchObject({ example: true, birthYear: 2013 });
    const administrations = await db.administrations.where('caseId').equals(kase.id).sortBy('startedAt');
    expect(administrations.map((a) => `${a.instrumentId}:${a.informant}`)).toEqual([
      'absence-checklist:practitioner',
      'function-child:child', 'function-parent:mother', 'function-parent:father',
      'quality-function-child:child', 'quality-function-parent:mother',
      'absence-checklist:practitioner',
      'function-child:child', 'function-parent:mother', 'function-parent:father',
      'absence-checklist:practitioner',
      'function-child:child', 'function-parent:mother', 'function-parent:father',
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
});
