/** Part 2: score() and combineProfiles() throughput in Node, with the peak resident memory. */
import { loadShippedDefinitions } from '../../src/cli/io';
import type { InstrumentDefinition } from '../../src/instrument/schema';
import { combineProfiles, type InformantReport } from '../../src/scoring/combine';
import { score } from '../../src/scoring/score';
import type { Answers, InformantKind, ScoreReport } from '../../src/scoring/types';
import { randomAnswers, seededRandom } from './answers';
import { MB, printTable } from './table';

export interface ScoringFigures {
  perSecond: number;
  combinePerSecond: number;
  rssBefore: number;
  rssPeak: number;
}

const ADMINISTRATIONS = 100_000;
const COMBINATIONS = 100_000;
/** Stops a loop early if the machine is very slow, so the bench stays time-bounded. */
const TIME_LIMIT_MS = 30_000;

export function benchScoring(): ScoringFigures {
  const definitions = loadShippedDefinitions();
  const random = seededRandom(20260101);
  let rssPeak = process.memoryUsage().rss;
  const sample = () => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  };
  const rssBefore = rssPeak;

  // The mix: every shipped instrument equally often; answers prepared before the clock starts.
  const work: { definition: InstrumentDefinition; answers: Answers }[] = [];
  for (let n = 0; n < ADMINISTRATIONS; n += 1) {
    const definition = definitions[n % definitions.length]!;
    work.push({ definition, answers: randomAnswers(definition, random) });
    if (n % 1000 === 0) sample();
  }
  // Warm-up: the first few thousand calls run before the JIT has optimised anything.
  for (let n = 0; n < 5000; n += 1) score(work[n]!.definition, work[n]!.answers);

  const perInstrument = new Map<string, { count: number; ms: number; ok: number; complete: number }>();
  const started = performance.now();
  let scored = 0;
  for (const { definition, answers } of work) {
    const t0 = performance.now();
    const result = score(definition, answers);
    const t1 = performance.now();
    const entry = perInstrument.get(definition.id) ?? { count: 0, ms: 0, ok: 0, complete: 0 };
    entry.count += 1;
    entry.ms += t1 - t0;
    if (result.ok) {
      entry.ok += 1;
      if (result.report.complete) entry.complete += 1;
    }
    perInstrument.set(definition.id, entry);
    scored += 1;
    if (scored % 1000 === 0) {
      sample();
      if (t1 - started > TIME_LIMIT_MS) break;
    }
  }
  const elapsed = performance.now() - started;
  sample();

  printTable(
    ['instrument', 'items', 'scored', 'valid', 'complete', 'µs each', 'per second'],
    [...perInstrument.entries()].map(([id, e]) => [
      id,
      definitions.find((d) => d.id === id)!.items.length,
      e.count,
      e.ok,
      e.complete,
      ((e.ms / e.count) * 1000).toFixed(1),
      Math.round(e.count / (e.ms / 1000)).toLocaleString('en-GB'),
    ]),
  );
  const perSecond = scored / (elapsed / 1000);
  console.log(`\nscore(): ${scored.toLocaleString('en-GB')} administrations in ${(elapsed / 1000).toFixed(2)} s = ${Math.round(perSecond).toLocaleString('en-GB')} administrations/s (one thread; per-instrument times include the timer calls)`);

  // combineProfiles for the function forms: a child form and one or two parent forms per pupil.
  const byId = (id: string) => definitions.find((d) => d.id === id)!;
  const child = byId('function-child');
  const parent = byId('function-parent');
  const report = (definition: InstrumentDefinition): ScoreReport => {
    const result = score(definition, randomAnswers(definition, random));
    if (!result.ok) throw new Error(`synthetic answers to ${definition.id} did not score`);
    return result.report;
  };
  const pupils: InformantReport[][] = [];
  for (let n = 0; n < 2000; n += 1) {
    const reports: InformantReport[] = [{ informant: 'child', report: report(child) }];
    const parents: InformantKind[] = n % 3 === 0 ? ['mother'] : ['mother', 'father'];
    for (const informant of parents) reports.push({ informant, report: report(parent) });
    pupils.push(reports);
  }
  const profile = child.profile!;
  for (let n = 0; n < 2000; n += 1) combineProfiles(child.family, profile, pupils[n]!);
  const combineStarted = performance.now();
  let combined = 0;
  for (; combined < COMBINATIONS; combined += 1) {
    combineProfiles(child.family, profile, pupils[combined % pupils.length]!);
    if (combined % 1000 === 0) {
      sample();
      if (performance.now() - combineStarted > TIME_LIMIT_MS) break;
    }
  }
  const combineElapsed = performance.now() - combineStarted;
  const combinePerSecond = combined / (combineElapsed / 1000);
  console.log(`combineProfiles() (function forms: child + mother, or child + mother + father): ${combined.toLocaleString('en-GB')} profiles in ${(combineElapsed / 1000).toFixed(2)} s = ${Math.round(combinePerSecond).toLocaleString('en-GB')} profiles/s`);
  console.log(`Node RSS: ${MB(rssBefore)} before, peak ${MB(rssPeak)} while preparing and scoring (sampled every 1,000 calls; answers for all ${ADMINISTRATIONS.toLocaleString('en-GB')} held in memory)`);
  return { perSecond, combinePerSecond, rssBefore, rssPeak };
}
