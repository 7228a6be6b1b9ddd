/**
 * While a hand-over is on (the device is with a pupil or parent), every practitioner route leads
 * back to the questionnaire. Kept apart from the hand-over screen so the first screen stays small.
 */
import { useEffect, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { writeSetting } from '../../storage/settings';
import { useDatabase } from '../app/database-context';
import { useSettings } from '../app/live-settings';

/** Wraps the practitioner layout: while a hand-over is on, every route goes back to it. */
export function HandoverGuard({ children }: { children: ReactNode }) {
  const db = useDatabase();
  const settings = useSettings();
  const target = settings?.handover?.administrationId;
  const found = useLiveQuery(async () => (target ? { target, exists: (await db.administrations.get(target)) !== undefined } : null), [db, target]);
  const dangling = target !== undefined && found?.target === target && !found.exists;
  useEffect(() => {
    // The questionnaire was deleted (with its case): nothing to go back to.
    if (dangling) writeSetting(db, 'handover', undefined).catch(() => undefined);
  }, [dangling, db]);

  // Nothing of the practitioner's screens is shown until it is known that no hand-over is on.
  if (!settings) return null;
  if (target === undefined || dangling) return <>{children}</>;
  if (found?.target !== target) return null;
  return <Navigate to={`/handover/${encodeURIComponent(target)}`} replace />;
}
