/**
 * Answers a closing page could not store in IndexedDB, kept in localStorage (synchronous, so it
 * survives the close) under the administration's random id until the app next opens
 * (src/storage/administrations.ts: flushDraft, applyUnsavedAnswers). Absent localStorage (Node)
 * nothing is kept. Answers are health data: they are kept sealed with the session's key (issue 17),
 * so nothing is kept while locked, and what is kept is read back only after the next unlock.
 */
const UNSAVED_PREFIX = 'polku:unsaved-answers:';

/** What seals text kept outside the database (the database's KeySession). */
export interface TextSealer {
  readonly unlocked: boolean;
  sealText(purpose: string, text: string): string;
  openText(purpose: string, sealed: string): string;
}

/** Keeps an entry (plain data) sealed; locked, storage full or blocked keeps nothing. */
export function keepUnsavedAnswers(sealer: TextSealer, administrationId: string, entry: object): void {
  if (!sealer.unlocked) return;
  const key = UNSAVED_PREFIX + administrationId;
  try {
    globalThis.localStorage?.setItem(key, sealer.sealText(key, JSON.stringify(entry)));
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

/**
 * The kept entry, opened and parsed (throws if it does not open or is not JSON; `{}` when there is
 * none). An entry kept before encryption (plain JSON, from database version 3) is read as it is.
 */
export function readUnsavedAnswers(sealer: TextSealer, administrationId: string): unknown {
  const key = UNSAVED_PREFIX + administrationId;
  const stored = globalThis.localStorage?.getItem(key) ?? '{}';
  return JSON.parse(stored.startsWith('{') ? stored : sealer.openText(key, stored));
}

export function forgetUnsavedAnswers(administrationId: string): void {
  globalThis.localStorage?.removeItem(UNSAVED_PREFIX + administrationId);
}
