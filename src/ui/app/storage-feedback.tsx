/** Words for storage failures, and a hook that runs a storage action and keeps its error. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toStorageError } from '../../storage/errors';

export function useStorageErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => t(`storage.${toStorageError(error).failure}`);
}

/**
 * `run(action)` awaits the action and returns true on success; on failure it keeps a translated
 * message in `error` (shown with role="alert") and returns false. Nothing is half-saved: every
 * storage operation is one transaction.
 */
export function useStorageAction(): {
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  error: string | null;
  clear: () => void;
  /** Shows a failure caught elsewhere. */
  report: (error: unknown) => void;
} {
  const describe = useStorageErrorText();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      try {
        await action();
        setError(null);
        return true;
      } catch (caught) {
        setError(describe(caught));
        return false;
      }
    },
    [describe],
  );
  return { run, error, clear: () => setError(null), report: (caught: unknown) => setError(describe(caught)) };
}

export function StorageAlert({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="alert alert-error">
      {error}
    </p>
  );
}
