/**
 * The one choke point of encryption at rest: a Dexie DBCore middleware. Every add and put of a
 * table with a policy is sealed on its way down, every row read on its way up (get, getMany, query,
 * cursors) is opened, so no screen or storage function can write plaintext by mistake or forget
 * to decrypt. Deletes and counts pass through (they touch only keys).
 *
 * Without a key in the session a write to an encrypted table is refused and nothing is stored;
 * a read fails as `locked`. Tables without a policy pass through untouched.
 *
 * Its level puts it above Dexie's cache and observability layers (0), so what those keep in memory is
 * ciphertext too and a locked session cannot read it back from a cache, and below Dexie's hooks (2)
 * and other middleware (10), which go on seeing records as the app wrote them.
 */
import Dexie from 'dexie';
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import { isPlainRow, isSealed, type TablePolicy } from './rows';
import type { KeySession } from './keys';

export interface EncryptionOptions {
  policies: Readonly<Record<string, TablePolicy>>;
  session: KeySession;
}

export interface EncryptionHandle {
  /** The database core below encryption: stored rows as they are (the migration; tests that look at the disk). */
  raw(): DBCore;
  /** The blind value to look `field` up by, e.g. `where('codeIndex').equals(handle.blind('cases', 'code', code))`. */
  blind(table: string, field: string, value: unknown): string;
}

type Row = Record<string, unknown>;

function encryptedTable(table: DBCoreTable, policy: TablePolicy, session: KeySession): DBCoreTable {
  const name = table.name;
  // Plain rows (policy.plainKeys) are written and read without a key: the lock screen needs them.
  const seal = (value: Row): Row => {
    if (isPlainRow(policy, value)) return value;
    const { keys, suite } = session.cipher();
    return suite.sealRecord(keys, name, policy, value);
  };
  const open = (row: Row | undefined): Row | undefined => {
    if (row === undefined || row === null) return row;
    if (!isSealed(row) && isPlainRow(policy, row)) return row;
    const { keys, suite } = session.cipher();
    return suite.openRecord(keys, name, policy, row);
  };

  function wrapCursor(cursor: DBCoreCursor): DBCoreCursor {
    // One row is read several times per step (filters, then the callback): open it once.
    let lastRaw: unknown;
    let lastOpened: Row | undefined;
    // key and primaryKey are IDBCursor getters that need the real cursor as `this`; start, continue,
    // stop and the rest are Dexie's own properties of it and are found through the prototype.
    return Object.create(cursor, {
      key: { get: () => cursor.key },
      primaryKey: { get: () => cursor.primaryKey },
      value: {
        get: () => {
          const raw = cursor.value as Row | undefined;
          if (raw !== lastRaw) {
            lastOpened = open(raw);
            lastRaw = raw;
          }
          return lastOpened;
        },
      },
    }) as DBCoreCursor;
  }

  return {
    ...table,
    mutate(req) {
      if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
      let values: Row[];
      try {
        values = req.values.map((value: Row) => seal(value));
      } catch (error) {
        // Dexie's promise keeps the transaction's zone for a caller that catches and carries on.
        return Dexie.Promise.reject(error);
      }
      const sealed = { ...req, values } as DBCoreMutateRequest;
      // Dexie's change descriptions of update()/modify() would carry plaintext further down: only the sealed rows go.
      if (sealed.type === 'put') {
        delete sealed.changeSpec;
        delete sealed.updates;
      }
      return table.mutate(sealed);
    },
    get: (req) => table.get(req).then((row: Row | undefined) => open(row)),
    getMany: (req) => table.getMany(req).then((rows: (Row | undefined)[]) => rows.map(open)),
    query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map((row: Row) => open(row)) } : res)),
    openCursor: (req) => table.openCursor(req).then((cursor) => cursor && wrapCursor(cursor)),
  };
}

/** Adds encryption to `db` (before it opens) with the tables' policies and the session that holds the key. */
export function installEncryption(db: Dexie, options: EncryptionOptions): EncryptionHandle {
  const { policies, session } = options;
  let below: DBCore | undefined;
  db.use({
    stack: 'dbcore',
    name: 'encryption',
    level: 1.5,
    create(down) {
      below = down;
      return { ...down, table: (name) => (policies[name] ? encryptedTable(down.table(name), policies[name], session) : down.table(name)) };
    },
  });
  return {
    raw() {
      if (!below) throw new Error('the database is not open');
      return below;
    },
    blind(table, field, value) {
      const index = policies[table]?.blindIndexes?.find((b) => b.field === field);
      if (!index) throw new TypeError(`${table}.${field} has no blind index`);
      const { keys, suite } = session.cipher();
      return suite.blindIndex(keys, table, index.as, value);
    },
  };
}
