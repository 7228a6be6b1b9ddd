/**
 * A small banner on the practitioner's screens: when there are cases and no backup in the last
 * 14 days (or never), it says when the last backup was made and links to Settings → Backup.
 * Hidden on the settings page itself; "hide" dismisses it for this browser session.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { readSettings } from '../../storage/settings';
import { useDatabase } from './database-context';
import '../settings/backup.css';

export const BACKUP_REMINDER_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;
const DISMISSED_KEY = 'polku.backupReminderDismissed';

/** null: no reminder; 'never' or whole days since the last backup. */
export function backupAge(lastBackupAt: string | undefined, caseCount: number, now: number): 'never' | number | null {
  if (caseCount === 0) return null;
  if (!lastBackupAt) return 'never';
  const days = Math.floor((now - Date.parse(lastBackupAt)) / DAY);
  if (Number.isNaN(days)) return 'never';
  return days >= BACKUP_REMINDER_DAYS ? days : null;
}

export function BackupReminder() {
  const { t } = useTranslation('backup');
  const db = useDatabase();
  const { pathname } = useLocation();
  const [dismissed, setDismissed] = useState(() => globalThis.sessionStorage?.getItem(DISMISSED_KEY) === '1');
  const age = useLiveQuery(async () => {
    const [count, settings] = await Promise.all([db.cases.count(), readSettings(db)]);
    return backupAge(settings.lastBackupAt, count, Date.now());
  }, [db]);

  if (dismissed || age === null || age === undefined || pathname === '/settings') return null;
  const dismiss = () => {
    globalThis.sessionStorage?.setItem(DISMISSED_KEY, '1');
    setDismissed(true);
  };
  return (
    <aside className="backup-reminder notice notice-warning" aria-label={t('reminder.label')}>
      <p>
        {age === 'never' ? t('reminder.never') : t('reminder.daysAgo', { count: age })}
        <Link to="/settings#backup">{t('reminder.action')}</Link>
      </p>
      <button type="button" className="button" onClick={dismiss}>
        {t('reminder.dismiss')}
      </button>
    </aside>
  );
}
