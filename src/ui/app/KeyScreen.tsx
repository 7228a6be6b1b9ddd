/**
 * The screen shown while this page holds no key (LockGate): on first run, setting the passphrase
 * (and sealing what an older version stored in the clear); afterwards, unlocking with it. Whether
 * a keyring exists is read live, so a passphrase set in another tab turns this tab's set-up into
 * an unlock. A forgotten passphrase cannot be helped: the screen says so, and offers to erase the
 * device's data so that a backup can be restored.
 *
 * It is the app's first screen, shown before the database code (Dexie) has loaded (ui/Root.tsx):
 * which of the two it is comes from a probe of IndexedDB made at start (`KeyringHint`), until the
 * live read through Dexie answers; what it does with the database is in key-actions.ts, loaded
 * after the screen is shown. A passphrase given before then waits for both.
 */
import { createContext, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolkuDatabase } from '../../storage/db';
import { MIN_PASSPHRASE_LENGTH } from '../../storage/passphrase';
import { useDatabaseLoaded, useOptionalDatabase } from './database-context';
import { afterFirstScreen, firstScreenShown } from './first-screen';
import type { KeyOutcome } from './key-actions';
import { LockIcon } from './LockIcon';
import { StorageAlert, useStorageAction } from './storage-feedback';

type KeyActions = typeof import('./key-actions');

/** Whether a keyring is stored, as probed before the database code loaded (storage/key-probe.ts); undefined: not known. */
export const KeyringHint = createContext<boolean | undefined>(undefined);

let keyActions: Promise<KeyActions> | undefined;
/** The key screen's actions (their own chunk, with Dexie), loaded once. */
function loadKeyActions(): Promise<KeyActions> {
  keyActions ??= import('./key-actions');
  return keyActions;
}

/**
 * The key screen's actions once loaded (null before). With a hint the screen is drawn first and
 * they load after it; without one they are what tells the screen which it is, so they load at once.
 */
function useKeyActions(hinted: boolean): KeyActions | null {
  const [actions, setActions] = useState<KeyActions | null>(null);
  useEffect(() => {
    let live = true;
    (hinted ? afterFirstScreen() : Promise.resolve())
      .then(loadKeyActions)
      .then((loaded) => live && setActions(loaded))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hinted]);
  return actions;
}

/** Calls `watch` with the database and actions once both have loaded; undefined until it answers. */
function useWatched(
  db: PolkuDatabase | null,
  actions: KeyActions | null,
  watch: (actions: KeyActions, db: PolkuDatabase, changed: (value: boolean) => void) => () => void,
): boolean | undefined {
  const [value, setValue] = useState<boolean | undefined>(undefined);
  useEffect(() => (db && actions ? watch(actions, db, setValue) : undefined), [db, actions, watch]);
  return value;
}

/** Database name → its keyring's presence as last read live: the key screen shown again after a lock starts from it, not from the probe made at start. */
const lastRead = new Map<string, boolean>();

const watchKeyring = (actions: KeyActions, db: PolkuDatabase, changed: (value: boolean) => void) =>
  actions.watchKeyring(db, (stored) => {
    lastRead.set(db.name, stored);
    changed(stored);
  });
const watchStoredData = (actions: KeyActions, db: PolkuDatabase, changed: (value: boolean) => void) => actions.watchStoredData(db, changed);

/** Runs a key action once the database and the actions have loaded (at once when they have). */
function useKeyAction(): <T>(action: (actions: KeyActions, db: PolkuDatabase) => Promise<T>) => Promise<T> {
  const loaded = useDatabaseLoaded();
  return async (action) => {
    const [actions, db] = await Promise.all([loadKeyActions(), loaded]);
    return action(actions, db);
  };
}

export function KeyScreen() {
  const db = useOptionalDatabase();
  const hint = useContext(KeyringHint);
  const actions = useKeyActions(hint !== undefined);
  // The live answer wins, then the last one read, then the probe's.
  const keyring = useWatched(db, actions, watchKeyring) ?? (db ? lastRead.get(db.name) : undefined) ?? hint;
  // This page's own set-up stores the keyring before it seals the older rows (storage/keyring.ts):
  // the set-up screen, with its progress, stays until the session opens or the set-up fails.
  const [settingUp, setSettingUp] = useState(false);
  const ready = keyring !== undefined;
  useEffect(() => {
    if (ready) firstScreenShown();
  }, [ready]);
  if (settingUp) return <SetUp onBusy={setSettingUp} db={db} actions={actions} />;
  if (keyring === undefined) return <div className="lock-screen" aria-busy="true" />;
  return keyring ? <Unlock /> : <SetUp onBusy={setSettingUp} db={db} actions={actions} />;
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

/** What became of a set-up or an unlock: `failed` is a storage failure, which `run` shows. */
async function runKeyAction(run: (action: () => Promise<unknown>) => Promise<boolean>, action: () => Promise<KeyOutcome>): Promise<KeyOutcome | 'failed'> {
  let outcome: KeyOutcome = 'refused';
  const ok = await run(async () => {
    outcome = await action();
  });
  return ok ? outcome : 'failed';
}

type SetUpProblem = 'short' | 'mismatch' | 'otherTab' | null;

function SetUp({ onBusy, db, actions }: { onBusy: (busy: boolean) => void; db: PolkuDatabase | null; actions: KeyActions | null }) {
  const { t } = useTranslation('lock');
  const keyAction = useKeyAction();
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
  const hasData = useWatched(db, actions, watchStoredData);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: SetUpProblem = passphrase.length < MIN_PASSPHRASE_LENGTH ? 'short' : passphrase !== repeat ? 'mismatch' : null;
    setProblem(found);
    if (found) return;
    setBusy(true);
    const outcome = await runKeyAction(storage.run, () => keyAction((key, db) => key.setUp(db, passphrase, setSealed)));
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
  const keyAction = useKeyAction();
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
    const outcome = await runKeyAction(storage.run, () => keyAction((key, db) => key.unlock(db, passphrase, setSealed)));
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
  const keyAction = useKeyAction();
  const [understood, setUnderstood] = useState(false);
  const [failed, setFailed] = useState(false);
  const erase = async () => {
    try {
      await keyAction((key, db) => key.erase(db));
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
