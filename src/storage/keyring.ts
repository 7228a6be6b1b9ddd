/**
 * Encryption at rest as the app uses it (issue 17): the keyring row, setting the passphrase on
 * first run, unlocking, changing the passphrase, and sealing the rows an older version stored in
 * the clear. The keyring table has no policy: it is read while locked and never backed up.
 *
 * Order matters for a crash at any point:
 *   first run  wrap a new data key → add the keyring (refused if another tab was first) → seal every
 *              plaintext row in batches → mark `encryptedAt` → open the page's session;
 *   unlock     unwrap → if `encryptedAt` is missing, seal what is left → open the page's session.
 * The page's session opens last: the screens (LockGate) appear only when every row can be read.
 * A tab closed half-way through sealing leaves the keyring and some sealed rows: the next unlock
 * carries on (crypto/migrate.ts never seals a row twice).
 */
import type { CipherSuite, KeyringRecord } from './crypto/keys';
import { EncryptionError, generateDataKey, KeySession, rewrapDataKey, unwrapDataKey, wrapDataKey } from './crypto/keys';
import { encryptPlaintextRows, type MigrationOptions } from './crypto/migrate';
import { TABLE_POLICIES } from './crypto/policies';
import type { KeyringRow, PolkuDatabase } from './db';
import { guarded, StorageError } from './errors';
import { MIN_PASSPHRASE_LENGTH } from './passphrase';

// Its own module: the key screen, shown before this one loads, needs it too.
export { MIN_PASSPHRASE_LENGTH };

/** The cipher suite, loaded with the first unlock (its own chunk: not before the first screen). */
export function loadCipherSuite(): Promise<CipherSuite> {
  return import('./crypto/suite').then((m) => m.CIPHER_SUITE);
}

export interface KeyOptions {
  /** PBKDF2 iterations; tests pass fewer. Unlock and change keep what the keyring says (at least 600,000 on a change). */
  iterations?: number;
  /** Batches of the sealing pass (tests make them small and crash between them). */
  migration?: MigrationOptions;
  /** Told how far sealing plaintext rows has come (rows sealed so far), for a progress line. */
  onProgress?: (sealed: number) => void;
}

export function readKeyring(db: PolkuDatabase): Promise<KeyringRow | undefined> {
  return guarded(() => db.keyring.get('device'));
}

/**
 * First run: a new data key under `passphrase`, the session opened, every row stored before in the
 * clear sealed. `conflict` if another tab set a passphrase first (then: unlock with that one).
 */
export async function setUpEncryption(db: PolkuDatabase, passphrase: string, options: KeyOptions = {}): Promise<void> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new TypeError('passphrase too short');
  const suite = await loadCipherSuite();
  const dataKey = generateDataKey();
  try {
    const keyring = await wrapDataKey(dataKey, passphrase, options.iterations ? { iterations: options.iterations } : {});
    await guarded(async () => {
      const added = await db.transaction('rw', db.keyring, async () => {
        if (await db.keyring.get('device')) return false;
        await db.keyring.add({ id: 'device', keyring });
        return true;
      });
      if (!added) throw new StorageError('conflict', 'keyring');
    });
    // Only a stored keyring's key seals anything: no record is ever sealed under a key that was not kept.
    await openWhenSealed(db, dataKey, suite, undefined, options);
  } finally {
    dataKey.fill(0);
  }
}

/** Unlocks with the passphrase (`wrong-passphrase` as an EncryptionError), then finishes sealing if it was cut short. */
export async function unlockDatabase(db: PolkuDatabase, passphrase: string, options: KeyOptions = {}): Promise<void> {
  const row = await readKeyring(db);
  if (!row) throw new EncryptionError('bad-keyring', 'none');
  const suite = await loadCipherSuite();
  const dataKey = await unwrapDataKey(row.keyring, passphrase);
  try {
    await openWhenSealed(db, dataKey, suite, row.encryptedAt, options);
  } finally {
    dataKey.fill(0);
  }
}

/** Finishes sealing (unless `encryptedAt` says it was done) with a session of its own, then opens the page's session. */
async function openWhenSealed(db: PolkuDatabase, dataKey: Uint8Array, suite: CipherSuite, encryptedAt: string | undefined, options: KeyOptions): Promise<void> {
  if (!encryptedAt) {
    const sealing = new KeySession();
    sealing.open(dataKey, suite);
    try {
      await finishEncryption(db, sealing, options);
    } finally {
      sealing.drop();
    }
  }
  db.keySession.open(dataKey, suite);
}

/** Seals every plaintext row (resumable), then marks the database as encrypted so later unlocks skip the scan. */
async function finishEncryption(db: PolkuDatabase, session: KeySession, options: KeyOptions): Promise<void> {
  let sealed = 0;
  const afterBatch = options.migration?.afterBatch;
  await guarded(() =>
    encryptPlaintextRows(
      db,
      db.encryptionHandle(),
      { policies: TABLE_POLICIES, session },
      {
        ...options.migration,
        afterBatch: (table, count) => {
          afterBatch?.(table, count);
          sealed += count;
          if (count > 0) options.onProgress?.(sealed);
        },
      },
    ),
  );
  await guarded(() => db.keyring.update('device', { encryptedAt: new Date().toISOString() }));
}

/**
 * A new passphrase for the same data key: only the keyring changes, no record is touched. Refused
 * as `wrong-passphrase` when the current one is wrong, as `stale` when another tab changed it meanwhile.
 */
export async function changePassphrase(db: PolkuDatabase, current: string, next: string, options: Pick<KeyOptions, 'iterations'> = {}): Promise<void> {
  if (next.length < MIN_PASSPHRASE_LENGTH) throw new TypeError('passphrase too short');
  const row = await readKeyring(db);
  if (!row) throw new EncryptionError('bad-keyring', 'none');
  const rewrapped: KeyringRecord = await rewrapDataKey(row.keyring, current, next, options.iterations ? { iterations: options.iterations } : {});
  await guarded(() =>
    db.transaction('rw', db.keyring, async () => {
      const stored = await db.keyring.get('device');
      if (stored?.keyring.wrappedKey !== row.keyring.wrappedKey) throw new StorageError('stale', 'keyring');
      await db.keyring.put({ ...stored, keyring: rewrapped });
    }),
  );
}
