/**
 * The app lock. While the `locked` setting is on (it survives a reload), LockGate renders only the
 * lock screen: none of the routes beneath it are rendered, and nodes libraries leave in <body> (the
 * recharts measurement span) are removed, so no case code, name, answer or chart label is in the
 * page at all. Screens keep unsaved work through before-lock.ts. The practitioner PIN unlocks, under the same wrong-PIN policy as hand-over mode.
 * Locking needs a PIN: on demand (LockButton in the header, "Lock now" in the settings) or after
 * `lockIdleMinutes` without pointer, keyboard or touch activity — never during a hand-over, whose
 * screen already needs the PIN to leave.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { writeSetting, type PinRecord } from '../../storage/settings';
import { useDatabase, useSettings } from './database-context';
import { blockedText, usePinEntry } from './pin-attempts';
import { PinInput } from './PinInput';
import { removeStrayText, runBeforeLock } from './before-lock';
import { StorageAlert, useStorageAction } from './storage-feedback';
import './lock.css';

/** What counts as activity for the idle lock (listened to on window, in the capture phase). */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

const LockContext = createContext<(() => void) | null>(null);

/**
 * Locks the app now (a no-op without a PIN: LockGate never shows the lock screen without one).
 * Inside LockGate the screen locks at once, even before the setting is written.
 */
export function useLock(): () => void {
  const fromGate = useContext(LockContext);
  const db = useDatabase();
  const fallback = useCallback(() => {
    writeSetting(db, 'locked', true).catch(() => undefined);
  }, [db]);
  return fromGate ?? fallback;
}

export function LockGate({ children }: { children: ReactNode }) {
  const db = useDatabase();
  const settings = useSettings();
  // Locked in this page before (or without) the setting being written: a failed write still locks.
  const [lockedHere, setLockedHere] = useState(false);
  // Unlocked elsewhere (another tab): this tab follows once it has seen the setting on.
  const [sawStoredLock, setSawStoredLock] = useState(false);
  const storedLock = settings?.locked ?? false;
  if (storedLock && !sawStoredLock) setSawStoredLock(true);
  if (!storedLock && sawStoredLock) {
    setSawStoredLock(false);
    setLockedHere(false);
  }

  const hasPin = settings?.pin !== undefined;
  const locked = hasPin && (storedLock || lockedHere);

  const lock = useCallback(() => {
    // Unsaved work is kept first (before-lock.ts), then the routes unmount.
    runBeforeLock();
    setLockedHere(true);
    writeSetting(db, 'locked', true).catch(() => undefined);
  }, [db]);

  // A lock left over without a PIN (locking is impossible without one) is cleared.
  const stale = settings !== undefined && settings.locked && !hasPin;
  useEffect(() => {
    if (stale) writeSetting(db, 'locked', undefined).catch(() => undefined);
  }, [stale, db]);

  const idleMinutes = settings?.lockIdleMinutes ?? 0;
  const handover = settings?.handover !== undefined;
  useIdleLock(hasPin && !locked && !handover && idleMinutes > 0 ? idleMinutes * 60_000 : 0, lock);

  // With the routes gone, what libraries left in <body> goes too: no case text stays in the document.
  useLayoutEffect(() => {
    if (locked) removeStrayText();
  }, [locked]);

  // Back from the lock screen, focus goes to the page's main content, not the top of the document.
  const wasLocked = useRef(false);
  useEffect(() => {
    if (wasLocked.current && !locked) document.getElementById('main')?.focus();
    wasLocked.current = locked;
  }, [locked]);

  // Nothing is shown until it is known whether the app is locked.
  if (!settings) return null;
  if (locked) return <LockScreen pin={settings.pin} onUnlocked={() => setLockedHere(false)} />;
  return <LockContext.Provider value={hasPin ? lock : null}>{children}</LockContext.Provider>;
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

function LockScreen({ pin, onUnlocked }: { pin: PinRecord | undefined; onUnlocked: () => void }) {
  const { t, i18n } = useTranslation('lock');
  const db = useDatabase();
  const entry = usePinEntry(pin);
  const storage = useStorageAction();
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await entry.check(value)) {
      // The screen stays locked until the setting is cleared: a failed write shows why.
      if (await storage.run(() => writeSetting(db, 'locked', false))) onUnlocked();
      return;
    }
    setValue('');
    input.current?.focus();
  };

  const message = entry.blocked ? blockedText(entry, t, 'screen', i18n.language) : entry.wrong ? t('screen.wrongPin', { count: entry.triesLeft }) : null;
  return (
    <div className="lock-screen">
      <main id="main" className="lock-main" tabIndex={-1}>
        <section className="lock-card" aria-labelledby="lock-title">
          <p className="lock-brand">
            <LockIcon />
            {t('common:app.name')}
          </p>
          <h1 id="lock-title">{t('screen.title')}</h1>
          <p className="muted">{t('screen.text')}</p>
          <form onSubmit={(event) => void submit(event)} noValidate className="lock-form">
            <PinInput
              label={t('screen.pinLabel')}
              className="lock-pin"
              value={value}
              onChange={setValue}
              blocked={entry.blocked}
              invalid={entry.wrong}
              {...(message ? { messageId: 'lock-message' } : {})}
              inputRef={input}
            />
            {message && (
              <p id="lock-message" role="alert" className="alert alert-error">
                {message}
              </p>
            )}
            <StorageAlert error={storage.error} />
            <button type="submit" className="button button-primary button-large" disabled={entry.blocked || entry.checking || value.length === 0}>
              {entry.checking ? t('screen.checking') : t('screen.unlock')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}

/** "Lock" in the practitioner header; shown only when a PIN is set (without one nothing can lock). */
export function LockButton() {
  const { t } = useTranslation('lock');
  const settings = useSettings();
  const lock = useLock();
  if (!settings?.pin) return null;
  return (
    <button type="button" className="lock-button" onClick={lock}>
      <LockIcon />
      {t('button.label')}
    </button>
  );
}

function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Zm3 3.5a1.75 1.75 0 0 1 1 3.19V19h-2v-2.31a1.75 1.75 0 0 1 1-3.19Z"
      />
    </svg>
  );
}
