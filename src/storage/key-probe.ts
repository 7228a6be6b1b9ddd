/**
 * Whether this device has a keyring, known before the database code (Dexie) has loaded: the first
 * screen, set-up or unlock, is chosen from it without waiting for that code (ui/Root.tsx,
 * docs/performance.md). It is a hint only: the key screen reads the keyring through Dexie once that
 * has loaded, live, and that answer wins (and corrects the remembered flag). The flag in
 * localStorage answers at once; without it, IndexedDB itself is asked. The probe never creates,
 * upgrades or changes the database, and closes its connection at once.
 */
import type { KeyringRow } from './db';
import { DATABASE_NAME, DEVICE_TABLES } from './tables';

const KEYRING_TABLE: keyof typeof DEVICE_TABLES = 'keyring';
const KEYRING_ROW: KeyringRow['id'] = 'device';

/** true: a keyring is stored; false: none (or no database yet); undefined: cannot tell (the screen waits for Dexie). */
export async function probeKeyring(name: string = DATABASE_NAME, idb: IDBFactory | undefined = globalThis.indexedDB): Promise<boolean | undefined> {
  // Without databases() (older browsers) opening by name would create a missing database.
  if (typeof idb?.databases !== 'function') return undefined;
  try {
    if (!(await idb.databases()).some((found) => found.name === name)) return false;
    return await new Promise<boolean | undefined>((resolve) => {
      const request = idb.open(name);
      // Deleted since databases() answered: opening would create it. Aborting leaves nothing behind.
      request.onupgradeneeded = () => {
        request.transaction?.abort();
        resolve(false);
      };
      request.onerror = () => resolve(undefined);
      request.onblocked = () => resolve(undefined);
      request.onsuccess = () => {
        const connection = request.result;
        // Another tab upgrading the database is never held up by this connection.
        connection.onversionchange = () => connection.close();
        const answer = (value: boolean | undefined) => {
          connection.close();
          resolve(value);
        };
        if (!connection.objectStoreNames.contains(KEYRING_TABLE)) return answer(false);
        try {
          const count = connection.transaction(KEYRING_TABLE, 'readonly').objectStore(KEYRING_TABLE).count(KEYRING_ROW);
          count.onsuccess = () => answer(count.result > 0);
          count.onerror = () => answer(undefined);
        } catch {
          answer(undefined);
        }
      };
    });
  } catch {
    return undefined;
  }
}

/** Set while this device has a keyring ("1"): says no more than the unlock screen itself does. Only for the app's own database. */
const KEYRING_FLAG = 'polku.keyring';

/**
 * Remembers whether the database `name` has a keyring, for the next start (written when the key is
 * opened or the keyring read; removed with the data). Another database (a test's) leaves the flag alone.
 */
export function rememberKeyring(name: string, present: boolean): void {
  if (name !== DATABASE_NAME) return;
  try {
    if (present) globalThis.localStorage?.setItem(KEYRING_FLAG, '1');
    else globalThis.localStorage?.removeItem(KEYRING_FLAG);
  } catch {
    // Storage refused (a private window's quota): the next start asks IndexedDB instead.
  }
}

/** The first screen's hint: the remembered flag when it is set (no IndexedDB request: 30–40 ms of a later start), else the probe. */
export async function keyringHint(name: string = DATABASE_NAME, idb: IDBFactory | undefined = globalThis.indexedDB): Promise<boolean | undefined> {
  try {
    if (name === DATABASE_NAME && globalThis.localStorage?.getItem(KEYRING_FLAG) === '1') return true;
  } catch {
    // As if there were no flag.
  }
  return probeKeyring(name, idb);
}
