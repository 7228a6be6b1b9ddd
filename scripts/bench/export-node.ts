/**
 * Part 6 (Node side): the research export of the bench's data set (seed.ts: 1,000 cases, 10,000
 * administrations, the completed ones exported) with the functions the app runs (src/export,
 * src/jobs/research-export.ts exportInput), all five formats, made as the export worker makes it:
 * buildAndZip scores and lays out the data set, then writes every file row by row into the streaming
 * zip (src/export/zip.ts: Node's zlib through CompressionStream, as the browser's). Run in its own process (child.ts) so that its peak RSS is its own.
 */
import { loadShippedDefinitions } from '../../src/cli/io';
import { buildAndZip, exportEntries } from '../../src/export/build';
import { analyzeExport, planDataset } from '../../src/export/dataset';
import { DEFAULT_OPTIONS, FORMATS, type ExportFormat, type ExportOptions } from '../../src/export/types';
import { THRESHOLD_PRESETS } from '../../src/scoring/thresholds';
import { generateStudyId } from '../../src/storage/research';
import { exportInput } from '../../src/jobs/research-export';
import { seededRandom } from './answers';
import { collectGarbage, isMain, peakRss, reply } from './child';
import { makeSeed } from './seed';

const RUNS = 3;

/** What the research screen makes when FHIR is ticked too: its defaults, every format, the device's default threshold. */
const BENCH_EXPORT_OPTIONS: ExportOptions = { ...DEFAULT_OPTIONS, formats: [...FORMATS], absenceThresholdPercent: THRESHOLD_PRESETS.finland };

export interface Step {
  name: string;
  /** Milliseconds, one per run. */
  times: number[];
}

export interface NodeExportFigures {
  cases: number;
  administrations: number;
  seedMs: number;
  /** RSS with the data set in memory, after a full collection. */
  rssBefore: number;
  /** Peak RSS so far (making the data set), then after the first buildAndZip (the whole export, streamed). */
  peakBefore: number;
  peakAfterExport: number;
  steps: Step[];
  files: { path: string; bytes: number }[];
  zipBytes: number;
  smallGroups: number;
}

async function time<T>(run: () => T | Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

export async function benchExportNode(): Promise<NodeExportFigures> {
  const seedStarted = performance.now();
  const seed = await makeSeed();
  const seedMs = performance.now() - seedStarted;
  const definitions = loadShippedDefinitions();
  // Study IDs as the app draws them, from a seeded generator so every run writes the same files.
  const random = seededRandom(7);
  const studyIds = new Map(seed.cases.map((c) => [c.id, generateStudyId((n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256)))]));
  const source = {
    cases: seed.cases,
    administrations: seed.administrations.filter((a) => a.status === 'complete'),
    studyIds,
    absenceThresholdPercent: BENCH_EXPORT_OPTIONS.absenceThresholdPercent!,
  };
  const input = exportInput(source, definitions, (caseId) => studyIds.get(caseId)!);
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = peakRss();

  // First the export once as the worker makes it: the peak RSS (it never goes down) is that of the export.
  const [built, exportMs] = await time(() => buildAndZip(input, BENCH_EXPORT_OPTIONS));
  const peakAfterExport = peakRss();

  const steps: Step[] = [];
  const step = async (name: string, runs: number, run: () => unknown, first: number[] = []) => {
    const times = [...first];
    while (times.length < runs) {
      collectGarbage();
      times.push((await time(run))[1]);
    }
    steps.push({ name, times });
  };
  await step("buildAndZip, all five formats (streamed into a zip, deflated by the platform's zlib)", RUNS, () => buildAndZip(input, BENCH_EXPORT_OPTIONS), [exportMs]);
  await step('preview (analyzeExport: selection, small-cell check)', RUNS, () => analyzeExport(input, BENCH_EXPORT_OPTIONS));
  // The breakdown: once each; every one of them scores the data set again.
  await step('  planDataset alone (selection, scoring, column layout; no rows)', 1, () => planDataset(input, BENCH_EXPORT_OPTIONS));
  for (const format of FORMATS)
    await step(`  buildAndZip with only ${format} (scoring included)`, 1, () => buildAndZip(input, { ...BENCH_EXPORT_OPTIONS, formats: [format as ExportFormat] }));
  // The files' sizes, counted as they are written (never held).
  const plan = planDataset(input, BENCH_EXPORT_OPTIONS);
  const files = exportEntries(plan, BENCH_EXPORT_OPTIONS).map((entry) => {
    let bytes = 0;
    for (const text of entry.text()) bytes += Buffer.byteLength(text, 'utf8');
    return { path: entry.path, bytes };
  });

  return {
    cases: built.summary.cases,
    administrations: built.summary.administrations,
    seedMs,
    rssBefore,
    peakBefore,
    peakAfterExport,
    steps,
    files,
    zipBytes: built.parts.reduce((sum, part) => sum + part.length, 0),
    smallGroups: built.smallCells.small.length,
  };
}

if (isMain(import.meta.url)) reply(await benchExportNode());
