/**
 * Answers a closing page could not store in IndexedDB, kept in localStorage (synchronous, so it
 * survives the close) under the administration's random id until the app next opens
 * (src/storage/administrations.ts: flushDraft, applyUnsavedAnswers). Absent localStorage (Node)
 * nothing is kept.
 */
const UNSAVED_PREFIX = 'polku:unsaved-answers:';

/** Keeps an entry (plain data); storage full or blocked keeps nothing. */
export function keepUnsavedAnswers(administrationId: string, entry: object): void {
  try {
    globalThis.localStorage?.setItem(UNSAVED_PREFIX + administrationId, JSON.stringify(entry));
  } catch {
    // Storage full or blocked: the caller's other write is the only try.
  }
}

/** The ids of administrations with kept answers. */
export function unsavedAnswerIds(): string[] {
  const storage = globalThis.localStorage;
  if (!storage) return [];
  return Array.from({ length: storage.length }, (_, i) => storage.key(i))
    .filter((k): k is string => k?.startsWith(UNSAVED_PREFIX) ?? false)
    .map((k) => k.slice(UNSAVED_PREFIX.length));
}

/** The kept entry, parsed (throws if it is not JSON; `{}` when there is none). */
export function readUnsavedAnswers(administrationId: string): unknown {
  return JSON.parse(globalThis.localStorage?.getItem(UNSAVED_PREFIX + administrationId) ?? '{}');
}

export function forgetUnsavedAnswers(administrationId: string): void {
  globalThis.localStorage?.removeItem(UNSAVED_PREFIX + administrationId);
}
