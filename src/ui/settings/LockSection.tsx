/**
 * Settings: the app lock. The idle time (saved as soon as it is chosen), "Lock now", and what the
 * lock does and does not do. Without a practitioner PIN nothing can lock, so both wait for one.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { writeSetting } from '../../storage/settings';
import { useDatabase, useSettingsWithRevs } from '../app/database-context';
import { useLock } from '../app/Lock';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import '../app/lock.css';

export const IDLE_CHOICES = [0, 2, 5, 10, 15, 30] as const;

export function LockSection() {
  const { t } = useTranslation('lock');
  const db = useDatabase();
  const state = useSettingsWithRevs();
  const settings = state?.settings;
  const lock = useLock();
  const { run, error } = useStorageAction();
  const [saved, setSaved] = useState('');
  // Shown once the settings are read: a PIN that is set must not look missing for a moment.
  if (!settings) return null;
  const hasPin = settings.pin !== undefined;
  const current = settings.lockIdleMinutes;
  // A value stored some other way stays visible rather than silently showing another one.
  const choices: number[] = (IDLE_CHOICES as readonly number[]).includes(current) ? [...IDLE_CHOICES] : [...IDLE_CHOICES, current].sort((a, b) => a - b);

  const change = async (minutes: number) => {
    setSaved('');
    // Against the revision of the value the select shows: another tab's change is never overwritten unseen.
    if (await run(() => writeSetting(db, 'lockIdleMinutes', minutes, state?.revs.lockIdleMinutes ?? 0))) setSaved(t('section.saved'));
  };

  return (
    <section className="settings-section" aria-labelledby="lock-section-title">
      <h2 id="lock-section-title">{t('section.title')}</h2>
      <p className="muted">{t('section.intro')}</p>
      <p className="muted">{t('section.notEncryption')}</p>
      {!hasPin && (
        <p className="notice notice-warning">
          {t('section.needsPin')} <a href="#pin-title">{t('section.toPin')}</a>
        </p>
      )}
      <div className="settings-form">
        <div className="lock-settings-field">
          <label htmlFor="lock-idle">{t('section.idleLabel')}</label>
          <select id="lock-idle" value={current} disabled={!hasPin} aria-describedby="lock-idle-hint" onChange={(event) => void change(Number(event.target.value))}>
            {choices.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes === 0 ? t('section.idleOff') : t('section.idleMinutes', { count: minutes })}
              </option>
            ))}
          </select>
          <p id="lock-idle-hint" className="field-hint">
            {t('section.idleHint')}
          </p>
        </div>
        <p role="status" className="saved-message">
          {saved}
        </p>
        <StorageAlert error={error} />
        <div className="form-actions">
          <button type="button" className="button" disabled={!hasPin} onClick={lock}>
            {t('section.lockNow')}
          </button>
        </div>
      </div>
    </section>
  );
}
