/**
 * Settings → Backup (anchor #backup): make an encrypted backup file (an unencrypted one only as
 * an explicit choice, with a warning), and restore one: the file is checked completely and the
 * user sees what will happen before anything is written, in one transaction.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { applyRestore, makeBackup, readDevice, recordBackup } from '../../storage/backup';
import { BACKUP_EXTENSION, inspectBackup, MIN_PASSPHRASE_LENGTH, type BackupHeader } from '../../storage/backup-file';
import { readBackup, type BackupContent, type ReadFailure } from '../../storage/backup-validate';
import { planRestore, type RestorePlan } from '../../storage/restore-plan';
import { useDatabase } from '../app/database-context';
import { useSettings } from '../app/live-settings';
import { TextField } from '../app/TextField';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { formatDateTime } from '../../format/locale';
import { DataTable } from '../app/DataTable';
import './backup.css';

export function BackupSection() {
  const { t } = useTranslation('backup');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { hash } = useLocation();

  // Arriving from the reminder (/settings#backup): bring this section into view.
  useEffect(() => {
    if (hash !== '#backup' || !headingRef.current) return;
    const heading = headingRef.current;
    if (typeof heading.scrollIntoView === 'function') heading.scrollIntoView({ block: 'start' });
    heading.focus();
  }, [hash]);

  return (
    <section id="backup" className="settings-section backup-section" aria-labelledby="backup-title">
      <h2 id="backup-title" ref={headingRef} tabIndex={-1}>
        {t('title')}
      </h2>
      <p className="muted">{t('intro')}</p>
      <LastBackup />
      <MakeBackup />
      <RestoreBackup />
    </section>
  );
}

function LastBackup() {
  const { t, i18n } = useTranslation('backup');
  const settings = useSettings();
  if (!settings) return null;
  const last = settings.lastBackupAt;
  return <p className={last ? 'backup-last' : 'backup-last notice notice-warning'}>{last ? t('last.at', { date: formatDateTime(last, i18n.language) }) : t('last.never')}</p>;
}

type Strength = 'short' | 'weak' | 'fair' | 'strong';

function passphraseStrength(passphrase: string): Strength {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'short';
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((pattern) => pattern.test(passphrase)).length;
  if (length >= 16 || (length >= 12 && classes >= 3)) return 'strong';
  if (length >= 12 || classes >= 3) return 'fair';
  return 'weak';
}

/** The file is offered as a download: a Blob behind an object URL and a temporary <a download>. */
function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | null;
  extra?: string;
  autoComplete: 'new-password' | 'current-password' | 'off';
}

function PasswordField({ id, label, value, onChange, hint, error, extra, autoComplete }: PasswordFieldProps) {
  return (
    <TextField
      id={id}
      className="field-narrow backup-field"
      label={label}
      value={value}
      onChange={onChange}
      {...(hint ? { hint } : {})}
      error={error ?? null}
      {...(extra ? { describedBy: extra } : {})}
      input={{ type: 'password', autoComplete, spellCheck: false }}
    />
  );
}

function MakeBackup() {
  const { t, i18n } = useTranslation('backup');
  const db = useDatabase();
  const { run, error } = useStorageAction();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [unencrypted, setUnencrypted] = useState(false);
  const [errors, setErrors] = useState<{ passphrase?: string; repeat?: string }>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const passphraseRef = useRef<HTMLDivElement>(null);
  const strength = passphraseStrength(passphrase);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    if (!unencrypted) {
      const found: { passphrase?: string; repeat?: string } = {};
      if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) found.passphrase = t('make.errors.tooShort');
      else if (repeat !== passphrase) found.repeat = t('make.errors.mismatch');
      setErrors(found);
      if (found.passphrase || found.repeat) {
        passphraseRef.current?.querySelector<HTMLInputElement>(found.passphrase ? '#backup-passphrase' : '#backup-repeat')?.focus();
        return;
      }
    }
    setBusy(true);
    let made: Awaited<ReturnType<typeof makeBackup>> | undefined;
    const ok = await run(async () => {
      made = await makeBackup(db, { passphrase: unencrypted ? null : passphrase });
      download(made.text, made.fileName);
      await recordBackup(db, made);
    });
    setBusy(false);
    if (ok && made) {
      setPassphrase('');
      setRepeat('');
      setUnencrypted(false);
      const date = formatDateTime(made.createdAt, i18n.language);
      setDone(t(made.encrypted ? 'make.done' : 'make.doneUnencrypted', { date, file: made.fileName }));
    }
  };

  return (
    <section className="backup-part" aria-labelledby="backup-make-title">
      <h3 id="backup-make-title">{t('make.title')}</h3>
      <form noValidate className="settings-form" onSubmit={(event) => void submit(event)}>
        {!unencrypted && (
          <div ref={passphraseRef} className="backup-passphrases">
            <PasswordField
              id="backup-passphrase"
              label={t('make.passphrase')}
              value={passphrase}
              onChange={(value) => {
                setPassphrase(value);
                setErrors({});
                setDone('');
              }}
              hint={t('make.passphraseHint')}
              extra="backup-strength"
              error={errors.passphrase}
              autoComplete="new-password"
            />
            <p id="backup-strength" className={`backup-strength backup-strength-${strength}`} aria-live="polite">
              {passphrase ? t(`strength.${strength}`) : ''}
            </p>
            <PasswordField
              id="backup-repeat"
              label={t('make.repeat')}
              value={repeat}
              onChange={(value) => {
                setRepeat(value);
                setErrors({});
              }}
              error={errors.repeat}
              autoComplete="new-password"
            />
          </div>
        )}
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              checked={unencrypted}
              onChange={(event) => {
                setUnencrypted(event.target.checked);
                setDone('');
              }}
              aria-describedby={unencrypted ? 'backup-unencrypted-warning' : undefined}
            />
            {t('make.unencrypted')}
          </label>
        </div>
        {unencrypted && (
          <p id="backup-unencrypted-warning" className="notice notice-warning backup-warning">
            {t('make.unencryptedWarning')}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className={unencrypted ? 'button button-danger' : 'button button-primary'} disabled={busy}>
            {t(unencrypted ? 'make.submitUnencrypted' : 'make.submit')}
          </button>
          <p role="status" className="saved-message">
            {busy ? t('make.working') : done}
          </p>
        </div>
        <StorageAlert error={error} />
      </form>
    </section>
  );
}

type Refusal = { key: string; params?: Record<string, string | number>; items?: string[] };

type RestoreState = { step: 'choose' } | { step: 'preview'; backup: BackupContent; plan: RestorePlan } | { step: 'done'; plan: RestorePlan };

function RestoreBackup() {
  const { t, i18n } = useTranslation('backup');
  const db = useDatabase();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const { run, error: storageError, clear: clearStorageError } = useStorageAction();
  const [file, setFile] = useState<{ text: string; header: BackupHeader } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState<'' | 'reading' | 'checking' | 'working'>('');
  const [state, setState] = useState<RestoreState>({ step: 'choose' });

  useEffect(() => {
    if (state.step === 'preview') previewRef.current?.focus();
  }, [state.step]);

  const refuse = (failure: ReadFailure) => {
    if (failure.reason === 'invalid-records') {
      const items = failure.problems.map((problem) => {
        const table = t(`restore.tables.${problem.table}`, { defaultValue: problem.table });
        const what = t(`restore.problems.${problem.code}`);
        return problem.index === null
          ? t('restore.tableProblem', { table, problem: what })
          : t('restore.problem', { table, number: problem.index + 1, field: problem.path || t('restore.record'), problem: what });
      });
      setRefusal({ key: 'restore.errors.invalid-records', params: { count: failure.total }, items });
    } else setRefusal({ key: `restore.errors.${failure.reason}` });
  };

  const reset = () => {
    setFile(null);
    setPassphrase('');
    setState({ step: 'choose' });
    if (fileRef.current) fileRef.current.value = '';
  };

  const choose = async (chosen: File | undefined) => {
    setRefusal(null);
    clearStorageError();
    setFile(null);
    setState({ step: 'choose' });
    if (!chosen) return;
    setBusy('reading');
    try {
      const text = await chosen.text();
      const inspected = inspectBackup(text);
      if (inspected.ok) setFile({ text, header: inspected.header });
      else refuse(inspected);
    } catch {
      setRefusal({ key: 'restore.errors.read' });
    } finally {
      setBusy('');
    }
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    clearStorageError();
    if (!file) {
      setRefusal({ key: 'restore.errors.noFile' });
      return;
    }
    setBusy('checking');
    try {
      const result = await readBackup(file.text, file.header.encryption ? passphrase : null);
      if (!result.ok) {
        refuse(result);
        return;
      }
      let device: Awaited<ReturnType<typeof readDevice>> | undefined;
      if (!(await run(async () => (device = await readDevice(db)))) || !device) return;
      const plan = planRestore(device, result.backup.tables);
      if (plan.packConflicts.length > 0) {
        setRefusal({ key: 'restore.errors.pack-conflict', params: { refs: plan.packConflicts.join(', ') } });
        return;
      }
      setState({ step: 'preview', backup: result.backup, plan });
    } finally {
      setBusy('');
    }
  };

  const confirm = async () => {
    if (state.step !== 'preview') return;
    setBusy('working');
    let outcome: Awaited<ReturnType<typeof applyRestore>> | undefined;
    const ok = await run(async () => {
      outcome = await applyRestore(db, state.backup);
    });
    setBusy('');
    if (!ok || !outcome) return;
    if (!outcome.ok) {
      setRefusal({ key: 'restore.errors.pack-conflict', params: { refs: outcome.refs.join(', ') } });
      setState({ step: 'choose' });
      return;
    }
    const plan = outcome.plan;
    reset();
    setState({ step: 'done', plan });
  };

  const status = busy
    ? t(`restore.${busy}`)
    : state.step === 'done'
      ? t('restore.done', { cases: state.plan.cases.added + state.plan.cases.updated, administrations: state.plan.administrations.added + state.plan.administrations.updated })
      : '';

  return (
    <section className="backup-part" aria-labelledby="backup-restore-title">
      <h3 id="backup-restore-title">{t('restore.title')}</h3>
      <p className="muted">{t('restore.intro')}</p>
      <form noValidate className="settings-form" onSubmit={(event) => void check(event)}>
        <div className="field">
          <label htmlFor={inputId}>{t('restore.file')}</label>
          <input
            id={inputId}
            ref={fileRef}
            type="file"
            accept={`${BACKUP_EXTENSION},.json,application/json`}
            aria-describedby={file ? `${inputId}-info` : undefined}
            disabled={state.step === 'preview'}
            onChange={(event) => void choose(event.target.files?.[0])}
          />
          {file && (
            <p id={`${inputId}-info`} className={file.header.encryption ? 'field-hint' : 'notice notice-warning backup-warning'}>
              {t(file.header.encryption ? 'restore.fileEncrypted' : 'restore.filePlain', { date: formatDateTime(file.header.createdAt, i18n.language) })}
            </p>
          )}
        </div>
        {file?.header.encryption && state.step === 'choose' && (
          <PasswordField id="backup-restore-passphrase" label={t('restore.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="off" />
        )}
        {state.step !== 'preview' && (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy !== '' || !file}>
              {t('restore.check')}
            </button>
          </div>
        )}
      </form>

      {refusal && (
        <div role="alert" className="alert alert-error backup-refusal">
          <p>{t(refusal.key, refusal.params)}</p>
          {refusal.items && (
            <ul>
              {refusal.items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          )}
          <p>{t('restore.nothingChanged')}</p>
        </div>
      )}

      {state.step === 'preview' && (
        <RestorePreview plan={state.plan} header={state.backup.header} headingRef={previewRef} busy={busy === 'working'} onConfirm={() => void confirm()} onCancel={reset} />
      )}
      <StorageAlert error={storageError && `${storageError} ${t('restore.nothingChanged')}`} />
      <p role="status" className="saved-message">
        {status}
      </p>
    </section>
  );
}

interface PreviewProps {
  plan: RestorePlan;
  header: BackupHeader;
  headingRef: RefObject<HTMLHeadingElement | null>;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

function RestorePreview({ plan, header, headingRef, busy, onConfirm, onCancel }: PreviewProps) {
  const { t, i18n } = useTranslation('backup');
  const rows: [string, number][] = [
    ['casesAdded', plan.cases.added],
    ['casesUpdated', plan.cases.updated],
    ['casesKept', plan.cases.kept],
    ['casesSame', plan.cases.same],
    ['administrationsAdded', plan.administrations.added],
    ['administrationsUpdated', plan.administrations.updated],
    ['administrationsKept', plan.administrations.kept],
    ['administrationsSame', plan.administrations.same],
    ['packsAdded', plan.instrumentPacks.added],
    ['packsSame', plan.instrumentPacks.same],
    ['statusChanged', plan.instrumentStatus.added + plan.instrumentStatus.updated],
    ['plansAdded', plan.plans.added],
    ['plansUpdated', plan.plans.updated],
    ['attendanceAdded', plan.attendance.added],
    ['attendanceUpdated', plan.attendance.updated],
    ['projectsAdded', plan.exportProjects.added + plan.studyIds.added],
    ['auditAdded', plan.audit.added],
  ];
  return (
    <section className="panel backup-preview" aria-labelledby="backup-preview-title">
      <h4 id="backup-preview-title" ref={headingRef} tabIndex={-1}>
        {t('preview.title')}
      </h4>
      <p>{t('preview.made', { date: formatDateTime(header.createdAt, i18n.language) })}</p>
      <p className={plan.mode === 'merge' ? 'notice' : undefined}>{t(plan.mode === 'empty' ? 'preview.empty' : 'preview.merge')}</p>
      {/* Into an empty device nothing can be updated or kept: only what is added (or already here) is listed. */}
      <DataTable
        className="compact backup-counts"
        scroll={false}
        caption={t('preview.title')}
        captionHidden
        rows={rows.filter(([key, count]) => plan.mode === 'merge' || count > 0 || key.endsWith('Added'))}
        rowKey={([key]) => key}
        columns={[
          { header: t('preview.what'), cell: ([key]) => t(`preview.${key}`), rowHeader: true },
          { header: t('preview.count'), cell: ([, count]) => count, numeric: true },
        ]}
      />
      {plan.renamed.length > 0 && (
        <>
          <h5>{t('preview.renamedTitle')}</h5>
          <ul className="backup-renamed">
            {plan.renamed.map((rename) => (
              <li key={rename.caseId}>{t('preview.renamed', { from: rename.from, to: rename.to })}</li>
            ))}
          </ul>
        </>
      )}
      <p>{plan.mode === 'empty' ? t('preview.settingsRestored', { count: plan.settings.restored }) : t('preview.settingsKept', { count: plan.settings.kept })}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onConfirm} disabled={busy}>
          {t('restore.confirm')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('restore.cancel')}
        </button>
      </div>
    </section>
  );
}
