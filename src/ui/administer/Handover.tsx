/**
 * Hand-over mode: the device is given to a pupil or parent, who sees only one questionnaire, one
 * item per screen. Leaving needs the practitioner PIN. While the `handover` setting is set, every
 * practitioner route leads back here (HandoverGuard), so the back button, a typed address or a
 * reload never shows a case.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { i18n as I18n } from 'i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { writeSetting, type PinRecord } from '../../storage/settings';
import { useDatabase } from '../app/database-context';
import { useSettings } from '../app/live-settings';
import { LocalText } from '../app/LocalText';
import { blockedText, usePinEntry } from '../app/pin-attempts';
import { PinInput } from '../app/PinInput';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { Runner } from './Runner';
import { loadLanguage } from '../i18n';
import { useAdministration } from './use-administration';
import './administer.css';

export function HandoverPage() {
  const { administrationId = '' } = useParams();
  const settings = useSettings();
  // Set while the PIN was accepted and the setting is being cleared: no redirect in between.
  const [leaving, setLeaving] = useState(false);

  // Until the settings are read, a frame without words: the interface language may not be the pupil's.
  if (!settings) return <HandoverFrame title={null}>{null}</HandoverFrame>;
  if (settings.handover?.administrationId !== administrationId) {
    return leaving ? null : <Navigate to={`/administrations/${encodeURIComponent(administrationId)}`} replace />;
  }
  return (
    <InQuestionnaireLanguage administrationId={administrationId}>
      <Handover administrationId={administrationId} pin={settings.pin} onLeaving={setLeaving} />
    </InQuestionnaireLanguage>
  );
}

/**
 * The pupil or parent reads the whole screen — buttons, progress, thank-you — in the language
 * the questionnaire is answered in, which may differ from the practitioner's interface language.
 */
function InQuestionnaireLanguage({ administrationId, children }: { administrationId: string; children: ReactNode }) {
  const { i18n } = useTranslation();
  const db = useDatabase();
  // null: no such administration (the hand-over screen then says so in the interface language).
  const language = useLiveQuery(async () => (await db.administrations.get(administrationId))?.language ?? null, [db, administrationId]);
  // The questionnaire language's texts once loaded; `failed`: they could not be (the interface language is used then).
  const [loaded, setLoaded] = useState<{ language: string; instance: I18n; failed?: boolean }>();
  useEffect(() => {
    let live = true;
    if (language && language !== i18n.language) {
      loadLanguage(i18n, language).then(
        () => live && setLoaded({ language, instance: i18n.cloneInstance({ lng: language }) }),
        () => live && setLoaded({ language, instance: i18n, failed: true }),
      );
    }
    return () => {
      live = false;
    };
  }, [i18n, language]);
  const settled = loaded !== undefined && loaded.language === language;
  const local = settled && language !== i18n.language ? loaded.instance : i18n;
  // Nothing is drawn in the interface language while the questionnaire's is still loading.
  if (language === undefined || (language !== null && language !== i18n.language && !settled)) return <HandoverFrame title={null}>{null}</HandoverFrame>;
  return (
    <I18nextProvider i18n={local}>
      <div lang={local.language}>{children}</div>
    </I18nextProvider>
  );
}

function HandoverFrame({ title, action, children }: { title: ReactNode; action?: ReactNode; children: ReactNode }) {
  return (
    <div className="handover">
      <header className="handover-bar">
        <span className="handover-title">{title}</span>
        {action}
      </header>
      <main id="main" className="handover-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function Handover({ administrationId, pin, onLeaving }: { administrationId: string; pin: PinRecord | undefined; onLeaving: (leaving: boolean) => void }) {
  const { t } = useTranslation('administer');
  const db = useDatabase();
  const navigate = useNavigate();
  const state = useAdministration(administrationId);
  const [prompt, setPrompt] = useState(false);
  const storage = useStorageAction();
  // Back from the PIN prompt, focus returns to the button that opened it.
  const returnButton = useRef<HTMLButtonElement>(null);
  const promptWasOpen = useRef(false);
  useEffect(() => {
    if (promptWasOpen.current && !prompt) returnButton.current?.focus();
    promptWasOpen.current = prompt;
  }, [prompt]);

  const missing = state.status === 'missing';
  useEffect(() => {
    // Deleted meanwhile: end the hand-over; the practitioner page then says it does not exist.
    if (missing) writeSetting(db, 'handover', undefined).catch(() => undefined);
  }, [missing, db]);

  const leave = async () => {
    const caseId = state.status === 'ready' || state.status === 'no-definition' ? state.record.caseId : undefined;
    onLeaving(true);
    const ok = await storage.run(() => writeSetting(db, 'handover', undefined));
    if (!ok) {
      onLeaving(false);
      return;
    }
    void navigate(caseId ? `/cases/${encodeURIComponent(caseId)}` : '/', { replace: true });
  };

  const title = state.status === 'ready' ? <LocalText text={state.definition.title} language={state.record.language} /> : null;
  const action = prompt ? null : (
    <button ref={returnButton} type="button" className="handover-return" onClick={() => setPrompt(true)}>
      {t('handover.return')}
    </button>
  );

  let content: ReactNode;
  if (prompt) {
    content = (
      <>
        <StorageAlert error={storage.error} />
        <ReturnPrompt pin={pin} onCancel={() => setPrompt(false)} onAccepted={leave} />
      </>
    );
  } else if (state.status === 'loading' || state.status === 'missing') {
    content = <p role="status">{t('common:app.loading')}</p>;
  } else if (state.status === 'no-definition') {
    content = (
      <section className="handover-message">
        <h1>{t('handover.unavailableTitle')}</h1>
        <p>{t('handover.unavailableText')}</p>
      </section>
    );
  } else if (state.record.status === 'complete') {
    content = (
      <section className="handover-message handover-thanks" aria-labelledby="handover-thanks-title">
        <h1 id="handover-thanks-title">{t('handover.thanksTitle')}</h1>
        <p className="lead">{t('handover.thanksText')}</p>
      </section>
    );
  } else {
    content = <Runner key={state.record.id} record={state.record} definition={state.definition} layout="one-per-screen" respondent />;
  }

  return (
    <HandoverFrame title={title} action={action}>
      {content}
    </HandoverFrame>
  );
}

/* ───────────────────────────── the PIN prompt ───────────────────────────── */

function ReturnPrompt({ pin, onCancel, onAccepted }: { pin: PinRecord | undefined; onCancel: () => void; onAccepted: () => Promise<void> }) {
  const { t, i18n } = useTranslation('administer');
  const [value, setValue] = useState('');
  const entry = usePinEntry(pin);
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { blocked, wrong, checking } = entry;

  useEffect(() => {
    (input.current ?? heading.current)?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pin || checking) return;
    if (await entry.check(value)) {
      await onAccepted();
      return;
    }
    setValue('');
    input.current?.focus();
  };

  if (!pin) {
    return (
      <section className="card handover-prompt" aria-labelledby="handover-prompt-title">
        <h1 id="handover-prompt-title" ref={heading} tabIndex={-1}>
          {t('handover.promptTitle')}
        </h1>
        <p className="notice notice-warning">{t('handover.noPin')}</p>
        <div className="runner-nav">
          <button type="button" className="button button-primary button-large" onClick={() => void onAccepted()}>
            {t('handover.confirmReturn')}
          </button>
          <button type="button" className="button button-large" onClick={onCancel}>
            {t('handover.cancel')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card handover-prompt" aria-labelledby="handover-prompt-title">
      <h1 id="handover-prompt-title" ref={heading} tabIndex={-1}>
        {t('handover.promptTitle')}
      </h1>
      <p>{t('handover.promptText')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <PinInput
          label={t('handover.pinLabel')}
          className="handover-pin"
          value={value}
          onChange={setValue}
          blocked={blocked}
          invalid={wrong && !blocked}
          {...(blocked || wrong ? { messageId: 'handover-pin-message' } : {})}
          inputRef={input}
        />
        {blocked ? (
          <p id="handover-pin-message" role="alert" className="alert alert-error">
            {blockedText(entry, t, 'handover', i18n.language)}
          </p>
        ) : (
          wrong && (
            <p id="handover-pin-message" role="alert" className="alert alert-error">
              {t('handover.wrongPin', { count: entry.triesLeft })}
            </p>
          )
        )}
        <div className="runner-nav">
          <button type="submit" className="button button-primary button-large" disabled={blocked || checking || value.length === 0}>
            {checking ? t('handover.checking') : t('handover.submit')}
          </button>
          <button type="button" className="button button-large" onClick={onCancel}>
            {t('handover.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
