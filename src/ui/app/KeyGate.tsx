/**
 * The gate in front of the app (issue 17): nothing beneath it renders unless this page holds the
 * key (db.keySession); until then, and after every lock, it shows the key screen. It is part of the
 * first screen, before the database code has loaded (ui/Root.tsx), so it imports no Dexie: what
 * happens while the app is unlocked (the idle lock, a lock in another tab) is LockWatch's (Lock.tsx).
 * Without the key the routes are unmounted, and nodes libraries leave in <body> (the recharts
 * measurement span) are removed: no case code, name, answer or chart label stays in the page.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { PolkuDatabase } from '../../storage/db';
import { removeStrayText } from './before-lock';
import { useOptionalDatabase } from './database-context';
import { KeyScreen } from './KeyScreen';
import './lock.css';

const neverChanges = () => () => undefined;

/** Whether this page holds the key, re-rendering when it changes (never while the database is loading). */
export function useUnlocked(db: PolkuDatabase | null): boolean {
  const session = db?.keySession;
  const subscribe = useCallback((changed: () => void) => session?.onChange(changed) ?? neverChanges(), [session]);
  return useSyncExternalStore(subscribe, () => session?.unlocked ?? false);
}

export function KeyGate({ children }: { children: ReactNode }) {
  const unlocked = useUnlocked(useOptionalDatabase());

  // With the routes gone, what libraries left in <body> goes too: no case text stays in the document.
  useLayoutEffect(() => {
    if (!unlocked) removeStrayText();
  }, [unlocked]);

  // Back from the key screen, focus goes to the page's main content, not the top of the document:
  // once the app behind the gate is shown (it reads its settings first: LockWatch says when).
  const fromKeyScreen = useRef(!unlocked);
  useEffect(() => {
    if (!unlocked) fromKeyScreen.current = true;
  }, [unlocked]);
  const shown = useCallback(() => {
    if (!fromKeyScreen.current) return;
    fromKeyScreen.current = false;
    document.getElementById('main')?.focus();
  }, []);

  return unlocked ? <AppShown.Provider value={shown}>{children}</AppShown.Provider> : <KeyScreen />;
}

const AppShown = createContext<() => void>(() => undefined);

/** For what the gate lets through: to be called once the app is on the page (after the key screen, focus moves to it). */
export function useAppShown(): () => void {
  return useContext(AppShown);
}
