/**
 * The database the screens use. The app's own loads after the first screen (its code, Dexie among
 * it, is not needed to show the passphrase screen: ui/Root.tsx), so until then there is none;
 * tests pass their own (fake-indexeddb) database. Nothing here may import Dexie.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { PolkuDatabase } from '../../storage/db';

interface DatabaseSlot {
  /** null while the database code is loading. */
  db: PolkuDatabase | null;
  /** Resolves with the database once it has loaded. */
  loaded: Promise<PolkuDatabase>;
}

const never = new Promise<PolkuDatabase>(() => undefined);
const DatabaseContext = createContext<DatabaseSlot>({ db: null, loaded: never });

/** `db`: the database, or null while `loading` (only the key screen is shown then). */
export function DatabaseProvider({ db, loading, children }: { db: PolkuDatabase | null; loading?: Promise<PolkuDatabase>; children: ReactNode }) {
  // Answers a closing tab could only leave in localStorage (sealed) are stored at unlock (src/storage/administrations.ts).
  // Loaded after the first screen: administrations (and the case schema behind it) are not in the entry.
  useEffect(() => {
    if (!db) return;
    const apply = () => {
      if (db.keySession.unlocked) import('../../storage/administrations').then(({ applyUnsavedAnswers }) => applyUnsavedAnswers(db)).catch(() => undefined);
    };
    apply();
    return db.keySession.onChange(apply);
  }, [db]);
  const slot = useMemo(() => ({ db, loaded: db ? Promise.resolve(db) : (loading ?? never) }), [db, loading]);
  return <DatabaseContext.Provider value={slot}>{children}</DatabaseContext.Provider>;
}

/** The database; null while it is loading (the key screen, the gate). */
export function useOptionalDatabase(): PolkuDatabase | null {
  return useContext(DatabaseContext).db;
}

/** The database once it has loaded (a passphrase given before then waits for it). */
export function useDatabaseLoaded(): Promise<PolkuDatabase> {
  return useContext(DatabaseContext).loaded;
}

/** The database, for every screen behind the key (it has loaded before the key can be given). */
export function useDatabase(): PolkuDatabase {
  const { db } = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside DatabaseProvider, or before the database loaded');
  return db;
}
