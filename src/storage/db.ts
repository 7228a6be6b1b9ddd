/**
 * The one IndexedDB database (Dexie 4). Versions are numbered; every upgrade gets a test that
 * opens a database written by the previous version (tests keep fixtures of old versions).
 *   1: cases, administrations, instrumentPacks, instrumentStatus, settings
 *   2: + audit
 *   3: + plans, attendance, exportProjects, studyIds
 */
import Dexie, { type EntityTable } from 'dexie';
import type { AdministrationRecord, AttendanceRecord, CaseRecord, ExportProjectRecord, InstrumentPackRecord, InstrumentStatusRecord, PlanRecord, SettingRecord, StudyIdRecord } from './records';
import type { AuditRecord } from './audit';

export const DATABASE_NAME = 'polku';
export const DATABASE_VERSION = 3;

export class PolkuDatabase extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>;
  administrations!: EntityTable<AdministrationRecord, 'id'>;
  instrumentPacks!: EntityTable<InstrumentPackRecord, 'ref'>;
  instrumentStatus!: EntityTable<InstrumentStatusRecord, 'ref'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  audit!: EntityTable<AuditRecord, 'id'>;
  plans!: EntityTable<PlanRecord, 'id'>;
  attendance!: EntityTable<AttendanceRecord, 'id'>;
  exportProjects!: EntityTable<ExportProjectRecord, 'id'>;
  studyIds!: EntityTable<StudyIdRecord, 'id'>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      cases: 'id, &code, lastActivityAt, createdAt',
      administrations: 'id, caseId, status, startedAt, updatedAt',
      instrumentPacks: 'ref, id',
      instrumentStatus: 'ref',
      settings: 'key',
    });
    // Version 2 adds the append-only audit trail; nothing else changes (tests/fixtures/db-v1.json).
    this.version(2).stores({ audit: 'id, at, caseId, action' });
    // Version 3 adds plans, the attendance log (one row per case and day) and research projects
    // with their study IDs (unique within a project); nothing else changes (tests/fixtures/db-v2.json).
    this.version(3).stores({
      plans: 'id, caseId, updatedAt',
      attendance: 'id, caseId, &[caseId+date]',
      exportProjects: 'id, name',
      studyIds: 'id, projectId, caseId, &[projectId+studyId]',
    });
  }
}

let instance: PolkuDatabase | undefined;

/** The app's database; tests make their own with `new PolkuDatabase(uniqueName)`. */
export function database(): PolkuDatabase {
  instance ??= new PolkuDatabase();
  return instance;
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function now(): string {
  return new Date().toISOString();
}
