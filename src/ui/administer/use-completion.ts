/**
 * Completing an administration, the one way the runner's review and the paper check do it: at once
 * when nothing is missing, otherwise only once "complete with missing answers" is confirmed; the
 * buttons wait while it is stored. Each screen keeps its own words and buttons (the runner speaks to
 * the respondent and lists items to go back to; the paper check compares with the paper).
 */
import { useState } from 'react';
import { completeAdministration } from '../../storage/administrations';
import { useDatabase } from '../app/database-context';

interface CompletionOptions {
  /** Stores and reports a failure (useStorageAction's run). */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  /** Resolves once answers still being saved are stored; completing waits for it. */
  settled?: () => Promise<void>;
  onCompleted?: (() => void) | undefined;
}

export function useCompletion(recordId: string, { run, settled, onCompleted }: CompletionOptions) {
  const db = useDatabase();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const complete = async (withMissing: boolean) => {
    setBusy(true);
    await settled?.();
    const ok = await run(() => completeAdministration(db, recordId, { withMissing }));
    setBusy(false);
    if (ok) onCompleted?.();
  };

  return { confirming, setConfirming, busy, complete };
}
