import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from './database-context';
import { commitPendingInput, setUpdateState, useUpdateState } from './update-state';

/** "A new version is ready": updating saves what is being typed first; later keeps working as is. */
export function UpdateBanner() {
  const { t } = useTranslation();
  const db = useDatabase();
  const { needRefresh, apply } = useUpdateState();
  const [updating, setUpdating] = useState(false);
  if (!needRefresh || !apply) return null;
  return (
    <div className="update-banner" role="status">
      <span>{t('update.ready')}</span>
      <button
        type="button"
        className="button button-primary"
        disabled={updating}
        onClick={async () => {
          setUpdating(true);
          await commitPendingInput(() => db.administrations.count());
          await apply();
        }}
      >
        {t('update.now')}
      </button>
      <button type="button" className="button" onClick={() => setUpdateState({ needRefresh: false })}>
        {t('update.later')}
      </button>
    </div>
  );
}
