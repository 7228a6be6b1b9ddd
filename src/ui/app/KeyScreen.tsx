/**
 * The screen shown while this page holds no key (LockGate): on first run, setting the passphrase
 * (and sealing what an older version stored in the clear); afterwards, unlocking with it. Whether
 * a keyring exists is read live, so a passphrase set in another tab turns this tab's set-up into
 * an unlock. A forgotten passphrase cannot be helped: the screen says so, and offers to erase the
 * device's data so that a backup can be restored.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { EncryptionError } from '../../storage/crypto/keys';
import type { PolkuDatabase } from '../../storage/db';
import { StorageError } from '../../storage/errors';
import { MIN_PASSPHRASE_LENGTH, readKeyring, setUpEncryption, unlockDatabase } from '../../storage/keyring';
import { writeSetting } from '../../storage/settings';
import { useDatabase } from './database-context';
import { firstScreenShown } from './first-screen';
import { LockIcon } from './LockIcon';
import { StorageAlert, useStorageAction } from './storage-feedback';

export function KeyScreen() {
  const db = useDatabase();
  // undefined while reading; null: no keyring yet (first run).
  const keyring = useLiveQuery(async () => (await readKeyring(db)) ?? null, [db]);
  // This page's own set-up stores the keyring before it seals the older rows (storage/keyring.ts):
  // the set-up screen, with its progress, stays until the session opens or the set-up fails.
  const [settingUp, setSettingUp] = useState(false);
  const ready = keyring !== undefined;
  useEffect(() => {
    if (ready) firstScreenShown();
  }, [ready]);
  if (settingUp) return <SetUp onBusy={setSettingUp} />;
  if (keyring === undefined) return <div className="lock-screen" aria-busy="true" />;
  return keyring === null ? <SetUp onBusy={setSettingUp} /> : <Unlock />;
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('lock');
  return (
    <div className="lock-screen">
      <main id="main" className="lock-main" tabIndex={-1}>
        <section className="lock-card" aria-labelledby="lock-title">
          <p className="lock-brand">
            <LockIcon />
            {t('common:app.name')}
          </p>
          <h1 id="lock-title">{title}</h1>
          {children}
        </section>
      </main>
    </div>
  );
}

function PassphraseField({
  label,
  value,
  onChange,
  autoComplete,
  invalid,
  describedBy,
  inputRef,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'new-password' | 'current-password';
  invalid: boolean;
  describedBy?: string | undefined;
  inputRef?: React.Ref<HTMLInputElement>;
}) {
  const id = useId();
  return (
    <div className="lock-passphrase">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="password"
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="off"
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/**
 * Sets up or unlocks (`open`); an error `refusal` recognises is the screen's to explain, any other a
 * storage failure `run` shows. Once the page holds the key, the lock flag (set by a lock here or in
 * another tab) is cleared.
 */
async function openKey(
  db: PolkuDatabase,
  run: (action: () => Promise<unknown>) => Promise<boolean>,
  open: () => Promise<void>,
  refusal: (error: unknown) => boolean,
): Promise<'opened' | 'refused' | 'failed'> {
  let refused = false;
  const ok = await run(async () => {
    try {
      await open();
    } catch (error) {
      if (!refusal(error)) throw error;
      refused = true;
      return;
    }
    await writeSetting(db, 'locked', false);
  });
  return refused ? 'refused' : ok ? 'opened' : 'failed';
}

type SetUpProblem = 'short' | 'mismatch' | 'otherTab' | null;

function SetUp({ onBusy }: { onBusy: (busy: boolean) => void }) {
  const { t } = useTranslation('lock');
  const db = useDatabase();
  const storage = useStorageAction();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<SetUpProblem>(null);
  const [busy, setBusyHere] = useState(false);
  const setBusy = (value: boolean) => {
    setBusyHere(value);
    onBusy(value);
  };
  const [sealed, setSealed] = useState(0);
  const first = useRef<HTMLInputElement>(null);
  // Anything stored before encryption (an update from database version 3) is sealed now.
  const hasData = useLiveQuery(async () => (await db.cases.count()) + (await db.administrations.count()) > 0, [db]);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: SetUpProblem = passphrase.length < MIN_PASSPHRASE_LENGTH ? 'short' : passphrase !== repeat ? 'mismatch' : null;
    setProblem(found);
    if (found) return;
    setBusy(true);
    const outcome = await openKey(
      db,
      storage.run,
      () => setUpEncryption(db, passphrase, { onProgress: setSealed }),
      (error) => error instanceof StorageError && error.failure === 'conflict',
    );
    // Set in another tab first: this screen turns into the unlock screen (the keyring is read live).
    if (outcome === 'refused') setProblem('otherTab');
    if (outcome !== 'opened') setBusy(false);
  };

  const message = problem && t(`setup.errors.${problem}`, { min: MIN_PASSPHRASE_LENGTH });
  return (
    <Card title={t('setup.title')}>
      <p>{t('setup.text', { min: MIN_PASSPHRASE_LENGTH })}</p>
      <p className="notice notice-warning" id="setup-warning">
        <strong>{t('setup.warning')}</strong>
      </p>
      {hasData && <p className="muted">{t('setup.existing')}</p>}
      <form onSubmit={(event) => void submit(event)} noValidate className="lock-form">
        <PassphraseField
          label={t('setup.passphraseLabel')}
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
          invalid={problem === 'short'}
          describedBy={message ? 'key-message' : 'setup-warning'}
          inputRef={first}
        />
        <PassphraseField label={t('setup.repeatLabel')} value={repeat} onChange={setRepeat} autoComplete="new-password" invalid={problem === 'mismatch'} />
        {message && (
          <p id="key-message" role="alert" className="alert alert-error">
            {message}
          </p>
        )}
        <StorageAlert error={storage.error} />
        {busy && (
          <p role="status" className="muted">
            {sealed > 0 ? t('setup.sealing', { count: sealed }) : t('setup.working')}
          </p>
        )}
        <button type="submit" className="button button-primary button-large" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </Card>
  );
}

function Unlock() {
  const { t } = useTranslation('lock');
  const db = useDatabase();
  const storage = useStorageAction();
  const [passphrase, setPassphrase] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sealed, setSealed] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setWrong(false);
    const outcome = await openKey(
      db,
      storage.run,
      () => unlockDatabase(db, passphrase, { onProgress: setSealed }),
      (error) => error instanceof EncryptionError && error.failure === 'wrong-passphrase',
    );
    if (outcome !== 'opened') {
      setBusy(false);
      setWrong(outcome === 'refused');
      setPassphrase('');
      input.current?.focus();
    }
  };

  return (
    <Card title={t('screen.title')}>
      <p className="muted">{t('screen.text')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate className="lock-form">
        <PassphraseField
          label={t('screen.passphraseLabel')}
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          invalid={wrong}
          describedBy={wrong ? 'key-message' : undefined}
          inputRef={input}
        />
        {wrong && (
          <p id="key-message" role="alert" className="alert alert-error">
            {t('screen.wrongPassphrase')}
          </p>
        )}
        <StorageAlert error={storage.error} />
        {busy && (
          <p role="status" className="muted">
            {sealed > 0 ? t('setup.sealing', { count: sealed }) : t('screen.checking')}
          </p>
        )}
        <button type="submit" className="button button-primary button-large" disabled={busy || passphrase.length === 0}>
          {t('screen.unlock')}
        </button>
      </form>
      <Forgotten />
    </Card>
  );
}

/** A forgotten passphrase: nothing opens the data; erasing it lets a backup be restored. */
function Forgotten() {
  const { t } = useTranslation('lock');
  const db = useDatabase();
  const [understood, setUnderstood] = useState(false);
  const [failed, setFailed] = useState(false);
  const erase = async () => {
    try {
      db.close();
      await db.delete();
      globalThis.location.reload();
    } catch {
      setFailed(true);
    }
  };
  return (
    <details className="lock-forgotten">
      <summary>{t('screen.forgotTitle')}</summary>
      <p>{t('screen.forgotText')}</p>
      <label className="lock-confirm">
        <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} />
        {t('screen.eraseConfirm')}
      </label>
      {failed && (
        <p role="alert" className="alert alert-error">
          {t('screen.eraseFailed')}
        </p>
      )}
      <button type="button" className="button button-danger" disabled={!understood} onClick={() => void erase()}>
        {t('screen.erase')}
      </button>
    </details>
  );
}
