/**
 * The one IndexedDB database (Dexie 4). Versions are numbered; every upgrade gets a test that
 * opens a database written by the previous version (tests keep fixtures of old versions).
 *   1: cases, administrations, instrumentPacks, instrumentStatus, settings
 *   2: + audit
 */
import Dexie, { type EntityTable } from 'dexie';
import type { AdministrationRecord, CaseRecord, InstrumentPackRecord, InstrumentStatusRecord, SettingRecord } from './records';
import type { AuditRecord } from './audit';

export const DATABASE_NAME = 'polku';
export const DATABASE_VERSION = 2;

export class PolkuDatabase extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>;
  administrations!: EntityTable<AdministrationRecord, 'id'>;
  instrumentPacks!: EntityTable<InstrumentPackRecord, 'ref'>;
  instrumentStatus!: EntityTable<InstrumentStatusRecord, 'ref'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  audit!: EntityTable<AuditRecord, 'id'>;

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
