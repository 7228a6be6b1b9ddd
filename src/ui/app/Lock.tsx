/**
 * The app lock and encryption at rest (issue 17). Nothing beneath LockGate renders unless this page
 * holds the key (db.keySession): on first run the practitioner sets a passphrase, after every load
 * and every lock the passphrase opens the key again (KeyScreen). Locking — the Lock button in the
 * header, "Lock now" in the settings, after `lockIdleMinutes` without pointer, keyboard or touch
 * activity, or a lock in another tab (the `locked` setting) — keeps unsaved work (before-lock.ts,
 * sealed while the key is still there), then drops the key from memory. The routes unmount, nodes
 * libraries leave in <body> (the recharts measurement span) are removed: no case code, name,
 * answer or chart label is in the page, and none can be read from the database.
 * Never during a hand-over: the pupil's answers are being saved, and leaving that screen needs the PIN.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolkuDatabase } from '../../storage/db';
import { writeSetting } from '../../storage/settings';
import { useDatabase, useSettings } from './database-context';
import { removeStrayText, runBeforeLock } from './before-lock';
import { firstScreenShown } from './first-screen';
import { KeyScreen } from './KeyScreen';
import { LockIcon } from './LockIcon';
import './lock.css';

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

/** Whether this page holds the key, re-rendering when it changes. */
export function useUnlocked(db: PolkuDatabase): boolean {
  const session = db.keySession;
  const subscribe = useCallback((changed: () => void) => session.onChange(changed), [session]);
  return useSyncExternalStore(subscribe, () => session.unlocked);
}

export function LockGate({ children }: { children: ReactNode }) {
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

  // With the routes gone, what libraries left in <body> goes too: no case text stays in the document.
  useLayoutEffect(() => {
    if (!unlocked) removeStrayText();
  }, [unlocked]);

  // Back from the lock screen, focus goes to the page's main content, not the top of the document.
  const wasLocked = useRef(!unlocked);
  useEffect(() => {
    if (wasLocked.current && unlocked) document.getElementById('main')?.focus();
    wasLocked.current = !unlocked;
  }, [unlocked]);

  // Unlocked from the start (this page set up or unlocked before, or a test): the app is the first screen.
  const appShown = unlocked && settings !== undefined;
  useEffect(() => {
    if (appShown) firstScreenShown();
  }, [appShown]);

  if (!unlocked) return <KeyScreen />;
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
