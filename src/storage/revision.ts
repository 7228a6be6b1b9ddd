/**
 * Optimistic concurrency (docs/architecture.md, "Revisions"). Every mutable record carries an
 * integer `rev` (absent means 0). A form remembers the rev it was loaded with; the save checks it
 * inside the write transaction and stores rev + 1, so a save made from an older copy — another tab
 * saved in between — is refused with StorageError('stale') instead of overwriting that save.
 * Shaped for a later CouchDB sync, where each document travels with its own revision.
 */
import { StorageError } from './errors';

export interface Revisioned {
  rev?: number;
}

/** The record's revision; a record written before revisions existed is 0. */
export function revOf(record: Revisioned | null | undefined): number {
  return record?.rev ?? 0;
}

/** Throws StorageError('stale') when the stored record is not the revision the change was made from. */
export function checkRev(stored: Revisioned | null | undefined, expected: number, what: string): void {
  if (revOf(stored) !== expected) throw new StorageError('stale', what);
}

/** The revision a successful write stores. */
export function nextRev(stored: Revisioned | null | undefined): number {
  return revOf(stored) + 1;
}
