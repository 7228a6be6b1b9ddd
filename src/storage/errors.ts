/**
 * Storage failures the user can act on. A full disk arrives as QuotaExceededError, sometimes
 * wrapped in an AbortError of the transaction (Dexie `inner`); both become `quota`. `stale`: the
 * record changed (another tab saved it) since the form was loaded (src/storage/revision.ts).
 */
export type StorageFailure = 'quota' | 'not-found' | 'conflict' | 'stale' | 'not-draft' | 'unavailable' | 'unknown';

export class StorageError extends Error {
  constructor(
    readonly failure: StorageFailure,
    readonly detail = '',
  ) {
    super(`${failure}${detail ? `: ${detail}` : ''}`);
    this.name = 'StorageError';
  }
}

function names(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const e = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof e.name === 'string') found.push(e.name);
    current = e.inner ?? e.cause;
  }
  return found;
}

export function isQuotaError(error: unknown): boolean {
  return names(error).some((n) => n === 'QuotaExceededError' || n === 'QuotaExceeded');
}

export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaError(error)) return new StorageError('quota');
  const list = names(error);
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
