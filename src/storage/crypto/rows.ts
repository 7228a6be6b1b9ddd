/**
 * The shape of encrypted rows, without any cryptography: which fields a table keeps clear
 * (its policy) and how a sealed row is recognised. Light on purpose: the middleware and the
 * migration load with the first screen; the ciphers (envelope.ts) load at unlock.
 */
export const ENVELOPE_VERSION = 1;

/** A personal value indexed by its HMAC: `as` is the stored (indexed) field that holds it. */
export interface BlindIndex {
  field: string;
  as: string;
}

export interface TablePolicy {
  /** The primary key field (stays clear: ids are random and say nothing about the child). */
  key: string;
  /** Fields the indexes or optimistic concurrency need, none of them personal; the primary key among them. */
  clearFields: readonly string[];
  blindIndexes?: readonly BlindIndex[];
  /** Primary keys of rows kept wholly in the clear: device state the lock screen reads while locked. */
  plainKeys?: readonly string[];
}

/** What a stored row carries instead of its secret fields. Bytes, not text: IndexedDB stores them as they are. */
export interface Envelope {
  v: typeof ENVELOPE_VERSION;
  iv: Uint8Array;
  ct: Uint8Array;
}

type Row = Record<string, unknown>;

/** Policy mistakes that would store plaintext or lose a field; checked by a test for every table. */
export function policyProblems(policy: TablePolicy): string[] {
  const problems: string[] = [];
  if (!policy.clearFields.includes(policy.key)) problems.push(`key ${policy.key} is not clear`);
  if (policy.clearFields.includes('enc')) problems.push('enc is reserved');
  for (const blind of policy.blindIndexes ?? []) {
    if (policy.clearFields.includes(blind.field)) problems.push(`${blind.field} is both clear and blind`);
    if (policy.clearFields.includes(blind.as) || blind.as === 'enc') problems.push(`${blind.as} clashes`);
  }
  return problems;
}

export function isSealed(row: unknown): row is Row & { enc: Envelope } {
  const enc = (row as { enc?: Partial<Envelope> } | null)?.enc;
  return typeof enc === 'object' && enc !== null && enc.v === ENVELOPE_VERSION && isBytes(enc.iv) && isBytes(enc.ct);
}

/** Rows the policy keeps in the clear (`plainKeys`). */
export function isPlainRow(policy: TablePolicy, row: Row): boolean {
  return !!policy.plainKeys && policy.plainKeys.includes(row[policy.key] as string);
}

// As @noble's isBytes: a Uint8Array, also one made in another realm (a worker, fake-indexeddb's structured clone).
function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || (ArrayBuffer.isView(value) && value.constructor.name === 'Uint8Array');
}
