/**
 * The research export, a job (docs/architecture.md): storage reads what may leave the device
 * (src/storage/research.ts), the pure builder (src/export) makes the files in a Web Worker
 * (src/platform/run-in-worker.ts), and storage saves the study IDs and the audit entry.
 */
import type { InstrumentDefinition } from '../instrument/schema';
import type { BuildStep } from '../export/build';
import { analyzeExport, type Analysis } from '../export/dataset';
import type { ExportInput, ExportOptions } from '../export/types';
import { buildInWorker, type BuildRunner, type BuiltZip } from '../platform/run-in-worker';
import type { PolkuDatabase } from '../storage/db';
import type { AdministrationRecord } from '../storage/records';
import { generateStudyId, readProjectExportSource, saveExport, type ExportSource } from '../storage/research';

/**
 * The builder's input: only what may leave the device, plus birth year and month for ages. Names,
 * codes, schools, classes, notes, practitioners, database ids and timestamps other than the
 * completion time are not copied, so no file can contain them.
 */
export function exportInput(source: ExportSource, definitions: readonly InstrumentDefinition[], studyIdOf: (caseId: string) => string): ExportInput {
  const byCase = new Map<string, AdministrationRecord[]>();
  for (const a of source.administrations) {
    const list = byCase.get(a.caseId);
    if (list) list.push(a);
    else byCase.set(a.caseId, [a]);
  }
  return {
    definitions,
    cases: source.cases.map((kase) => ({
      studyId: studyIdOf(kase.id),
      birthYear: kase.birthYear,
      ...(kase.birthMonth === undefined ? {} : { birthMonth: kase.birthMonth }),
      ...(kase.gender === undefined ? {} : { gender: kase.gender }),
      ...(kase.example ? { example: true } : {}),
      administrations: (byCase.get(kase.id) ?? []).map((a) => ({
        instrumentId: a.instrumentId,
        instrumentVersion: a.instrumentVersion,
        informant: a.informant,
        language: a.language,
        mode: a.mode,
        ...(a.completedWithMissing ? { completedWithMissing: true } : {}),
        answers: a.answers,
        at: a.completedAt ?? a.updatedAt,
      })),
    })),
  };
}

/** The preview before writing: counts and the small-cell check. Cases without a study ID in `source` (on the screen: all, readExportSource) get stand-ins that never reach a file. */
export function previewExport(source: ExportSource, definitions: readonly InstrumentDefinition[], options: ExportOptions): Analysis {
  return analyzeExport(
    exportInput(source, definitions, (caseId) => source.studyIds.get(caseId) ?? `new:${caseId}`),
    { ...options, absenceThresholdPercent: source.absenceThresholdPercent, absenceThresholdProblematicOnly: source.absenceThresholdProblematicOnly === true },
  );
}

export interface ExportOutcome {
  /** The zip file, made in the worker from its streamed parts. */
  zip: Blob;
  fileName: string;
  cases: number;
  administrations: number;
}

/** Facts about an export for the audit trail: counts, formats and fields; never codes or names. */
export function auditDetail(options: ExportOptions, analysis: Pick<Analysis, 'summary' | 'smallCells'>): Record<string, string | number | boolean> {
  const fields = [
    options.age === 'years' ? 'age' : options.age === 'bands' ? 'age-band' : null,
    options.gender ? 'gender' : null,
    options.schoolYear ? 'school-year' : null,
    options.informant === 'role' ? 'informant-role' : 'informant',
    options.dates === 'interval' ? 'days-since-first' : 'year-month',
  ]
    .filter((f): f is string => f !== null)
    .join(', ');
  const detail: Record<string, string | number | boolean> = {
    cases: analysis.summary.cases,
    administrations: analysis.summary.administrations,
    formats: options.formats.join(', '),
    fields,
    k: options.k,
    smallGroups: analysis.smallCells.small.length,
  };
  const { filter } = options;
  if (filter.from) detail.from = filter.from;
  if (filter.to) detail.to = filter.to;
  if (filter.instruments?.length) detail.instruments = filter.instruments.join(', ');
  if (filter.informants?.length) detail.informants = filter.informants.join(', ');
  return detail;
}

/** Where an export is: reading (phase 1), building and zipping (phase 2, in a worker), saving (phase 3). */
export type ExportStep = 'reading' | BuildStep | 'saving';

/**
 * Why an export was not made, other than storage: `build` — building or zipping failed; `changed`
 * — between reading and saving, another export of the project gave study IDs to some of the same
 * cases, or a case was deleted. Either way nothing was saved and the file is not offered.
 */
export class ExportFailure extends Error {
  constructor(
    readonly reason: 'build' | 'changed',
    options?: { cause?: unknown },
  ) {
    super(`export failed: ${reason}`, options);
    this.name = 'ExportFailure';
  }
}

export interface ExportControl {
  onStep?: (step: ExportStep) => void;
  /** The share of rows written, 0 to 1, while the files are written into the zip. */
  onProgress?: (share: number) => void;
  /** Aborting (cancelled, or the screen was left) before saving stops the build; nothing is saved. */
  signal?: AbortSignal;
  /** Builds and zips; a Web Worker unless a test passes its own. */
  build?: BuildRunner;
}

/** The build, or its end as soon as the signal aborts: a cancel stops the export even if the runner goes on (it is ignored then). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Makes the export in three phases, so no IndexedDB transaction is held open across the worker
 * (awaiting anything but the database inside one lets it commit early):
 * 1. one read transaction (`readProjectExportSource`): the cases, answers and the project's study
 *    IDs; every case without an ID in the project is offered a new random one, in memory only;
 * 2. building and zipping in a worker, with those IDs: the build decides which cases go in (on the
 *    main thread that selection cost scoring every questionnaire a second time) and names them;
 * 3. one read-write transaction (`saveExport`): the new IDs of the cases in the zip (no other) are
 *    written and the export goes into the audit trail — unless the project's IDs changed since
 *    phase 1, which fails with nothing written.
 * If building fails, nothing is recorded and no ID is kept; the zip is handed back only after
 * phase 3 is saved.
 */
export async function runExport(
  db: PolkuDatabase,
  projectId: string,
  definitions: readonly InstrumentDefinition[],
  options: ExportOptions,
  control: ExportControl = {},
): Promise<ExportOutcome> {
  const { signal, build = buildInWorker } = control;
  let last: ExportStep | null = null;
  // The worker says "building" too, once it runs: each step is told once.
  const onStep = (step: ExportStep) => {
    if (step !== last) control.onStep?.(step);
    last = step;
  };
  onStep('reading');
  const source = await readProjectExportSource(db, projectId);
  const withThreshold: ExportOptions = {
    ...options,
    absenceThresholdPercent: source.absenceThresholdPercent,
    absenceThresholdProblematicOnly: source.absenceThresholdProblematicOnly === true,
  };
  // Every case without an ID in the project is offered one; the build decides which cases go in
  // (the selection and the small-cell check) and says so, and only theirs are saved (phase 3).
  const known = new Map(source.studyIds);
  const taken = new Set(source.studyIds.values());
  const offered = new Map<string, string>();
  for (const kase of source.cases) {
    if (known.has(kase.id)) continue;
    let studyId = generateStudyId();
    while (taken.has(studyId)) studyId = generateStudyId();
    taken.add(studyId);
    offered.set(kase.id, studyId);
  }

  signal?.throwIfAborted();
  // Said at once: copying the input to the worker and starting it take a moment too.
  onStep('building');
  let built: BuiltZip;
  try {
    built = await untilAborted(
      build(
        exportInput(source, definitions, (caseId) => known.get(caseId) ?? offered.get(caseId)!),
        withThreshold,
        { onStep, onProgress: control.onProgress, signal },
      ),
      signal,
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new ExportFailure('build', { cause: error });
  }
  signal?.throwIfAborted();

  const caseOf = new Map([...known, ...offered].map(([caseId, studyId]) => [studyId, caseId]));
  const exported = built.exported.map((studyId) => caseOf.get(studyId)!);
  const fresh = exported.filter((caseId) => offered.has(caseId)).map((caseId) => ({ caseId, studyId: offered.get(caseId)! }));
  onStep('saving');
  const count = await saveExport(db, { projectId, exported, known, fresh, detail: auditDetail(options, built) });
  if (count === null) throw new ExportFailure('changed');
  return {
    zip: built.zip,
    // Only a running number: the file name says nothing about the cases.
    fileName: `polku-research-export-${count}.zip`,
    cases: built.summary.cases,
    administrations: built.summary.administrations,
  };
}
