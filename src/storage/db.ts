/**
 * The one IndexedDB database (Dexie 4). Versions are numbered; every upgrade gets a test that
 * opens a database written by the previous version (tests keep fixtures of old versions).
 *   1: cases, administrations, instrumentPacks, instrumentStatus, settings
 *   2: + audit
 *   3: + plans, attendance, exportProjects, studyIds
 * The tables, keys and indexes of each version are in tables.ts; what a version does to stored
 * rows in migrations.ts.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { MIGRATIONS, type Migration, type Row } from './migrations';
import { DATABASE_NAME, DATABASE_VERSION, storesAt, type TableRecords as R } from './tables';

export { DATABASE_NAME, DATABASE_VERSION };

export class PolkuDatabase extends Dexie {
  cases!: EntityTable<R['cases'], 'id'>;
  administrations!: EntityTable<R['administrations'], 'id'>;
  instrumentPacks!: EntityTable<R['instrumentPacks'], 'ref'>;
  instrumentStatus!: EntityTable<R['instrumentStatus'], 'ref'>;
  settings!: EntityTable<R['settings'], 'key'>;
  audit!: EntityTable<R['audit'], 'id'>;
  plans!: EntityTable<R['plans'], 'id'>;
  attendance!: EntityTable<R['attendance'], 'id'>;
  exportProjects!: EntityTable<R['exportProjects'], 'id'>;
  studyIds!: EntityTable<R['studyIds'], 'id'>;

  constructor(name = DATABASE_NAME) {
    super(name);
    declareVersions(this);
  }
}

/**
 * Declares every version up to `upTo` on a Dexie instance: the tables each adds or changes, and
 * the migration of its rows (run by Dexie only when it opens a database of an older version).
 */
export function declareVersions(db: Dexie, upTo = DATABASE_VERSION, migrations: readonly Migration[] = MIGRATIONS): void {
  for (let version = 1; version <= upTo; version += 1) {
    const declared = db.version(version).stores(storesAt(version));
    const rows = Object.entries(migrations.find((m) => m.to === version)?.rows ?? {});
    if (rows.length > 0) {
      declared.upgrade(async (tx: Transaction) => {
        for (const [table, migrate] of rows) {
          await tx
            .table(table)
            .toCollection()
            .modify((row: Row, ref: { value: Row }) => {
              ref.value = migrate(row);
            });
        }
      });
    }
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
