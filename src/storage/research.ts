/**
 * Research export projects and their study IDs. A study ID is random (crypto.getRandomValues),
 * assigned the first time a case is exported in a project and kept, so waves of one project can
 * be joined; another project draws its own, so two projects cannot be linked, and nothing is
 * derived from the case id. The IDs exist only on this device (and in its encrypted backups).
 * Making an export is a job (src/jobs/research-export.ts); here are its reads and its write.
 */
import { absenceThresholdOptions } from '../scoring/thresholds';
import type { PolkuDatabase } from './db';
import { newId, now } from './db';
import { StorageError, guarded } from './errors';
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
  // The names are sealed (no index can sort them): a researcher has a handful of projects.
  return db.exportProjects.toArray().then((projects) => projects.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

export async function createProject(db: PolkuDatabase, name: string): Promise<ExportProjectRecord> {
  const stamp = now();
  const record: ExportProjectRecord = { id: newId(), name: cleanName(name), createdAt: stamp, updatedAt: stamp };
  return guarded(() =>
    db.transaction('rw', [db.exportProjects, ...auditTables(db)], async () => {
      if (
        (await db.exportProjects
          .where('nameIndex')
          .equals(db.blind('exportProjects', 'name', record.name))
          .count()) > 0
      )
        throw new StorageError('conflict', 'project name');
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
      const clash = await db.exportProjects
        .where('nameIndex')
        .equals(db.blind('exportProjects', 'name', clean))
        .first();
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

/**
 * Completed administrations are opened this many at a time, one read each: opening 10,000 in one
 * read kept the page's main thread busy for most of a second (the screen frozen, its progress bar
 * too); a page of 500 takes some tens of milliseconds, and the screen is drawn between them.
 */
export const EXPORT_READ_PAGE = 500;

async function completedAdministrations(db: PolkuDatabase): Promise<AdministrationRecord[]> {
  // The status index gives the ids in the same order its rows would come in (by id). Each page
  // is one read of the id range from its first to its last id (one getAll, where a get per id
  // cost 9,487 requests for 1,000 cases); the few drafts in between are opened too, and left out.
  // Every page is asked for at once: IndexedDB reads the next pages while the page's main thread
  // opens the last one, where a read at a time left one of them idle while the other worked.
  const ids = await db.administrations.where('status').equals('complete').primaryKeys();
  const pages: Promise<AdministrationRecord[]>[] = [];
  for (let start = 0; start < ids.length; start += EXPORT_READ_PAGE) {
    const last = Math.min(start + EXPORT_READ_PAGE, ids.length) - 1;
    pages.push(db.administrations.where(':id').between(ids[start]!, ids[last]!, true, true).toArray());
  }
  const records: AdministrationRecord[] = [];
  for (const page of await Promise.all(pages)) for (const record of page) if (record.status === 'complete') records.push(record);
  return records;
}

async function readInside(db: PolkuDatabase, projectId: string | undefined): Promise<ExportSource> {
  const [cases, administrations, ids, settings] = await Promise.all([
    db.cases.toArray(),
    completedAdministrations(db),
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

/**
 * The research screen's preview source, read live: no study IDs. The preview's counts do not depend
 * on them, and a live read of them made every export (which writes them) read and open every
 * completed questionnaire again, a second or two of main-thread work at 1,000 cases.
 */
export function readExportSource(db: PolkuDatabase): Promise<ExportSource> {
  return guarded(() => db.transaction('r', [db.cases, db.administrations, db.settings], () => readInside(db, undefined)));
}

/** Phase 1 of an export (src/jobs/research-export.ts): the project's source, in one read transaction. */
export function readProjectExportSource(db: PolkuDatabase, projectId: string): Promise<ExportSource> {
  return guarded(() =>
    db.transaction('r', [db.cases, db.administrations, db.studyIds, db.exportProjects, db.settings], async () => {
      if (!(await db.exportProjects.get(projectId))) throw new StorageError('not-found', projectId);
      return readInside(db, projectId);
    }),
  );
}

/** What phase 3 of an export saves, with what phase 1 read. */
export interface ExportSave {
  projectId: string;
  /** The cases in the zip. */
  exported: readonly string[];
  /** caseId → study ID as read in phase 1 (cases without one had none). */
  known: ReadonlyMap<string, string>;
  /** Study IDs drawn for cases exported in the project for the first time. */
  fresh: readonly { caseId: string; studyId: string }[];
  /** The audit entry's facts (`auditDetail`): counts, formats and fields, never codes or names. */
  detail: Record<string, string | number | boolean>;
}

/**
 * Phase 3 of an export, one read-write transaction: stores the new study IDs and the audit entry,
 * and gives the number of research exports made on this device — or null, with nothing written,
 * when the project's IDs changed since phase 1 or a case in the zip was deleted meanwhile.
 */
export function saveExport(db: PolkuDatabase, { projectId, exported, known, fresh, detail }: ExportSave): Promise<number | null> {
  return guarded(() =>
    db.transaction('rw', [db.cases, db.studyIds, db.exportProjects, ...auditTables(db)], async () => {
      if (!(await db.exportProjects.get(projectId))) throw new StorageError('not-found', projectId);
      const records = await db.studyIds.where('projectId').equals(projectId).toArray();
      const current = new Map(records.map((r) => [r.caseId, r.studyId]));
      const used = new Set(records.map((r) => r.studyId));
      // Which cases exist, from the keys alone (opening a thousand sealed cases to see that they are there cost a few hundred ms).
      const existing = new Set(await db.cases.toCollection().primaryKeys());
      // The zip holds the IDs of phase 1: they must still be the project's, every case must still
      // exist (deleting a case deletes its IDs), and no new ID may have been drawn meanwhile.
      const unchanged = exported.every((caseId) => existing.has(caseId) && current.get(caseId) === known.get(caseId)) && fresh.every((f) => !used.has(f.studyId));
      if (!unchanged) return null;
      const stamp = now();
      if (fresh.length)
        await db.studyIds.bulkAdd(fresh.map((f): StudyIdRecord => ({ id: `${projectId}:${f.caseId}`, projectId, caseId: f.caseId, studyId: f.studyId, assignedAt: stamp })));
      await appendAudit(db, { action: 'export', target: 'research', detail }, stamp);
      return db.audit
        .where('action')
        .equals('export')
        .filter((e) => e.target === 'research')
        .count();
    }),
  );
}

/** Research exports made on this device, newest first (from the audit trail). */
export async function pastExports(db: PolkuDatabase): Promise<AuditRecord[]> {
  const entries = await db.audit.where('action').equals('export').toArray();
  return entries.filter((e) => e.target === 'research').sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
