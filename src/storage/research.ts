/**
 * Research export projects and their study IDs. A study ID is random (crypto.getRandomValues),
 * assigned the first time a case is exported in a project and kept, so waves of one project can
 * be joined; another project draws its own, so two projects cannot be linked, and nothing is
 * derived from the case id. The IDs exist only on this device (and in its encrypted backups).
 */
import type { InstrumentDefinition } from '../instrument/schema';
import { absenceThresholdOptions } from '../scoring/thresholds';
import type { BuildStep, BuiltExport } from '../export/build';
import { buildInWorker, type BuildRunner } from '../export/run-in-worker';
import { analyzeExport, type Analysis } from '../export/dataset';
import type { ExportInput, ExportOptions } from '../export/types';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { StorageError, guarded, toStorageError } from './errors';
import { appendAudit, auditTables } from './audit';
import { readSettings } from './settings';
import type { AdministrationRecord, AuditRecord, CaseRecord, ExportProjectRecord, StudyIdRecord } from './records';
import { PROJECT_NAME_MAX, STUDY_ID_ALPHABET as ALPHABET, STUDY_ID_LENGTH } from './research-format';
import { checkRev, nextRev } from './revision';

/** "S-" and eight characters without look-alikes (31^8 ≈ 8.5·10^11): never confused with a case code. */
export function generateStudyId(random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  const chars: string[] = [];
  while (chars.length < STUDY_ID_LENGTH) {
    // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
    for (const byte of random(16)) if (byte < 248 && chars.length < STUDY_ID_LENGTH) chars.push(ALPHABET[byte % ALPHABET.length]!);
  }
  return `S-${chars.join('')}`;
}

export { PROJECT_NAME_MAX };

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > PROJECT_NAME_MAX) throw new TypeError('project name: 1–80 characters');
  return trimmed;
}

export function listProjects(db: PolkuDatabase): Promise<ExportProjectRecord[]> {
  return db.exportProjects.orderBy('name').toArray();
}

export async function createProject(db: PolkuDatabase, name: string): Promise<ExportProjectRecord> {
  const stamp = now();
  const record: ExportProjectRecord = { id: newId(), name: cleanName(name), createdAt: stamp, updatedAt: stamp };
  return guarded(() =>
    db.transaction('rw', [db.exportProjects, ...auditTables(db)], async () => {
      if ((await db.exportProjects.where('name').equals(record.name).count()) > 0) throw new StorageError('conflict', 'project name');
      await db.exportProjects.add(record);
      // The name is the researcher's free text: it stays out of the audit trail.
      await appendAudit(db, { action: 'create', target: 'research' }, stamp);
      return record;
    }),
  );
}

/** Renames the project as loaded at revision `expectedRev` (refused as `stale` if it changed since). */
export async function renameProject(db: PolkuDatabase, id: string, name: string, expectedRev: number): Promise<ExportProjectRecord> {
  const clean = cleanName(name);
  return guarded(() =>
    db.transaction('rw', [db.exportProjects, ...auditTables(db)], async () => {
      const existing = await db.exportProjects.get(id);
      if (!existing) throw new StorageError('not-found', id);
      checkRev(existing, expectedRev, id);
      const clash = await db.exportProjects.where('name').equals(clean).first();
      if (clash && clash.id !== id) throw new StorageError('conflict', 'project name');
      const updated: ExportProjectRecord = { ...existing, name: clean, rev: nextRev(existing), updatedAt: now() };
      await db.exportProjects.put(updated);
      await appendAudit(db, { action: 'update', target: 'research' }, updated.updatedAt);
      return updated;
    }),
  );
}

/** Everything an export reads, from one transaction (so cases and answers are one consistent state). */
export interface ExportSource {
  cases: CaseRecord[];
  /** Completed administrations only: a draft may still change. */
  administrations: AdministrationRecord[];
  /** caseId → study ID in the project (cases not exported before have none yet). */
  studyIds: Map<string, string>;
  absenceThresholdPercent: number;
  /** The threshold is for problematic absence only (the Kearney 2008 preset); absent: false. */
  absenceThresholdProblematicOnly?: boolean;
}

async function readInside(db: PolkuDatabase, projectId: string | undefined): Promise<ExportSource> {
  const [cases, administrations, ids, settings] = await Promise.all([
    db.cases.toArray(),
    db.administrations.where('status').equals('complete').toArray(),
    projectId ? db.studyIds.where('projectId').equals(projectId).toArray() : Promise.resolve([] as StudyIdRecord[]),
    readSettings(db),
  ]);
  return {
    cases,
    administrations,
    studyIds: new Map(ids.map((r) => [r.caseId, r.studyId])),
    ...absenceThresholdOptions(settings.thresholdPreset, settings.customThresholdPercent),
  };
}

export function readExportSource(db: PolkuDatabase, projectId?: string): Promise<ExportSource> {
  return guarded(() => db.transaction('r', [db.cases, db.administrations, db.studyIds, db.settings], () => readInside(db, projectId)));
}

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

/** The preview before writing: counts and the small-cell check. Study IDs not yet assigned get stand-ins that never reach a file. */
export function previewExport(source: ExportSource, definitions: readonly InstrumentDefinition[], options: ExportOptions): Analysis {
  return analyzeExport(
    exportInput(source, definitions, (caseId) => source.studyIds.get(caseId) ?? `new:${caseId}`),
    { ...options, absenceThresholdPercent: source.absenceThresholdPercent, absenceThresholdProblematicOnly: source.absenceThresholdProblematicOnly === true },
  );
}

export interface ExportOutcome {
  zip: Uint8Array;
  fileName: string;
  cases: number;
  administrations: number;
}

/** Facts about an export for the audit trail: counts, formats and fields; never codes or names. */
export function auditDetail(options: ExportOptions, analysis: Pick<Analysis, 'summary' | 'smallCells'>): Record<string, string | number | boolean> {
  const fields = [options.age === 'years' ? 'age' : options.age === 'bands' ? 'age-band' : null, options.gender ? 'gender' : null, options.schoolYear ? 'school-year' : null, options.informant === 'role' ? 'informant-role' : 'informant', options.dates === 'interval' ? 'days-since-first' : 'year-month']
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
  /** Aborting (the screen was left) stops the build; nothing is saved. */
  signal?: AbortSignal;
  /** Builds and zips; a Web Worker unless a test passes its own. */
  build?: BuildRunner;
}

/** A transaction whose ExportFailure passes through as is; any other failure becomes a StorageError. */
async function transaction<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ExportFailure) throw error;
    throw toStorageError(error);
  }
}

/**
 * Makes the export in three phases, so no IndexedDB transaction is held open across the worker
 * (awaiting anything but the database inside one lets it commit early):
 * 1. one read transaction: the cases, answers and the project's study IDs; which cases go in is
 *    decided there, and cases exported for the first time in the project get new random study
 *    IDs, in memory only;
 * 2. building and zipping in a worker, with those IDs;
 * 3. one read-write transaction: the new IDs are written and the export goes into the audit
 *    trail — unless the project's IDs changed since phase 1, which fails with nothing written.
 * If building fails, nothing is recorded and no ID is kept; the zip is handed back only after
 * phase 3 is saved.
 */
export async function runExport(db: PolkuDatabase, projectId: string, definitions: readonly InstrumentDefinition[], options: ExportOptions, control: ExportControl = {}): Promise<ExportOutcome> {
  const { signal, build = buildInWorker } = control;
  let last: ExportStep | null = null;
  // The worker says "building" too, once it runs: each step is told once.
  const onStep = (step: ExportStep) => {
    if (step !== last) control.onStep?.(step);
    last = step;
  };
  onStep('reading');
  const source = await transaction(() =>
    db.transaction('r', [db.cases, db.administrations, db.studyIds, db.exportProjects, db.settings], async () => {
      if (!(await db.exportProjects.get(projectId))) throw new StorageError('not-found', projectId);
      return readInside(db, projectId);
    }),
  );
  const withThreshold: ExportOptions = { ...options, absenceThresholdPercent: source.absenceThresholdPercent, absenceThresholdProblematicOnly: source.absenceThresholdProblematicOnly === true };
  // Which cases go in is decided before any ID exists, so only exported cases get one.
  const preview = analyzeExport(exportInput(source, definitions, (caseId) => caseId), withThreshold);
  const exported = [...new Set(preview.selected.map((s) => s.studyId))];
  const known = new Map(source.studyIds);
  const taken = new Set(source.studyIds.values());
  const fresh: { caseId: string; studyId: string }[] = [];
  for (const caseId of exported) {
    if (source.studyIds.has(caseId)) continue;
    let studyId = generateStudyId();
    while (taken.has(studyId)) studyId = generateStudyId();
    taken.add(studyId);
    source.studyIds.set(caseId, studyId);
    fresh.push({ caseId, studyId });
  }

  signal?.throwIfAborted();
  // Said at once: copying the input to the worker and starting it take a moment too.
  onStep('building');
  let built: BuiltExport;
  try {
    built = await build(exportInput(source, definitions, (caseId) => source.studyIds.get(caseId) ?? ''), withThreshold, { onStep, signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new ExportFailure('build', { cause: error });
  }
  signal?.throwIfAborted();

  onStep('saving');
  const count = await transaction(() =>
    db.transaction('rw', [db.cases, db.studyIds, db.exportProjects, ...auditTables(db)], async () => {
      if (!(await db.exportProjects.get(projectId))) throw new StorageError('not-found', projectId);
      const records = await db.studyIds.where('projectId').equals(projectId).toArray();
      const current = new Map(records.map((r) => [r.caseId, r.studyId]));
      const used = new Set(records.map((r) => r.studyId));
      const cases = await db.cases.bulkGet(exported);
      // The zip holds the IDs of phase 1: they must still be the project's, every case must still
      // exist (deleting a case deletes its IDs), and no new ID may have been drawn meanwhile.
      const unchanged =
        cases.every(Boolean) &&
        exported.every((caseId) => current.get(caseId) === known.get(caseId)) &&
        fresh.every((f) => !used.has(f.studyId));
      if (!unchanged) throw new ExportFailure('changed');
      const stamp = now();
      if (fresh.length) await db.studyIds.bulkAdd(fresh.map((f): StudyIdRecord => ({ id: `${projectId}:${f.caseId}`, projectId, caseId: f.caseId, studyId: f.studyId, assignedAt: stamp })));
      await appendAudit(db, { action: 'export', target: 'research', detail: auditDetail(options, built) }, stamp);
      return db.audit.where('action').equals('export').filter((e) => e.target === 'research').count();
    }),
  );
  return {
    zip: built.zip,
    // Only a running number: the file name says nothing about the cases.
    fileName: `polku-research-export-${count}.zip`,
    cases: built.summary.cases,
    administrations: built.summary.administrations,
  };
}

/** Research exports made on this device, newest first (from the audit trail). */
export async function pastExports(db: PolkuDatabase): Promise<AuditRecord[]> {
  const entries = await db.audit.where('action').equals('export').toArray();
  return entries.filter((e) => e.target === 'research').sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
