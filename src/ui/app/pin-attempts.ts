/**
 * The one policy for entering the practitioner PIN, shared by the lock screen and the hand-over
 * screen: attempts are counted in IndexedDB for every tab at once (src/storage/pin-attempts.ts),
 * so neither a reload nor another tab gives more guesses; after MAX_PIN_TRIES in a row entry
 * pauses, each pause twice as long as the one before.
 */
import { useCallback, useEffect, useState } from 'react';
import { PIN_PATTERN, verifyPin } from '../../storage/pin';
import { MAX_PIN_TRIES, NO_PIN_ATTEMPTS, pauseLength, pinAccepted, startPinAttempt } from '../../storage/pin-attempts';
import type { PinRecord } from '../../storage/settings';
import { formatDateTime } from '../../format/locale';
import { useDatabase } from './database-context';
import { useSettings } from './live-settings';

export { MAX_PIN_TRIES };

export interface PinEntry {
  /** Entry is paused after too many wrong PINs (in any tab). */
  blocked: boolean;
  /** When the pause ends (epoch ms) and how long it is: the message says one or the other. */
  blockedUntil: number;
  pauseMs: number;
  /** The last PIN was wrong (and no pause followed): show the "wrong PIN" message. */
  wrong: boolean;
  /** Tries left before a pause. */
  triesLeft: number;
  /** A PIN is being checked (PBKDF2 takes a moment). */
  checking: boolean;
  /** Checks a PIN under the policy: true when it is right; every attempt is counted first. */
  check: (value: string) => Promise<boolean>;
}

/** PIN entry against `pin` under the shared policy. The pause ends by itself (re-render at its end). */
export function usePinEntry(pin: PinRecord | undefined): PinEntry {
  const db = useDatabase();
  // Live across tabs: another tab's wrong PIN shows here at once.
  const attempts = useSettings()?.pinAttempts ?? NO_PIN_ATTEMPTS;
  const [now, setNow] = useState(() => Date.now());
  const [wrong, setWrong] = useState(false);
  const [checking, setChecking] = useState(false);
  // A pause another tab starts ends after `now` (which is earlier), so it shows as soon as it arrives.
  const blocked = attempts.blockedUntil > now;

  useEffect(() => {
    if (!blocked) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(attempts.blockedUntil - now + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [blocked, attempts.blockedUntil, now]);

  const check = useCallback(
    async (value: string) => {
      if (!pin || checking) return false;
      const at = Date.now();
      setNow(at);
      setChecking(true);
      try {
        const started = await startPinAttempt(db, at);
        if (!started.ok) return false;
        if (PIN_PATTERN.test(value) && (await verifyPin(value, pin))) {
          await pinAccepted(db);
          setWrong(false);
          return true;
        }
        // A pause replaces the message; after it the count starts again without an old message.
        setWrong(started.attempts.blockedUntil === 0);
        return false;
      } finally {
        setChecking(false);
      }
    },
    [checking, db, pin],
  );

  return {
    blocked,
    blockedUntil: attempts.blockedUntil,
    pauseMs: pauseLength(Math.max(attempts.pauses, 1)),
    wrong: wrong && !blocked,
    triesLeft: MAX_PIN_TRIES - attempts.failures,
    checking,
    check,
  };
}

/**
 * The pause message under `prefix` (lock "screen", hand-over "handover"): short pauses in seconds,
 * longer ones as the time they end, in the reader's language.
 */
export function blockedText(
  entry: Pick<PinEntry, 'pauseMs' | 'blockedUntil'>,
  t: (key: string, options: Record<string, unknown>) => string,
  prefix: string,
  language: string,
): string {
  if (entry.pauseMs < 120_000) return t(`${prefix}.blocked`, { seconds: entry.pauseMs / 1000 });
  return t(`${prefix}.blockedUntil`, { time: formatDateTime(new Date(entry.blockedUntil).toISOString(), language) });
}
