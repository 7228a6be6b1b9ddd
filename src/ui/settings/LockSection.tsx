/**
 * Settings: the lock and encryption at rest. The idle time (saved as soon as it is chosen), "Lock
 * now", what encryption protects and what it does not, and changing the passphrase.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EncryptionError } from '../../storage/crypto/keys';
import { StorageError } from '../../storage/errors';
import { changePassphrase, MIN_PASSPHRASE_LENGTH } from '../../storage/keyring';
import { writeSetting } from '../../storage/settings';
import { useDatabase } from '../app/database-context';
import { useSettingsWithRevs } from '../app/live-settings';
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
  if (!settings) return null;
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
      <p className="muted">{t('section.protects')}</p>
      <div className="settings-form">
        <div className="lock-settings-field">
          <label htmlFor="lock-idle">{t('section.idleLabel')}</label>
          <select id="lock-idle" value={current} aria-describedby="lock-idle-hint" onChange={(event) => void change(Number(event.target.value))}>
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
          <button type="button" className="button" onClick={lock}>
            {t('section.lockNow')}
          </button>
        </div>
      </div>
      <ChangePassphrase />
    </section>
  );
}

type ChangeProblem = 'short' | 'mismatch' | 'currentWrong' | 'stale' | null;

/** A new passphrase for the same key (storage/keyring.ts: only the keyring changes). */
function ChangePassphrase() {
  const { t } = useTranslation('lock');
  const db = useDatabase();
  const { run, error } = useStorageAction();
  const ids = useId();
  const [values, setValues] = useState({ current: '', next: '', repeat: '' });
  const [problem, setProblem] = useState<ChangeProblem>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: ChangeProblem = values.next.length < MIN_PASSPHRASE_LENGTH ? 'short' : values.next !== values.repeat ? 'mismatch' : null;
    setProblem(found);
    if (found) return;
    setBusy(true);
    let refused: ChangeProblem = null;
    const ok = await run(async () => {
      try {
        await changePassphrase(db, values.current, values.next);
      } catch (caught) {
        if (caught instanceof EncryptionError && caught.failure === 'wrong-passphrase') refused = 'currentWrong';
        else if (caught instanceof StorageError && caught.failure === 'stale') refused = 'stale';
        else throw caught;
      }
    });
    setBusy(false);
    setProblem(refused);
    if (ok && !refused) {
      setValues({ current: '', next: '', repeat: '' });
      setDone(true);
    }
  };

  const message = problem && (problem === 'short' || problem === 'mismatch' ? t(`setup.errors.${problem}`, { min: MIN_PASSPHRASE_LENGTH }) : t(`change.errors.${problem}`));
  const field = (name: keyof typeof values, label: string, autoComplete: string, invalid: boolean) => (
    <div className="field">
      <label htmlFor={`${ids}-${name}`}>{label}</label>
      <input
        id={`${ids}-${name}`}
        type="password"
        autoComplete={autoComplete}
        spellCheck={false}
        value={values[name]}
        aria-invalid={invalid}
        aria-describedby={invalid && message ? `${ids}-message` : undefined}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      />
    </div>
  );
  return (
    <form className="settings-form" aria-labelledby={`${ids}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${ids}-title`}>{t('change.title')}</h3>
      <p className="muted">{t('change.intro')}</p>
      {field('current', t('change.current'), 'current-password', problem === 'currentWrong')}
      {field('next', t('change.new'), 'new-password', problem === 'short')}
      {field('repeat', t('change.repeat'), 'new-password', problem === 'mismatch')}
      {message && (
        <p id={`${ids}-message`} role="alert" className="alert alert-error">
          {message}
        </p>
      )}
      <StorageAlert error={error} />
      <p role="status" className="saved-message">
        {done ? t('change.changed') : busy ? t('change.working') : ''}
      </p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || values.current.length === 0}>
          {t('change.submit')}
        </button>
      </div>
    </form>
  );
}
