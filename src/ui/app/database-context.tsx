/** The database the screens use; tests pass their own (fake-indexeddb) database. */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { database, type PolkuDatabase } from '../../storage/db';
import { DEFAULT_SETTINGS, readSettingRevs, readSettings, type SettingRevs, type Settings } from '../../storage/settings';

const DatabaseContext = createContext<PolkuDatabase | null>(null);

export function DatabaseProvider({ db, children }: { db?: PolkuDatabase; children: ReactNode }) {
  const value = db ?? database();
  // Answers a closing tab could only leave in localStorage (sealed) are stored at unlock (src/storage/administrations.ts).
  // Loaded after the first screen: administrations (and the case schema behind it) are not in the entry.
  useEffect(() => {
    const apply = () => {
      if (value.keySession.unlocked) import('../../storage/administrations').then(({ applyUnsavedAnswers }) => applyUnsavedAnswers(value)).catch(() => undefined);
    };
    apply();
    return value.keySession.onChange(apply);
  }, [value]);
  return <DatabaseContext.Provider value={value}>{children}</DatabaseContext.Provider>;
}

export function useDatabase(): PolkuDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside DatabaseProvider');
  return db;
}

/** Live settings: re-render when any setting changes. Undefined while loading. */
export function useSettings(): Settings | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readSettings(db), [db]);
}

export function useSettingsOrDefaults(): Settings {
  return useSettings() ?? DEFAULT_SETTINGS;
}

/** Live settings with the revision of each stored one, read together (for forms that save settings). */
export function useSettingsWithRevs(): { settings: Settings; revs: SettingRevs } | undefined {
  const db = useDatabase();
  return useLiveQuery(() => db.transaction('r', db.settings, async () => ({ settings: await readSettings(db), revs: await readSettingRevs(db) })), [db]);
}
