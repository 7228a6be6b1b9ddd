/**
 * Part 6 (Node side): the research export of the bench's data set (seed.ts: 1,000 cases, 10,000
 * administrations, the completed ones exported) with the functions the app runs (src/export,
 * src/jobs/research-export.ts exportInput), all five formats. Run in its own process (child.ts) so
 * that its peak RSS is its own.
 */
import { loadShippedDefinitions } from '../../src/cli/io';
import { buildExport, zipExport } from '../../src/export/build';
import { analyzeExport, buildDataset } from '../../src/export/dataset';
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
  /** Peak RSS so far (making the data set), after buildExport, after zipExport: the app's order, first run. */
  peakBefore: number;
  peakAfterBuild: number;
  peakAfterZip: number;
  steps: Step[];
  files: { path: string; bytes: number }[];
  zipBytes: number;
  smallGroups: number;
}

function time<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
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

  // First the export once as the app makes it, build then zip: the peak RSS (it never goes down) is that of the export.
  const [{ files, dataset }, buildMs] = time(() => buildExport(input, BENCH_EXPORT_OPTIONS));
  const peakAfterBuild = peakRss();
  const [zip, zipMs] = time(() => zipExport(files));
  const peakAfterZip = peakRss();

  const steps: Step[] = [];
  const step = (name: string, runs: number, run: () => unknown, first: number[] = []) => {
    const times = [...first];
    while (times.length < runs) {
      collectGarbage();
      times.push(time(run)[1]);
    }
    steps.push({ name, times });
  };
  step('buildExport, all five formats', RUNS, () => buildExport(input, BENCH_EXPORT_OPTIONS), [buildMs]);
  step('zipExport (fflate zipSync, deflate level 1)', RUNS, () => zipExport(files), [zipMs]);
  step('preview (analyzeExport: selection, small-cell check)', RUNS, () => analyzeExport(input, BENCH_EXPORT_OPTIONS));
  // The breakdown: once each; every one of them builds the data set again.
  step('  buildDataset alone (the rows of every table, scoring)', 1, () => buildDataset(input, BENCH_EXPORT_OPTIONS));
  for (const format of FORMATS)
    step(`  buildExport with only ${format} (data set included)`, 1, () => buildExport(input, { ...BENCH_EXPORT_OPTIONS, formats: [format as ExportFormat] }));

  return {
    cases: dataset.summary.cases,
    administrations: dataset.summary.administrations,
    seedMs,
    rssBefore,
    peakBefore,
    peakAfterBuild,
    peakAfterZip,
    steps,
    files: files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content, 'utf8') })),
    zipBytes: zip.length,
    smallGroups: dataset.smallCells.small.length,
  };
}

if (isMain(import.meta.url)) reply(await benchExportNode());
