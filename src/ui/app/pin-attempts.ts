/**
 * The one policy for entering the practitioner PIN, shared by the lock screen and the hand-over
 * screen: after MAX_PIN_TRIES wrong PINs in a row, entry pauses for PIN_BLOCK_MS. Wrong tries are
 * kept in localStorage, so a reload gives no more guesses, and both screens count against the same
 * PIN (they guard the same secret).
 */
import { useCallback, useEffect, useState } from 'react';
import { PIN_PATTERN, verifyPin } from '../../storage/pin';
import type { PinRecord } from '../../storage/settings';

export const MAX_PIN_TRIES = 5;
export const PIN_BLOCK_MS = 30_000;
export const PIN_ATTEMPTS_KEY = 'polku.pinAttempts';

export interface PinAttempts {
  /** Wrong PINs in a row since the last right one or the last pause. */
  failures: number;
  /** Epoch milliseconds until which entry is paused; 0 when not paused. */
  blockedUntil: number;
}

const NONE: PinAttempts = { failures: 0, blockedUntil: 0 };

export function readPinAttempts(): PinAttempts {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(PIN_ATTEMPTS_KEY) ?? 'null') as Partial<PinAttempts> | null;
    return { failures: Number(raw?.failures) || 0, blockedUntil: Number(raw?.blockedUntil) || 0 };
  } catch {
    return NONE;
  }
}

export function writePinAttempts(attempts: PinAttempts): void {
  try {
    if (attempts.failures === 0 && attempts.blockedUntil === 0) globalThis.localStorage?.removeItem(PIN_ATTEMPTS_KEY);
    else globalThis.localStorage?.setItem(PIN_ATTEMPTS_KEY, JSON.stringify(attempts));
  } catch {
    // Without localStorage the count lives only as long as the page.
  }
}

/** The count after one more wrong PIN at `at`: the fifth in a row starts a pause (and a fresh count). */
export function afterWrongPin(attempts: PinAttempts, at: number): PinAttempts {
  // After a pause the count starts again.
  const failures = (attempts.blockedUntil && attempts.blockedUntil <= at ? 0 : attempts.failures) + 1;
  return failures >= MAX_PIN_TRIES ? { failures: 0, blockedUntil: at + PIN_BLOCK_MS } : { failures, blockedUntil: 0 };
}

export interface PinEntry {
  /** Entry is paused after too many wrong PINs. */
  blocked: boolean;
  /** The last PIN was wrong (and no pause followed): show the "wrong PIN" message. */
  wrong: boolean;
  /** Tries left before a pause. */
  triesLeft: number;
  /** A PIN is being checked (PBKDF2 takes a moment). */
  checking: boolean;
  /** Checks a PIN under the policy: true when it is right; a wrong one is counted. */
  check: (value: string) => Promise<boolean>;
}

/** PIN entry against `pin` under the shared policy. The pause ends by itself (re-render at its end). */
export function usePinEntry(pin: PinRecord | undefined): PinEntry {
  const [attempts, setAttempts] = useState<PinAttempts>(readPinAttempts);
  const [now, setNow] = useState(() => Date.now());
  const [wrong, setWrong] = useState(false);
  const [checking, setChecking] = useState(false);
  const blocked = attempts.blockedUntil > now;

  useEffect(() => {
    if (!blocked) return;
    const timer = setTimeout(() => setNow(Date.now()), attempts.blockedUntil - now + 50);
    return () => clearTimeout(timer);
  }, [blocked, attempts.blockedUntil, now]);

  const update = useCallback((next: PinAttempts) => {
    writePinAttempts(next);
    setAttempts(next);
  }, []);

  const check = useCallback(
    async (value: string) => {
      if (!pin || checking) return false;
      const at = Date.now();
      setNow(at);
      if (attempts.blockedUntil > at) return false;
      setChecking(true);
      let accepted = false;
      try {
        accepted = PIN_PATTERN.test(value) && (await verifyPin(value, pin));
      } finally {
        setChecking(false);
      }
      if (accepted) {
        update(NONE);
        setWrong(false);
        return true;
      }
      const next = afterWrongPin(attempts, at);
      update(next);
      // A pause replaces the message; after it the count starts again without an old message.
      setWrong(next.blockedUntil === 0);
      return false;
    },
    [attempts, checking, pin, update],
  );

  return { blocked, wrong: wrong && !blocked, triesLeft: MAX_PIN_TRIES - attempts.failures, checking, check };
}
