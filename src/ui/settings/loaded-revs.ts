import { useState } from 'react';
import type { PolkuDatabase } from '../../storage/db';
import { readSettingRevs, type SettingKey, type SettingRevs } from '../../storage/settings';

/**
 * The revisions of a form's settings as the form loaded them; `moved` when another tab saved one
 * of them since. Saves pass `loaded[key]` and are refused as stale otherwise (src/storage/revision.ts).
 */
export function useLoadedRevs(keys: readonly SettingKey[], revs: SettingRevs) {
  const pick = (from: SettingRevs) => Object.fromEntries(keys.map((key) => [key, from[key] ?? 0])) as Record<SettingKey, number>;
  const [loaded, setLoaded] = useState(() => pick(revs));
  const moved = keys.some((key) => (revs[key] ?? 0) !== loaded[key]);
  return {
    loaded,
    moved,
    /** Takes the stored revisions as the form's own: after loading the stored values. */
    take: () => setLoaded(pick(revs)),
    /** After a save: the revisions just written. */
    refresh: async (db: PolkuDatabase) => setLoaded(pick(await readSettingRevs(db))),
  };
}
