/**
 * Research export projects and their study IDs. A study ID is random (crypto.getRandomValues),
 * assigned the first time a case is exported in a project and kept, so waves of one project can
 * be joined; another project draws its own, so two projects cannot be linked, and nothing is
 * derived from the case id. The IDs exist only on this device (and in its encrypted backups).
 */
import type { InstrumentDefinition } from '../instrument/schema';
import { thresholdPercent } from '../scoring/thresholds';
import { buildExport, zipExport } from '../export/build';
import { analyzeExport, type Analysis } from '../export/dataset';
import type { ExportFile, ExportInput, ExportOptions } from '../export/types';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables, type AuditRecord } from './audit';
import { readSettings } from './settings';
import type { AdministrationRecord, CaseRecord, ExportProjectRecord, StudyIdRecord } from './records';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const STUDY_ID_LENGTH = 8;

/** "S-" and eight characters without look-alikes (31^8 ≈ 8.5·10^11): never confused with a case code. */
export function generateStudyId(random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  const chars: string[] = [];
  while (chars.length < STUDY_ID_LENGTH) {
    // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
    for (const byte of random(16)) if (byte < 248 && chars.length < STUDY_ID_LENGTH) chars.push(ALPHABET[byte % ALPHABET.length]!);
  }
  return `S-${chars.join('')}`;
}

export const PROJECT_NAME_MAX = 80;

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

export async function renameProject(db: PolkuDatabase, id: string, name: string): Promise<ExportProjectRecord> {
  const clean = cleanName(name);
  return guarded(() =>
    db.transaction('rw', [db.exportProjects, ...auditTables(db)], async () => {
      const existing = await db.exportProjects.get(id);
      if (!existing) throw new StorageError('not-found', id);
      const clash = await db.exportProjects.where('name').equals(clean).first();
      if (clash && clash.id !== id) throw new StorageError('conflict', 'project name');
      const updated: ExportProjectRecord = { ...existing, name: clean, updatedAt: now() };
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
    absenceThresholdPercent: thresholdPercent(settings.thresholdPreset, settings.customThresholdPercent),
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
    { ...options, absenceThresholdPercent: source.absenceThresholdPercent },
  );
}

export interface ExportOutcome {
  files: ExportFile[];
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

/**
 * Makes the export: in one transaction it reads the cases and answers, gives every case that is
 * exported for the first time in the project a new random study ID, builds the files and records
 * the export in the audit trail. If building fails, nothing is recorded and no ID is kept.
 */
export async function runExport(db: PolkuDatabase, projectId: string, definitions: readonly InstrumentDefinition[], options: ExportOptions): Promise<ExportOutcome> {
  const built = await guarded(() =>
    db.transaction('rw', [db.cases, db.administrations, db.studyIds, db.exportProjects, ...auditTables(db)], async () => {
      if (!(await db.exportProjects.get(projectId))) throw new StorageError('not-found', projectId);
      const source = await readInside(db, projectId);
      const withThreshold: ExportOptions = { ...options, absenceThresholdPercent: source.absenceThresholdPercent };
      // Which cases go in is decided before any ID exists, so only exported cases get one.
      const preview = analyzeExport(exportInput(source, definitions, (caseId) => caseId), withThreshold);
      const taken = new Set((await db.studyIds.where('projectId').equals(projectId).toArray()).map((r) => r.studyId));
      const stamp = now();
      const fresh: StudyIdRecord[] = [];
      for (const caseId of new Set(preview.selected.map((s) => s.studyId))) {
        if (source.studyIds.has(caseId)) continue;
        let studyId = generateStudyId();
        while (taken.has(studyId)) studyId = generateStudyId();
        taken.add(studyId);
        source.studyIds.set(caseId, studyId);
        fresh.push({ id: `${projectId}:${caseId}`, projectId, caseId, studyId, assignedAt: stamp });
      }
      if (fresh.length) await db.studyIds.bulkAdd(fresh);
      const { files, dataset } = buildExport(
        exportInput(source, definitions, (caseId) => source.studyIds.get(caseId) ?? ''),
        withThreshold,
      );
      const entry = await appendAudit(db, { action: 'export', target: 'research', detail: auditDetail(options, dataset) }, stamp);
      return { files, dataset, entry };
    }),
  );
  const count = await db.audit.where('action').equals('export').filter((e) => e.target === 'research').count();
  return {
    files: built.files,
    zip: zipExport(built.files),
    // Only a running number: the file name says nothing about the cases.
    fileName: `polku-research-export-${count}.zip`,
    cases: built.dataset.summary.cases,
    administrations: built.dataset.summary.administrations,
  };
}

/** Research exports made on this device, newest first (from the audit trail). */
export async function pastExports(db: PolkuDatabase): Promise<AuditRecord[]> {
  const entries = await db.audit.where('action').equals('export').toArray();
  return entries.filter((e) => e.target === 'research').sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
