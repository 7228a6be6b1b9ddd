/**
 * The keys of encryption at rest (issue 17). One random 256-bit data key encrypts the database; it
 * is stored only wrapped (AES-GCM) by a key derived from the practitioner's passphrase (PBKDF2-SHA-256,
 * 600,000 iterations). Changing the passphrase re-wraps the same data key: no record is re-encrypted.
 *
 * Derivation and (un)wrapping use WebCrypto (async): they run at unlock and set-up, never inside a
 * Dexie transaction. What runs inside transactions (records, blind indexes) uses the sub-keys below
 * with synchronous code (@noble), because awaiting WebCrypto there would let IndexedDB commit early.
 * That code is the cipher suite (suite.ts): this file does not import it, so the lock screen and the
 * first screen load without it; it is loaded at unlock and handed to the session.
 */
import type { Envelope, TablePolicy } from './rows';

export type EncryptionFailure = 'locked' | 'wrong-passphrase' | 'bad-keyring' | 'tampered' | 'plaintext';

/** A failure of encryption at rest; `failure` says which, the message never holds a secret. */
export class EncryptionError extends Error {
  constructor(
    readonly failure: EncryptionFailure,
    readonly detail = '',
  ) {
    super(`${failure}${detail ? `: ${detail}` : ''}`);
    this.name = 'EncryptionError';
  }
}

export const PBKDF2_ITERATIONS = 600_000;
export const KEYRING_VERSION = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const KEYRING_AAD = new TextEncoder().encode('polku/keyring/v1');

// base64url without padding: keyring fields, blind index values and replica documents are text.
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export function generateDataKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

/** The stored, wrapped data key: everything needed to unwrap it with the passphrase, and no secret. */
export interface KeyringRecord {
  version: typeof KEYRING_VERSION;
  kdf: 'PBKDF2-SHA-256';
  /** base64url, 16 random bytes. */
  salt: string;
  iterations: number;
  /** base64url, 12 random bytes: the AES-GCM nonce of the wrap. */
  iv: string;
  /** base64url: AES-GCM of the 32-byte data key (with its 16-byte tag). */
  wrappedKey: string;
  createdAt: string;
  /** When the passphrase was last changed. */
  changedAt?: string;
}

export function isKeyringRecord(value: unknown): value is KeyringRecord {
  const v = value as Partial<KeyringRecord> | null;
  const b64 = (s: unknown) => typeof s === 'string' && /^[A-Za-z0-9_-]+$/.test(s);
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === KEYRING_VERSION &&
    v.kdf === 'PBKDF2-SHA-256' &&
    b64(v.salt) &&
    b64(v.iv) &&
    b64(v.wrappedKey) &&
    Number.isInteger(v.iterations) &&
    (v.iterations as number) >= 1 &&
    typeof v.createdAt === 'string'
  );
}

async function passphraseKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  // Not extractable: the wrapping key never exists as bytes in JavaScript.
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** Wraps `dataKey` under `passphrase` with a fresh salt and nonce. */
export async function wrapDataKey(dataKey: Uint8Array, passphrase: string, options: { iterations?: number; now?: string; createdAt?: string } = {}): Promise<KeyringRecord> {
  if (dataKey.length !== KEY_BYTES) throw new TypeError('the data key has 32 bytes');
  if (!passphrase) throw new TypeError('a passphrase is needed');
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const kek = await passphraseKey(passphrase, salt, iterations);
  const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: KEYRING_AAD }, kek, dataKey as BufferSource));
  const stamp = options.now ?? new Date().toISOString();
  const record: KeyringRecord = {
    version: KEYRING_VERSION,
    kdf: 'PBKDF2-SHA-256',
    salt: toBase64Url(salt),
    iterations,
    iv: toBase64Url(iv),
    wrappedKey: toBase64Url(wrapped),
    createdAt: options.createdAt ?? stamp,
  };
  if (options.createdAt) record.changedAt = stamp;
  return record;
}

/** The data key; a wrong passphrase (or an altered keyring) fails as `wrong-passphrase`. */
export async function unwrapDataKey(keyring: KeyringRecord, passphrase: string): Promise<Uint8Array> {
  if (!isKeyringRecord(keyring)) throw new EncryptionError('bad-keyring');
  const kek = await passphraseKey(passphrase, fromBase64Url(keyring.salt), keyring.iterations);
  try {
    const iv = fromBase64Url(keyring.iv);
    const key = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: KEYRING_AAD }, kek, fromBase64Url(keyring.wrappedKey) as BufferSource),
    );
    if (key.length !== KEY_BYTES) throw new EncryptionError('bad-keyring', 'key length');
    return key;
  } catch (error) {
    if (error instanceof EncryptionError) throw error;
    // AES-GCM cannot tell a wrong passphrase from an altered keyring: both fail the tag.
    throw new EncryptionError('wrong-passphrase');
  }
}

/** A passphrase change: the same data key under the new passphrase (the old one must be right). */
export async function rewrapDataKey(
  keyring: KeyringRecord,
  oldPassphrase: string,
  newPassphrase: string,
  options: { iterations?: number; now?: string } = {},
): Promise<KeyringRecord> {
  const dataKey = await unwrapDataKey(keyring, oldPassphrase);
  try {
    return await wrapDataKey(dataKey, newPassphrase, {
      iterations: options.iterations ?? Math.max(keyring.iterations, PBKDF2_ITERATIONS),
      createdAt: keyring.createdAt,
      ...(options.now ? { now: options.now } : {}),
    });
  } finally {
    dataKey.fill(0);
  }
}

/** What the data key is used as: one key per purpose, so a blind index never reveals a record key. */
export interface SubKeys {
  /** AES-256-GCM key of record envelopes. */
  record: Uint8Array;
  /** HMAC-SHA-256 key of blind indexes. */
  blind: Uint8Array;
}

/** The synchronous cryptography of records (suite.ts, @noble): loaded with the unlock, not before the first screen. */
export interface CipherSuite {
  deriveSubKeys(dataKey: Uint8Array): SubKeys;
  sealRecord(keys: SubKeys, table: string, policy: TablePolicy, record: Record<string, unknown>): Record<string, unknown> & { enc: Envelope };
  openRecord(keys: SubKeys, table: string, policy: TablePolicy, row: Record<string, unknown>): Record<string, unknown>;
  blindIndex(keys: SubKeys, table: string, as: string, value: unknown): string;
  /** Text kept outside the database (drafts in sessionStorage, unsaved answers in localStorage), sealed for one purpose. */
  sealText(keys: SubKeys, purpose: string, text: string): string;
  /** The text, or `tampered` (another key, another purpose, changed bytes). */
  openText(keys: SubKeys, purpose: string, sealed: string): string;
  /** Wipes what the suite derived from the sub-keys and kept (an expanded key, tables): the session locks. */
  forgetKeys(keys: SubKeys): void;
}

/**
 * The unlocked keys, in memory only. Locking (by hand or idle) calls `drop()`: the sub-keys are
 * overwritten and every later read or write of an encrypted table fails as `locked`.
 */
export class KeySession {
  private current: { keys: SubKeys; suite: CipherSuite } | undefined;
  private readonly listeners = new Set<(unlocked: boolean) => void>();

  get unlocked(): boolean {
    return this.current !== undefined;
  }

  /** Takes the data key's sub-keys; the caller wipes its copy of the data key. */
  open(dataKey: Uint8Array, suite: CipherSuite): void {
    this.drop();
    this.current = { keys: suite.deriveSubKeys(dataKey), suite };
    for (const listener of this.listeners) listener(true);
  }

  drop(): void {
    if (!this.current) return;
    this.current.suite.forgetKeys(this.current.keys);
    this.current.keys.record.fill(0);
    this.current.keys.blind.fill(0);
    this.current = undefined;
    for (const listener of this.listeners) listener(false);
  }

  /** The sub-keys, or `locked`. */
  keys(): SubKeys {
    return this.cipher().keys;
  }

  /** The sub-keys with the suite that uses them, or `locked`. */
  cipher(): { keys: SubKeys; suite: CipherSuite } {
    if (!this.current) throw new EncryptionError('locked');
    return this.current;
  }

  /** `text` sealed for `purpose` (a storage key outside IndexedDB); `locked` without a key. */
  sealText(purpose: string, text: string): string {
    const { keys, suite } = this.cipher();
    return suite.sealText(keys, purpose, text);
  }

  /** The text sealed for `purpose`; `locked` without a key, `tampered` if it does not open. */
  openText(purpose: string, sealed: string): string {
    const { keys, suite } = this.cipher();
    return suite.openText(keys, purpose, sealed);
  }

  onChange(listener: (unlocked: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Unlock: unwraps the data key with the passphrase and opens the session (nothing else keeps the key). */
export async function unlockSession(session: KeySession, keyring: KeyringRecord, passphrase: string, suite: CipherSuite): Promise<void> {
  const dataKey = await unwrapDataKey(keyring, passphrase);
  try {
    session.open(dataKey, suite);
  } finally {
    dataKey.fill(0);
  }
}

/** First run: a new data key wrapped under the passphrase, and the session opened with it. */
export async function createKeyring(session: KeySession, passphrase: string, suite: CipherSuite, options: { iterations?: number; now?: string } = {}): Promise<KeyringRecord> {
  const dataKey = generateDataKey();
  try {
    const keyring = await wrapDataKey(dataKey, passphrase, options);
    session.open(dataKey, suite);
    return keyring;
  } finally {
    dataKey.fill(0);
  }
}
