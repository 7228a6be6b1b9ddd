/**
 * The table registry: every IndexedDB table with its primary key, its indexes at each database
 * version, and so the version that added it. db.ts declares every Dexie version from it, backup
 * and restore take their table list from it, the migration test its keys. Each table's record
 * schema is in schemas.ts (RECORD_SCHEMAS, typed by this registry: no table lacks one).
 *
 * Zod-free on purpose: db.ts loads on the first screen, which has a size budget (docs/performance.md).
 *
 * A new database version: append a layout `{ version, indexes }` to each table it changes (or a
 * new table), raise DATABASE_VERSION, and put what it does to stored rows in migrations.ts. What
 * an index reads stays readable by IndexedDB: `indexedFields` lists it per table and version.
 */
import type {
  AdministrationRecord,
  AttendanceRecord,
  AuditRecord,
  CaseRecord,
  ExportProjectRecord,
  InstrumentPackRecord,
  InstrumentStatusRecord,
  PlanRecord,
  SettingRecord,
  StudyIdRecord,
} from './records';

export const DATABASE_NAME = 'polku';
export const DATABASE_VERSION = 4;

/** The record each table holds. */
export interface TableRecords {
  cases: CaseRecord;
  administrations: AdministrationRecord;
  instrumentPacks: InstrumentPackRecord;
  instrumentStatus: InstrumentStatusRecord;
  settings: SettingRecord;
  audit: AuditRecord;
  plans: PlanRecord;
  attendance: AttendanceRecord;
  exportProjects: ExportProjectRecord;
  studyIds: StudyIdRecord;
}
export type TableName = keyof TableRecords;

/** A table's layout from one database version on. */
export interface TableLayout {
  version: number;
  /** Dexie index specs after the primary key: '&code' unique, '[caseId+date]' compound. */
  indexes: readonly string[];
}

interface TableSpec<T extends TableName> {
  /** The primary key: a field of the record (inbound, never auto-incremented). */
  key: keyof TableRecords[T] & string;
  /** Oldest first; the first is the version that added the table. A past layout never changes. */
  layouts: readonly [TableLayout, ...TableLayout[]];
}

export const TABLES: { readonly [T in TableName]: TableSpec<T> } = {
  // Version 1.
  // Version 4 (encryption at rest, crypto/policies.ts): an index on a sealed value becomes an index
  // on its blind value (the code, the attendance day, the study ID, the project name).
  cases: {
    key: 'id',
    layouts: [
      { version: 1, indexes: ['&code', 'lastActivityAt', 'createdAt'] },
      { version: 4, indexes: ['&codeIndex', 'lastActivityAt', 'createdAt'] },
    ],
  },
  administrations: { key: 'id', layouts: [{ version: 1, indexes: ['caseId', 'status', 'startedAt', 'updatedAt'] }] },
  instrumentPacks: { key: 'ref', layouts: [{ version: 1, indexes: ['id'] }] },
  instrumentStatus: { key: 'ref', layouts: [{ version: 1, indexes: [] }] },
  settings: { key: 'key', layouts: [{ version: 1, indexes: [] }] },
  // Version 2: the append-only audit trail (tests/fixtures/db-v1.json).
  audit: { key: 'id', layouts: [{ version: 2, indexes: ['at', 'caseId', 'action'] }] },
  // Version 3: plans, the attendance log (one row per case and day) and research projects with
  // their study IDs (unique within a project) (tests/fixtures/db-v2.json).
  plans: { key: 'id', layouts: [{ version: 3, indexes: ['caseId', 'updatedAt'] }] },
  attendance: {
    key: 'id',
    layouts: [
      { version: 3, indexes: ['caseId', '&[caseId+date]'] },
      { version: 4, indexes: ['caseId', '&[caseId+dateIndex]'] },
    ],
  },
  exportProjects: {
    key: 'id',
    layouts: [
      { version: 3, indexes: ['name'] },
      { version: 4, indexes: ['nameIndex'] },
    ],
  },
  studyIds: {
    key: 'id',
    layouts: [
      { version: 3, indexes: ['projectId', 'caseId', '&[projectId+studyId]'] },
      { version: 4, indexes: ['projectId', 'caseId', '&[projectId+studyIdIndex]'] },
    ],
  },
};

/**
 * Tables of this device only: never in a backup, never restored, no record schema. Version 4: the
 * keyring (the data key wrapped by the passphrase, storage/keyring.ts), readable while locked.
 */
export const DEVICE_TABLES = { keyring: { key: 'id', version: 4 } } as const;

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The table's layout at a database version; undefined before the version that added it. */
export function layoutAt(table: TableName, version: number): TableLayout | undefined {
  return TABLES[table].layouts.filter((layout) => layout.version <= version).at(-1);
}

/** Dexie's `stores()` of one version: every table it adds or changes ('all': every table there is then). */
export function storesAt(version: number, which: 'changed' | 'all' = 'changed'): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const table of TABLE_NAMES) {
    const layout = layoutAt(table, version);
    if (layout && (which === 'all' || layout.version === version)) stores[table] = [TABLES[table].key, ...layout.indexes].join(', ');
  }
  for (const [table, spec] of Object.entries(DEVICE_TABLES)) if (which === 'all' ? spec.version <= version : spec.version === version) stores[table] = spec.key;
  return stores;
}

/** The fields the primary key and the indexes read at a version ('[caseId+date]' reads both). */
export function indexedFields(table: TableName, version = DATABASE_VERSION): string[] {
  const layout = layoutAt(table, version);
  if (!layout) return [];
  const fields = layout.indexes.flatMap((spec) =>
    spec
      .replace(/^[&*+]+/, '')
      .replace(/^\[|\]$/g, '')
      .split('+'),
  );
  return [...new Set([TABLES[table].key, ...fields])];
}

/** Rows by table name, as read from the database or a backup file, not yet checked. */
export type TableRows = Record<string, Record<string, unknown>[]>;

/** Every table's records. */
export type TableContent = { [T in TableName]: TableRecords[T][] };

/** Checked rows as the typed tables; a table an older version lacked (plans in a v2 backup) is empty. */
export function contentOf(tables: TableRows): TableContent {
  return Object.fromEntries(TABLE_NAMES.map((name) => [name, tables[name] ?? []])) as unknown as TableContent;
}
