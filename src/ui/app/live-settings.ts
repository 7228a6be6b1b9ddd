/** The settings, read live (Dexie's live queries): every hook re-renders when a setting changes. */
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_SETTINGS, readSettingRevs, readSettings, type SettingRevs, type Settings } from '../../storage/settings';
import { useDatabase } from './database-context';

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
