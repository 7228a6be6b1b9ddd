/**
 * What the key screen does with the database, in a module of its own: the screen is shown before
 * the database code (Dexie) has loaded (ui/Root.tsx), and loads this when it is needed.
 */
import { liveQuery } from 'dexie';
import { EncryptionError } from '../../storage/crypto/keys';
import type { PolkuDatabase } from '../../storage/db';
import { StorageError } from '../../storage/errors';
import { rememberKeyring } from '../../storage/key-probe';
import { readKeyring, setUpEncryption, unlockDatabase } from '../../storage/keyring';
import { writeSetting } from '../../storage/settings';

/** Calls `changed` with each new answer of `query` (a Dexie live query) until the returned function is called. */
function watch<T>(query: () => Promise<T>, changed: (value: T) => void): () => void {
  const subscription = liveQuery(query).subscribe({ next: changed, error: () => undefined });
  return () => subscription.unsubscribe();
}

/** Whether a keyring is stored, live: a passphrase set in another tab turns set-up into unlock. */
export function watchKeyring(db: PolkuDatabase, changed: (stored: boolean) => void): () => void {
  return watch(
    async () => (await readKeyring(db)) !== undefined,
    (stored) => {
      // The next start's first screen (storage/key-probe.ts); a flag left from erased data is corrected here.
      rememberKeyring(db.name, stored);
      changed(stored);
    },
  );
}

/** Whether anything was stored before encryption (an update from database version 3): set-up seals it. */
export function watchStoredData(db: PolkuDatabase, changed: (stored: boolean) => void): () => void {
  return watch(async () => (await db.cases.count()) + (await db.administrations.count()) > 0, changed);
}

export type KeyOutcome = 'opened' | 'refused';

/**
 * Opens the page's key with `open`; `refused` when `refusal` recognises the error (the screen
 * explains it), any other error is thrown. Once the page holds the key, the lock flag (set by a
 * lock here or in another tab) is cleared.
 */
async function openKey(db: PolkuDatabase, open: () => Promise<void>, refusal: (error: unknown) => boolean): Promise<KeyOutcome> {
  try {
    await open();
  } catch (error) {
    if (refusal(error)) return 'refused';
    throw error;
  }
  await writeSetting(db, 'locked', false);
  rememberKeyring(db.name, true);
  return 'opened';
}

/** First run: sets the passphrase. Refused when another tab set one first (the screen then turns into the unlock screen). */
export function setUp(db: PolkuDatabase, passphrase: string, onProgress: (sealed: number) => void): Promise<KeyOutcome> {
  return openKey(
    db,
    () => setUpEncryption(db, passphrase, { onProgress }),
    (error) => error instanceof StorageError && error.failure === 'conflict',
  );
}

/** Unlocks with the passphrase; refused when it is wrong. */
export function unlock(db: PolkuDatabase, passphrase: string, onProgress: (sealed: number) => void): Promise<KeyOutcome> {
  return openKey(
    db,
    () => unlockDatabase(db, passphrase, { onProgress }),
    (error) => error instanceof EncryptionError && error.failure === 'wrong-passphrase',
  );
}

/** A forgotten passphrase: erases the device's database (a backup can then be restored). */
export async function erase(db: PolkuDatabase): Promise<void> {
  db.close();
  await db.delete();
  rememberKeyring(db.name, false);
}
