/**
 * Storage failures the user can act on. A full disk arrives as QuotaExceededError, sometimes
 * wrapped in an AbortError of the transaction (Dexie `inner`); both become `quota`. `stale`: the
 * record changed (another tab saved it) since the form was loaded (src/storage/revision.ts).
 * `locked`: the page holds no key (locked, here or in another tab): encrypted records can be
 * neither read nor written (crypto/middleware.ts).
 */
export type StorageFailure = 'quota' | 'not-found' | 'conflict' | 'stale' | 'not-draft' | 'unavailable' | 'locked' | 'unknown';

export class StorageError extends Error {
  constructor(
    readonly failure: StorageFailure,
    readonly detail = '',
  ) {
    super(`${failure}${detail ? `: ${detail}` : ''}`);
    this.name = 'StorageError';
  }
}

/** The error and what it wraps (Dexie's `inner`, `cause`), at most five deep. */
function chain(error: unknown): unknown[] {
  const found: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    found.push(current);
    const e = current as { inner?: unknown; cause?: unknown };
    current = e.inner ?? e.cause;
  }
  return found;
}

function names(error: unknown): string[] {
  return chain(error)
    .map((e) => (e as { name?: unknown }).name)
    .filter((name): name is string => typeof name === 'string');
}

export function isQuotaError(error: unknown): boolean {
  return names(error).some((n) => n === 'QuotaExceededError' || n === 'QuotaExceeded');
}

export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaError(error)) return new StorageError('quota');
  const list = names(error);
  // EncryptionError('locked'), also when Dexie wraps it (an aborted transaction's inner error).
  if (list.includes('EncryptionError') && chain(error).some((e) => (e as { failure?: unknown }).failure === 'locked')) return new StorageError('locked');
  if (list.includes('ConstraintError')) return new StorageError('conflict', list.join(' / '));
  if (list.some((n) => n === 'InvalidStateError' || n === 'DatabaseClosedError' || n === 'OpenFailedError' || n === 'MissingAPIError')) {
    return new StorageError('unavailable', list.join(' / '));
  }
  return new StorageError('unknown', error instanceof Error ? error.message : String(error));
}

/** Runs a storage operation, turning any failure into a StorageError. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageError(error);
  }
}
