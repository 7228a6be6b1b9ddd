/**
 * One record, encrypted. A table's policy names the few fields its indexes need (ids, timestamps,
 * status, rev): those stay in the clear, everything else goes into `enc` as AES-256-GCM of its JSON.
 * The additional data binds the ciphertext to the table and to the clear fields (primary key
 * included): a ciphertext moved to another record, or a clear caseId changed under it, fails to open.
 *
 * A unique index on a personal value (a case code, a study ID) indexes a blind value instead: an
 * HMAC of the value under a key of its own, equal for equal values and meaningless without the key.
 *
 * Synchronous on purpose (@noble, gcm.ts): this runs inside Dexie transactions (keys.ts says why).
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from '../../instrument/hash';
import { EncryptionError, fromBase64Url, randomBytes, toBase64Url, type SubKeys } from './keys';
import { ENVELOPE_VERSION, isSealed, type Envelope, type TablePolicy } from './rows';
import { AesGcm } from './gcm';

export { ENVELOPE_VERSION, isPlainRow, isSealed, policyProblems, type BlindIndex, type Envelope, type TablePolicy } from './rows';

const IV_BYTES = 12;
/** 128 bits of HMAC: no collision in any database this app will hold, and a shorter index key. */
const BLIND_BYTES = 16;

type Row = Record<string, unknown>;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The record key's cipher, made once per unlocked session: its key schedule and GHASH tables would
 * otherwise be computed again for every record (gcm.ts). `forgetKeys` wipes it when the session locks.
 */
const ciphers = new WeakMap<SubKeys, AesGcm>();

function recordCipher(keys: SubKeys): AesGcm {
  let cipher = ciphers.get(keys);
  if (!cipher) {
    cipher = new AesGcm(keys.record);
    ciphers.set(keys, cipher);
  }
  return cipher;
}

/** Wipes what was derived from the sub-keys (the record cipher's expanded key and tables): the session locks. */
export function forgetKeys(keys: SubKeys): void {
  ciphers.get(keys)?.wipe();
  ciphers.delete(keys);
}

/** The sub-keys of a data key: one per purpose (HKDF-SHA-256 with a label each). */
export function deriveSubKeys(dataKey: Uint8Array): SubKeys {
  if (dataKey.length !== 32) throw new TypeError('the data key has 32 bytes');
  const label = (name: string) => utf8.encode(`polku/${name}/v1`);
  return { record: hkdf(sha256, dataKey, undefined, label('records'), 32), blind: hkdf(sha256, dataKey, undefined, label('blind-index'), 32) };
}

/** The blind value of `value` for the index `as` of `table`: base64url of an HMAC-SHA-256. */
export function blindIndex(keys: SubKeys, table: string, as: string, value: unknown): string {
  // JSON keeps the string "1" and the number 1 apart; the label keeps equal values of two indexes apart.
  const message = utf8.encode(`polku/blind/v1\0${table}.${as}\0${JSON.stringify(value)}`);
  return toBase64Url(hmac(sha256, keys.blind, message).subarray(0, BLIND_BYTES));
}

/**
 * JSON of the sealed fields, refusing what JSON would silently change (NaN becomes null, a Date a
 * string, bytes an object, a function nothing): a record must open exactly as it was written.
 */
function jsonOf(table: string, secret: Row): string {
  return JSON.stringify(secret, function (this: unknown, key: string, value: unknown) {
    const original = (this as Record<string, unknown>)[key];
    const kind = typeof original;
    const changed =
      (kind === 'number' && !Number.isFinite(original)) ||
      kind === 'function' ||
      kind === 'symbol' ||
      (original === undefined && Array.isArray(this)) ||
      (typeof original === 'object' &&
        original !== null &&
        !Array.isArray(original) &&
        Object.getPrototypeOf(original) !== Object.prototype &&
        Object.getPrototypeOf(original) !== null);
    if (changed) throw new TypeError(`${table}: ${key} is not plain JSON`);
    return value;
  });
}

function additionalData(table: string, clear: Row): Uint8Array {
  return utf8.encode(`polku/record/v1\0${table}\0${canonicalJson(clear)}`);
}

function keyOf(policy: TablePolicy, row: Row): string {
  return JSON.stringify(row[policy.key] ?? null);
}

/** The stored row of `record`: its clear fields, its blind index values and `enc`. */
export function sealRecord(keys: SubKeys, table: string, policy: TablePolicy, record: Row, iv: Uint8Array = randomBytes(IV_BYTES)): Row & { enc: Envelope } {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new TypeError(`${table}: a record is an object`);
  if (record[policy.key] === undefined) throw new TypeError(`${table}: the record has no ${policy.key}`);
  if ('enc' in record) throw new TypeError(`${table}: a record has no field enc (already sealed?)`);
  const clear: Row = {};
  const secret: Row = {};
  for (const [field, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (policy.clearFields.includes(field)) clear[field] = value;
    else secret[field] = value;
  }
  for (const blind of policy.blindIndexes ?? []) {
    if (blind.as in record) throw new TypeError(`${table}: ${blind.as} is computed, not stored by the caller`);
    const value = record[blind.field];
    if (value !== undefined) clear[blind.as] = blindIndex(keys, table, blind.as, value);
  }
  const ct = recordCipher(keys).encrypt(iv, additionalData(table, clear), utf8.encode(jsonOf(table, secret)));
  return { ...clear, enc: { v: ENVELOPE_VERSION, iv, ct } };
}

/** The record a stored row holds; a changed ciphertext, clear field or key fails as `tampered`. */
export function openRecord(keys: SubKeys, table: string, policy: TablePolicy, row: Row): Row {
  if (!isSealed(row)) throw new EncryptionError('plaintext', `${table} ${keyOf(policy, row)}`);
  const { enc, ...clear } = row;
  let secret: Row;
  try {
    secret = JSON.parse(fromUtf8.decode(recordCipher(keys).decrypt(enc.iv, additionalData(table, clear), enc.ct))) as Row;
  } catch {
    throw new EncryptionError('tampered', `${table} ${keyOf(policy, row)}`);
  }
  const record: Row = { ...clear };
  for (const blind of policy.blindIndexes ?? []) delete record[blind.as];
  return Object.assign(record, secret);
}

// ---------------------------------------------------------------------------------------------
// Replication (a possible future): one record as one CouchDB document that shows the server only
// its id and revision. The whole record, clear fields too, is inside `enc`, bound to id and rev.

export interface ReplicaDocument {
  /** `${table}/${primary key}` */
  _id: string;
  /** CouchDB's own revision, when the document came from or goes back to a server. */
  _rev?: string;
  /** The record's revision (optimistic concurrency), clear so a server can order versions. */
  rev: number;
  enc: { v: typeof ENVELOPE_VERSION; iv: string; ct: string };
}

function replicaData(id: string, rev: number): Uint8Array {
  return utf8.encode(`polku/replica/v1\0${id}\0${rev}`);
}

export function toReplicaDocument(keys: SubKeys, table: string, policy: TablePolicy, record: Row, couchRev?: string, iv: Uint8Array = randomBytes(IV_BYTES)): ReplicaDocument {
  const key = record[policy.key];
  if (typeof key !== 'string' && typeof key !== 'number') throw new TypeError(`${table}: the record has no ${policy.key}`);
  const id = `${table}/${key}`;
  const rev = typeof record.rev === 'number' ? record.rev : 0;
  const ct = recordCipher(keys).encrypt(iv, replicaData(id, rev), utf8.encode(jsonOf(table, record)));
  return { _id: id, ...(couchRev ? { _rev: couchRev } : {}), rev, enc: { v: ENVELOPE_VERSION, iv: toBase64Url(iv), ct: toBase64Url(ct) } };
}

export function fromReplicaDocument(keys: SubKeys, policies: Readonly<Record<string, TablePolicy>>, doc: ReplicaDocument): { table: string; record: Row } {
  const slash = doc._id.indexOf('/');
  const table = doc._id.slice(0, slash);
  const policy = policies[table];
  if (slash < 1 || !policy || doc.enc?.v !== ENVELOPE_VERSION) throw new EncryptionError('tampered', doc._id);
  let record: Row;
  try {
    record = JSON.parse(fromUtf8.decode(recordCipher(keys).decrypt(fromBase64Url(doc.enc.iv), replicaData(doc._id, doc.rev), fromBase64Url(doc.enc.ct)))) as Row;
  } catch {
    throw new EncryptionError('tampered', doc._id);
  }
  // The id names the record inside: a document renamed on the server does not open as another record.
  if (`${table}/${String(record[policy.key])}` !== doc._id) throw new EncryptionError('tampered', doc._id);
  return { table, record };
}

// ---------------------------------------------------------------------------------------------
// Text kept outside IndexedDB (form drafts, unsaved answers): "v1." + base64url(iv ‖ ciphertext),
// bound to its purpose (a draft's storage key), so one draft cannot be passed off as another.

function textData(purpose: string): Uint8Array {
  return utf8.encode(`polku/text/v1\0${purpose}`);
}

export function sealText(keys: SubKeys, purpose: string, text: string, iv: Uint8Array = randomBytes(IV_BYTES)): string {
  const ct = recordCipher(keys).encrypt(iv, textData(purpose), utf8.encode(text));
  const joined = new Uint8Array(IV_BYTES + ct.length);
  joined.set(iv);
  joined.set(ct, IV_BYTES);
  return `v1.${toBase64Url(joined)}`;
}

export function openText(keys: SubKeys, purpose: string, sealed: string): string {
  try {
    if (!sealed.startsWith('v1.')) throw new TypeError('not sealed');
    const joined = fromBase64Url(sealed.slice(3));
    return fromUtf8.decode(recordCipher(keys).decrypt(joined.subarray(0, IV_BYTES), textData(purpose), joined.subarray(IV_BYTES)));
  } catch {
    throw new EncryptionError('tampered', purpose);
  }
}
