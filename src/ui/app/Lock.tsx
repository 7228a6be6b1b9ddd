/**
 * The app lock and encryption at rest (issue 17). KeyGate (KeyGate.tsx) shows the key screen
 * while this page holds no key: on first run the practitioner sets a passphrase, after every load
 * and every lock the passphrase opens the key again (KeyScreen). Here is what happens while the app
 * is unlocked (LockWatch): locking — the Lock button in the header, "Lock now" in the settings,
 * after `lockIdleMinutes` without pointer, keyboard or touch activity, or a lock in another tab
 * (the `locked` setting) — keeps unsaved work (before-lock.ts, sealed while the key is still there),
 * then drops the key from memory, and KeyGate takes the routes away.
 * Never during a hand-over: the pupil's answers are being saved, and leaving that screen needs the PIN.
 */
import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolkuDatabase } from '../../storage/db';
import { writeSetting } from '../../storage/settings';
import { useDatabase } from './database-context';
import { useSettings } from './live-settings';
import { runBeforeLock } from './before-lock';
import { firstScreenShown } from './first-screen';
import { KeyGate, useAppShown, useUnlocked } from './KeyGate';
import { LockIcon } from './LockIcon';

/** What counts as activity for the idle lock (listened to on window, in the capture phase). */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

const LockContext = createContext<(() => void) | null>(null);

/** Keeps unsaved work (sealed, while the key is there), then drops the key: the gate shows the passphrase screen. */
function lockPage(db: PolkuDatabase): void {
  runBeforeLock();
  db.keySession.drop();
}

/** Locks the app now, and every other tab with it (the `locked` setting). */
export function useLock(): () => void {
  const fromGate = useContext(LockContext);
  const db = useDatabase();
  const fallback = useCallback(() => {
    writeSetting(db, 'locked', true).catch(() => undefined);
    lockPage(db);
  }, [db]);
  return fromGate ?? fallback;
}

/** The gate and what watches the unlocked app, as the app composes them (ui/Root.tsx, ui/App.tsx); tests render this. */
export function LockGate({ children }: { children: ReactNode }) {
  return (
    <KeyGate>
      <LockWatch>{children}</LockWatch>
    </KeyGate>
  );
}

/** The unlocked app: locks with the idle timer, with a lock in another tab, and for the Lock buttons (useLock). */
export function LockWatch({ children }: { children: ReactNode }) {
  const db = useDatabase();
  const unlocked = useUnlocked(db);
  const settings = useSettings();

  const lock = useCallback(() => {
    // The flag first (a clear row: written without the key), so other tabs lock too.
    writeSetting(db, 'locked', true).catch(() => undefined);
    lockPage(db);
  }, [db]);

  // Locked in another tab: this one locks too. Only a change seen while unlocked counts: the flag
  // still set from before this page's own unlock is cleared by the unlock itself (KeyScreen).
  const storedLock = settings?.locked;
  const seenLock = useRef(storedLock);
  useEffect(() => {
    const before = seenLock.current;
    seenLock.current = storedLock;
    if (unlocked && before === false && storedLock === true) lockPage(db);
  }, [storedLock, unlocked, db]);

  const idleMinutes = settings?.lockIdleMinutes ?? 0;
  const handover = settings?.handover !== undefined;
  useIdleLock(unlocked && !handover && idleMinutes > 0 ? idleMinutes * 60_000 : 0, lock);

  // Unlocked from the start (a test), the app is the first screen; after the key screen, focus moves into it.
  const appShown = unlocked && settings !== undefined;
  const shown = useAppShown();
  useEffect(() => {
    if (!appShown) return;
    firstScreenShown();
    shown();
  }, [appShown, shown]);

  // Nothing is shown until the settings are read with the key.
  if (!settings) return null;
  return <LockContext.Provider value={lock}>{children}</LockContext.Provider>;
}

/**
 * Calls `lock` after `limit` ms without activity (0 = off). Activity only records the time; the
 * timer checks the time that has passed when it fires, and again when the page becomes visible
 * (timers sleep with the device).
 */
function useIdleLock(limit: number, lock: () => void): void {
  useEffect(() => {
    if (limit <= 0) return;
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const idle = Date.now() - last;
      if (idle >= limit) lock();
      else timer = setTimeout(check, limit - idle);
    };
    const activity = () => {
      last = Date.now();
    };
    const visibility = () => {
      if (document.visibilityState === 'visible') check();
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, activity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', visibility);
    timer = setTimeout(check, limit);
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, activity, { capture: true });
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [limit, lock]);
}

/** "Lock" in the practitioner header. */
export function LockButton() {
  const { t } = useTranslation('lock');
  const lock = useLock();
  return (
    <button type="button" className="lock-button" onClick={lock}>
      <LockIcon />
      {t('button.label')}
    </button>
  );
}
