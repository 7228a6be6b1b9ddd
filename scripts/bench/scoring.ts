/** Part 2: score() and combineProfiles() throughput in Node, with the peak resident memory. */
import { loadShippedDefinitions } from '../../src/cli/io';
import type { InstrumentDefinition } from '../../src/instrument/schema';
import { combineProfiles, type InformantReport } from '../../src/scoring/combine';
import { score } from '../../src/scoring/score';
import type { InformantKind, ScoreReport } from '../../src/scoring/types';
import type { Answers } from '../../src/instrument/answers';
import { randomAnswers, seededRandom } from './answers';
import { MB, printTable } from './table';

export interface ScoringFigures {
  perSecond: number;
  /** Administrations per second by instrument family ('function', 'quality-function', …), answers as stored records give them. */
  perFamily: Record<string, number>;
  /** The same with answer objects built key by key in place (see stored()). */
  perFamilyBuilt: Record<string, number>;
  combinePerSecond: number;
  rssBefore: number;
  rssPeak: number;
}

const ADMINISTRATIONS = 100_000;
const COMBINATIONS = 100_000;
/** Distinct answer sets per instrument in the per-instrument loops (cycled, so caches do not flatter). */
const SETS_PER_INSTRUMENT = 4_000;
/** How long each per-instrument loop runs. */
const LOOP_MS = 1_000;
/** Stops a loop early if the machine is very slow, so the bench stays time-bounded. */
const TIME_LIMIT_MS = 30_000;

/**
 * Answers as the app scores them: a stored record's, which IndexedDB (structured clone) or the
 * decrypted JSON gives back. randomAnswers builds its object key by key; V8 turns an object that
 * gets many keys that way into a slow dictionary, which a stored record never is. Both are measured.
 */
const stored = (answers: Answers): Answers => structuredClone(answers);

/** Scores `sets` round and round for about LOOP_MS; the clock is read every 1,000 calls, not per call. */
function rate(definition: InstrumentDefinition, sets: readonly Answers[]): { perSecond: number; ok: number; complete: number } {
  let ok = 0;
  let complete = 0;
  for (const answers of sets) {
    const result = score(definition, answers);
    if (result.ok) {
      ok += 1;
      if (result.report.complete) complete += 1;
    }
  }
  // Warm-up: the first calls run before the JIT has optimised anything.
  for (let n = 0; n < 20_000; n += 1) score(definition, sets[n % sets.length]!);
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < LOOP_MS) {
    for (let n = 0; n < 1000; n += 1) score(definition, sets[(calls + n) % sets.length]!);
    calls += 1000;
    elapsed = performance.now() - started;
  }
  return { perSecond: calls / (elapsed / 1000), ok, complete };
}

export function benchScoring(): ScoringFigures {
  const definitions = loadShippedDefinitions();
  const random = seededRandom(20260101);
  let rssPeak = process.memoryUsage().rss;
  const sample = () => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  };
  const rssBefore = rssPeak;

  // Per instrument: one definition scored over and over (the export and the case page do this).
  const rows: (string | number)[][] = [];
  const byFamily = new Map<string, { calls: number; seconds: number; secondsBuilt: number }>();
  for (const definition of definitions) {
    const built = Array.from({ length: SETS_PER_INSTRUMENT }, () => randomAnswers(definition, random));
    const figures = rate(definition, built.map(stored));
    const figuresBuilt = rate(definition, built);
    sample();
    rows.push([
      definition.id,
      definition.items.length,
      `${figures.ok}/${built.length}`,
      figures.complete,
      (1e6 / figures.perSecond).toFixed(2),
      Math.round(figures.perSecond).toLocaleString('en-GB'),
      Math.round(figuresBuilt.perSecond).toLocaleString('en-GB'),
    ]);
    const family = byFamily.get(definition.family) ?? { calls: 0, seconds: 0, secondsBuilt: 0 };
    // The family's rate is the harmonic mean of its forms': as many calls of each form.
    family.calls += 1;
    family.seconds += 1 / figures.perSecond;
    family.secondsBuilt += 1 / figuresBuilt.perSecond;
    byFamily.set(definition.family, family);
  }
  printTable(['instrument', 'items', 'valid', 'complete', 'µs each', 'per second', 'built in place'], rows);
  const perFamily = Object.fromEntries([...byFamily.entries()].map(([family, f]) => [family, f.calls / f.seconds]));
  const perFamilyBuilt = Object.fromEntries([...byFamily.entries()].map(([family, f]) => [family, f.calls / f.secondsBuilt]));
  console.log('');
  printTable(
    ['family (forms scored equally often)', 'per second', 'built in place'],
    Object.keys(perFamily).map((family) => [family, Math.round(perFamily[family]!).toLocaleString('en-GB'), Math.round(perFamilyBuilt[family]!).toLocaleString('en-GB')]),
  );

  // The mix: every shipped instrument equally often; answers prepared before the clock starts.
  const work: { definition: InstrumentDefinition; answers: Answers }[] = [];
  for (let n = 0; n < ADMINISTRATIONS; n += 1) {
    const definition = definitions[n % definitions.length]!;
    work.push({ definition, answers: stored(randomAnswers(definition, random)) });
    if (n % 1000 === 0) sample();
  }
  for (let n = 0; n < 5000; n += 1) score(work[n]!.definition, work[n]!.answers);
  const started = performance.now();
  let scored = 0;
  for (const { definition, answers } of work) {
    score(definition, answers);
    scored += 1;
    if (scored % 1000 === 0) {
      sample();
      if (performance.now() - started > TIME_LIMIT_MS) break;
    }
  }
  const elapsed = performance.now() - started;
  sample();
  const perSecond = scored / (elapsed / 1000);
  console.log(
    `\nscore(), all instruments mixed: ${scored.toLocaleString('en-GB')} administrations in ${(elapsed / 1000).toFixed(2)} s = ${Math.round(perSecond).toLocaleString('en-GB')} administrations/s (one thread)`,
  );

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
  console.log(
    `combineProfiles() (function forms: child + mother, or child + mother + father): ${combined.toLocaleString('en-GB')} profiles in ${(combineElapsed / 1000).toFixed(2)} s = ${Math.round(combinePerSecond).toLocaleString('en-GB')} profiles/s`,
  );
  console.log(
    `Node RSS: ${MB(rssBefore)} before, peak ${MB(rssPeak)} while preparing and scoring (sampled every 1,000 calls; answers for all ${ADMINISTRATIONS.toLocaleString('en-GB')} held in memory)`,
  );
  return { perSecond, perFamily, perFamilyBuilt, combinePerSecond, rssBefore, rssPeak };
}
