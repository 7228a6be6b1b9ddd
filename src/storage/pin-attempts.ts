/**
 * Wrong-PIN attempts, shared by every tab: one `pinAttempts` setting in IndexedDB, changed only
 * inside a read-write transaction (IndexedDB runs those one after another), so four tabs together
 * get no more guesses than one.
 *
 * Each attempt is counted *before* the PIN is checked (PBKDF2 takes a moment, and tabs check at
 * the same time); a right PIN clears the count. After MAX_PIN_TRIES attempts in a row entry pauses,
 * and each pause is twice the one before (30 s, 1 min, 2 min, … up to MAX_PIN_BLOCK_MS): the
 * arithmetic for guessing all 10,000 PINs is in docs/security.md.
 */
import type { PolkuDatabase } from './db';
import { guarded } from './errors';

export const MAX_PIN_TRIES = 5;
/** The first pause. */
export const PIN_BLOCK_MS = 30_000;
/** The longest pause: a day. */
export const MAX_PIN_BLOCK_MS = 24 * 60 * 60_000;
export const PIN_ATTEMPTS_SETTING = 'pinAttempts';

export interface PinAttempts {
  /** Attempts since the last right PIN or the last pause. */
  failures: number;
  /** Epoch milliseconds until which entry is paused; 0 when not paused. */
  blockedUntil: number;
  /** Pauses since the last right PIN: the next pause is PIN_BLOCK_MS · 2^pauses. */
  pauses: number;
}

export const NO_PIN_ATTEMPTS: PinAttempts = { failures: 0, blockedUntil: 0, pauses: 0 };

export function isPinAttempts(value: unknown): value is PinAttempts {
  const v = value as Partial<PinAttempts> | null;
  return typeof v === 'object' && v !== null && [v.failures, v.blockedUntil, v.pauses].every((n) => Number.isSafeInteger(n) && (n as number) >= 0);
}

/** The length of the pause that follows the `n`-th set of wrong tries (n ≥ 1). */
export function pauseLength(n: number): number {
  return Math.min(PIN_BLOCK_MS * 2 ** Math.min(n - 1, 32), MAX_PIN_BLOCK_MS);
}

/** The count after one more attempt at `at`: the MAX_PIN_TRIES-th in a row starts a pause (and a fresh count). */
export function afterAttempt(attempts: PinAttempts, at: number): PinAttempts {
  const failures = attempts.failures + 1;
  if (failures < MAX_PIN_TRIES) return { ...attempts, failures, blockedUntil: 0 };
  const pauses = attempts.pauses + 1;
  return { failures: 0, blockedUntil: at + pauseLength(pauses), pauses };
}

export type AttemptStart = { ok: true; attempts: PinAttempts } | { ok: false; attempts: PinAttempts };

/**
 * Counts one attempt at `at`, in one transaction, unless entry is paused (then nothing changes).
 * Call it before checking the PIN; call pinAccepted when the PIN was right.
 */
export async function startPinAttempt(db: PolkuDatabase, at: number = Date.now()): Promise<AttemptStart> {
  return guarded(() =>
    db.transaction('rw', db.settings, async (): Promise<AttemptStart> => {
      const row = await db.settings.get(PIN_ATTEMPTS_SETTING);
      const current = isPinAttempts(row?.value) ? row.value : NO_PIN_ATTEMPTS;
      if (current.blockedUntil > at) return { ok: false, attempts: current };
      const next = afterAttempt(current, at);
      await db.settings.put({ key: PIN_ATTEMPTS_SETTING, value: next });
      return { ok: true, attempts: next };
    }),
  );
}

/** A right PIN: the count and the pauses start again. */
export async function pinAccepted(db: PolkuDatabase): Promise<void> {
  await guarded(() => db.settings.delete(PIN_ATTEMPTS_SETTING));
}
