/**
 * The backup file: its format and its encryption. No database here (backup.ts reads and writes it).
 *
 * The file is JSON with a header anyone can read (format, version, when, which database version,
 * how it is encrypted) and the payload: every table of the database, settings without the
 * device-state keys. By default the payload is encrypted: AES-GCM 256 with a key from
 * PBKDF2-SHA-256 (600,000 iterations, random 16-byte salt, random 12-byte IV); the header is bound
 * to the ciphertext as additional data, so changing any of it is detected like a wrong passphrase.
 * An unencrypted file is an explicit choice, and carries a checksum.
 */
import { z } from 'zod';
import { contentHash } from '../instrument/hash';
import { PIN_ATTEMPTS_SETTING } from './pin-attempts';
import { DATABASE_VERSION, type TableRows } from './tables';

export const BACKUP_FORMAT = 'polku-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_EXTENSION = '.polku';
/** PBKDF2-SHA-256 iterations for a new backup (OWASP 2023 recommendation). */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 8;
/** Settings that describe this device's state, not the practitioner's data: never backed up or restored. */
export const DEVICE_STATE_SETTINGS: readonly string[] = ['handover', 'locked', PIN_ATTEMPTS_SETTING];
/** The most a file may ask for (a file is read before anything is known about it). */
const MAX_ITERATIONS = 10_000_000;

export interface Encryption {
  algorithm: 'AES-GCM';
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  iv: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  app: 'polku';
  databaseVersion: number;
  encryption: Encryption | null;
  /**
   * Unencrypted files only: SHA-256 over the header and the payload, so a changed answer or a cut
   * file is refused. It protects against accidents, not against someone who edits the file on
   * purpose (they can compute it again): an unencrypted file is not protected.
   */
  checksum?: string;
}

export interface BackupFile extends BackupHeader {
  /** base64 ciphertext of the tables' JSON, or the tables themselves in an unencrypted file. */
  payload: string | TableRows;
}

// ---------------------------------------------------------------------------------------------
// Bytes

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** The header, bound to the ciphertext: a changed header fails decryption like a wrong passphrase. */
function additionalData(header: BackupHeader & { encryption: Encryption }): Uint8Array {
  const { format, version, createdAt, app, databaseVersion, encryption: e } = header;
  return new TextEncoder().encode(JSON.stringify([format, version, createdAt, app, databaseVersion, e.algorithm, e.kdf, e.iterations, e.salt, e.iv]));
}

/** The checksum of an unencrypted file: its header fields and payload in canonical JSON. */
export function plainChecksum(header: Pick<BackupHeader, 'format' | 'version' | 'createdAt' | 'app' | 'databaseVersion'>, payload: unknown): Promise<string> {
  const { format, version, createdAt, app, databaseVersion } = header;
  return contentHash([format, version, createdAt, app, databaseVersion, payload]);
}

// ---------------------------------------------------------------------------------------------
// Writing a file

/** YYYY-MM-DD in local time. */
export function backupFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `polku-backup-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}${BACKUP_EXTENSION}`;
}

export interface FileOptions {
  /** null: an unencrypted file (an explicit choice; it holds children's mental-health data). */
  passphrase: string | null;
  /** Tests pass fewer; a real backup uses PBKDF2_ITERATIONS. */
  iterations?: number;
  createdAt: string;
  /** The database version the tables were read at. */
  databaseVersion: number;
}

/** The file's text for these tables. */
export async function writeBackupFile(tables: TableRows, options: FileOptions): Promise<string> {
  const base = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: options.createdAt, app: 'polku', databaseVersion: options.databaseVersion } as const;
  let file: BackupFile;
  if (options.passphrase === null) {
    file = { ...base, encryption: null, checksum: await plainChecksum(base, tables), payload: tables };
  } else {
    if (options.passphrase.length < MIN_PASSPHRASE_LENGTH) throw new RangeError(`passphrase shorter than ${MIN_PASSPHRASE_LENGTH}`);
    const iterations = options.iterations ?? PBKDF2_ITERATIONS;
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const encryption: Encryption = { algorithm: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), iv: toBase64(iv) };
    const header = { ...base, encryption };
    const key = await deriveKey(options.passphrase, salt, iterations);
    const plain = new TextEncoder().encode(JSON.stringify(tables));
    const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData(header) as BufferSource }, key, plain);
    file = { ...header, payload: toBase64(new Uint8Array(cipher)) };
  }
  return JSON.stringify(file);
}

// ---------------------------------------------------------------------------------------------
// Opening a file

export type FileFailure =
  /** Not JSON, or JSON that is not a Polku backup. */
  | { ok: false; reason: 'not-backup' }
  /** The start of a Polku backup, cut off. */
  | { ok: false; reason: 'incomplete' }
  /** Made by a newer Polku (file format or database version unknown here). */
  | { ok: false; reason: 'newer-version'; version: number; databaseVersion: number }
  /** A Polku backup whose header or payload has the wrong shape. */
  | { ok: false; reason: 'damaged' }
  /** Encrypted, and no passphrase was given. */
  | { ok: false; reason: 'passphrase-required' }
  /** Decryption failed: a wrong passphrase, or the file was changed (AES-GCM cannot tell which). */
  | { ok: false; reason: 'wrong-passphrase' }
  /** An unencrypted file whose checksum does not match: changed or damaged after it was made. */
  | { ok: false; reason: 'checksum-mismatch' };

const isoDate = z.iso.datetime({ offset: true });

const headerSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: isoDate,
  app: z.literal('polku'),
  databaseVersion: z.number().int().min(1),
  encryption: z
    .strictObject({
      algorithm: z.literal('AES-GCM'),
      kdf: z.literal('PBKDF2-SHA-256'),
      iterations: z.number().int().min(1).max(MAX_ITERATIONS),
      salt: z.string().min(1),
      iv: z.string().min(1),
    })
    .nullable(),
  checksum: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional(),
  payload: z.union([z.string(), z.record(z.string(), z.unknown())]),
});

export type InspectResult =
  { ok: true; header: BackupHeader; file: z.output<typeof headerSchema> } | Exclude<FileFailure, { reason: 'passphrase-required' | 'wrong-passphrase' | 'checksum-mismatch' }>;

/** The header only: what the file is, before asking for a passphrase. */
export function inspectBackup(input: string): InspectResult {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    // A file cut off in the middle still starts like a backup.
    const start = input.trimStart().slice(0, 200);
    return start.startsWith('{') && start.includes(`"${BACKUP_FORMAT}"`) ? { ok: false, reason: 'incomplete' } : { ok: false, reason: 'not-backup' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || (value as { format?: unknown }).format !== BACKUP_FORMAT) return { ok: false, reason: 'not-backup' };
  const { version, databaseVersion } = value as { version?: unknown; databaseVersion?: unknown };
  const newerFormat = typeof version === 'number' && version > BACKUP_VERSION;
  const newerDatabase = typeof databaseVersion === 'number' && databaseVersion > DATABASE_VERSION;
  if (newerFormat || newerDatabase) {
    return {
      ok: false,
      reason: 'newer-version',
      version: typeof version === 'number' ? version : BACKUP_VERSION,
      databaseVersion: typeof databaseVersion === 'number' ? databaseVersion : DATABASE_VERSION,
    };
  }
  const parsed = headerSchema.safeParse(value);
  // An unencrypted file always carries its checksum; an encrypted one is checked by AES-GCM instead.
  if (!parsed.success || (parsed.data.encryption === null) !== (parsed.data.checksum !== undefined)) return { ok: false, reason: 'damaged' };
  const { payload: _payload, ...header } = parsed.data;
  return { ok: true, header: header as BackupHeader, file: parsed.data };
}

/** The header and the payload, decrypted or checked against its checksum; the records are not looked at. */
export async function openBackup(input: string, passphrase: string | null): Promise<{ ok: true; header: BackupHeader; payload: Record<string, unknown> } | FileFailure> {
  const inspected = inspectBackup(input);
  if (!inspected.ok) return inspected;
  const { header, file } = inspected;
  let payload: unknown;
  if (header.encryption === null) {
    if (typeof file.payload === 'string') return { ok: false, reason: 'damaged' };
    if ((await plainChecksum(header, file.payload)) !== file.checksum) return { ok: false, reason: 'checksum-mismatch' };
    payload = file.payload;
  } else {
    if (typeof file.payload !== 'string') return { ok: false, reason: 'damaged' };
    if (!passphrase) return { ok: false, reason: 'passphrase-required' };
    const salt = fromBase64(header.encryption.salt);
    const iv = fromBase64(header.encryption.iv);
    const cipher = fromBase64(file.payload);
    if (!salt || !iv || !cipher || iv.length !== 12 || salt.length < 8) return { ok: false, reason: 'damaged' };
    let plain: ArrayBuffer;
    try {
      const key = await deriveKey(passphrase, salt, header.encryption.iterations);
      plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData({ ...header, encryption: header.encryption }) as BufferSource },
        key,
        cipher as BufferSource,
      );
    } catch {
      return { ok: false, reason: 'wrong-passphrase' };
    }
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
    } catch {
      return { ok: false, reason: 'damaged' };
    }
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return { ok: false, reason: 'damaged' };
  return { ok: true, header, payload: payload as Record<string, unknown> };
}
