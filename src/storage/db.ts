/**
 * The one IndexedDB database (Dexie 4). Versions are numbered; every upgrade gets a test that
 * opens a database written by the previous version (tests keep fixtures of old versions).
 *   1: cases, administrations, instrumentPacks, instrumentStatus, settings
 *   2: + audit
 *   3: + plans, attendance, exportProjects, studyIds
 *   4: encryption at rest: blind indexes instead of indexes on personal values, + keyring
 * The tables, keys and indexes of each version are in tables.ts; what a version does to stored
 * rows in migrations.ts.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { KeySession, type KeyringRecord } from './crypto/keys';
import { installEncryption, type EncryptionHandle } from './crypto/middleware';
import { TABLE_POLICIES, type EncryptedTable } from './crypto/policies';
import { MIGRATIONS, type Migration, type Row } from './migrations';
import { DATABASE_NAME, DATABASE_VERSION, storesAt, type TableRecords as R } from './tables';

/** The one row of the keyring table (storage/keyring.ts). */
export interface KeyringRow {
  id: 'device';
  keyring: KeyringRecord;
  /** Set once every row of the database is sealed (the first unlock after an update from version 3 does it). */
  encryptedAt?: string;
}

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
  keyring!: EntityTable<KeyringRow, 'id'>;
  /** The unlocked keys of this page (none until the passphrase is given; lock drops them). */
  readonly keySession: KeySession;
  private readonly encryption: EncryptionHandle;

  /**
   * Every table with a policy (crypto/policies.ts) is encrypted by one middleware: whatever a screen
   * or storage function writes is sealed, whatever it reads is opened, and without a key nothing of
   * those tables can be read or written (`locked`).
   */
  constructor(name = DATABASE_NAME, { session = new KeySession() }: { session?: KeySession } = {}) {
    // Live-query results are cached below the encryption layer, which builds a new record from every
    // sealed row it opens: Dexie's deep copy of the cached sealed rows ('cloned') would be wasted work.
    super(name, { cache: 'immutable' });
    declareVersions(this);
    this.keySession = session;
    this.encryption = installEncryption(this, { policies: TABLE_POLICIES, session });
  }

  /** The blind index value to look a sealed field up by: `where('codeIndex').equals(db.blind('cases', 'code', code))`. */
  blind(table: EncryptedTable, field: string, value: unknown): string {
    return this.encryption.blind(table, field, value);
  }

  /**
   * A record as the middleware stores it, for a write below Dexie (a closing page's last put,
   * administrations.ts); undefined while locked: then nothing may be written.
   */
  sealedForRawWrite<T extends EncryptedTable>(table: T, record: R[T]): Record<string, unknown> | undefined {
    if (!this.keySession.unlocked) return undefined;
    const { keys, suite } = this.keySession.cipher();
    return suite.sealRecord(keys, table, TABLE_POLICIES[table], record as unknown as Record<string, unknown>);
  }

  /** What the middleware stands on (the migration that seals plaintext rows; tests that read the disk). */
  encryptionHandle(): EncryptionHandle {
    return this.encryption;
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
