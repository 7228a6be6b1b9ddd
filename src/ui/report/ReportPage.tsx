import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import { LANGUAGES, isLanguage, type Language } from '../../instrument/languages';
import { localize } from '../../instrument/text';
import type { AdministrationRecord, CaseRecord, PlanRecord } from '../../storage/records';
import { REPORT_PARTS, type ReportPart } from '../../report/model';
import { isOutOfMemory, keepReportDrawingReady, makeCaseReport, type ReportStage } from '../../jobs/case-report';
import { useDatabase } from '../app/database-context';
import { CaseGate } from '../app/CaseGate';
import { useAttendanceDayCount, useCaseAdministrations, usePlans } from '../app/reads';
import { useCatalogState } from '../instruments/catalog-context';
import { CatalogGate } from '../instruments/CatalogGate';
import { formatDateTime } from '../../format/locale';
import { reportTranslate } from './report-texts';
import './report.css';

export function ReportPage() {
  const { caseId = '' } = useParams();
  const state = useCatalogState();
  const administrations = useCaseAdministrations(caseId);
  const plans = usePlans(caseId);
  const attendanceDays = useAttendanceDayCount(caseId);
  return (
    <CaseGate caseId={caseId} waitFor={[administrations, plans, attendanceDays]}>
      {(record, administrations, plans, attendanceDays) => (
        <CatalogGate state={state}>
          {(catalog) => (
            <ReportForm
              record={record}
              administrations={administrations.filter((a) => a.status === 'complete')}
              plans={[...plans].reverse()}
              attendanceDays={attendanceDays}
              catalog={catalog}
            />
          )}
        </CatalogGate>
      )}
    </CaseGate>
  );
}

type Progress =
  | { status: 'idle' }
  | { status: 'making'; stage: ReportStage; share?: number }
  | { status: 'done'; url: string; fileName: string; pages: number }
  | { status: 'failed'; memory: boolean };

interface FormProps {
  record: CaseRecord;
  administrations: AdministrationRecord[];
  plans: PlanRecord[];
  attendanceDays: number;
  catalog: Catalog;
}

function ReportForm({ record, administrations, plans, attendanceDays, catalog }: FormProps) {
  const { t, i18n } = useTranslation(['report', 'cases']);
  const db = useDatabase();
  const interfaceLanguage = (isLanguage(i18n.language) ? i18n.language : 'en') as Language;
  const [language, setLanguage] = useState<Language>(interfaceLanguage);
  const [includeName, setIncludeName] = useState(false);
  const [parts, setParts] = useState<ReadonlySet<ReportPart>>(() => new Set(REPORT_PARTS));
  // Everything completed is in the report unless unticked; later additions (live) start ticked too.
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(() => new Set());
  const [progress, setProgress] = useState<Progress>({ status: 'idle' });
  const urlRef = useRef<string | null>(null);

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );
  // The PDF is drawn in a worker, started while the choices are made: "Make PDF" does not wait for it to load.
  useEffect(() => keepReportDrawingReady(), []);

  const chosenAdministrations = administrations.filter((a) => !excluded.has(a.id));
  const chosenPlans = plans.filter((p) => !excluded.has(p.id));
  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };
  const nothing = chosenAdministrations.length === 0 && chosenPlans.length === 0 && parts.size === 0;
  const making = progress.status === 'making';

  const make = async () => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
    setProgress({ status: 'making', stage: 'load' });
    try {
      const translate = await reportTranslate(i18n, language);
      const made = await makeCaseReport({
        db,
        caseId: record.id,
        definitions: catalog,
        t: translate,
        options: { language, includeName, parts, administrationIds: chosenAdministrations.map((a) => a.id), planIds: chosenPlans.map((p) => p.id) },
        onProgress: (stage, share) => setProgress(share === undefined ? { status: 'making', stage } : { status: 'making', stage, share }),
      });
      const url = URL.createObjectURL(new Blob([made.bytes], { type: 'application/pdf' }));
      urlRef.current = url;
      setProgress({ status: 'done', url, fileName: made.fileName, pages: made.pages });
      // Start the download at once; the link stays for downloading it again.
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = made.fileName;
      anchor.hidden = true;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
    } catch (error) {
      // The words are for the user; the details for whoever looks at the console.
      console.error(error);
      setProgress({ status: 'failed', memory: isOutOfMemory(error) });
    }
  };

  return (
    <article className="page report-page" aria-labelledby="report-title">
      <p>
        <Link to={`/cases/${record.id}`}>← {t('page.back')}</Link>
      </p>
      <h1 id="report-title">{t('page.title', { code: record.code })}</h1>
      <p className="lead">{t('page.lead')}</p>

      <fieldset className="segmented" aria-describedby="report-language-hint">
        <legend>{t('page.language')}</legend>
        {LANGUAGES.map((l) => (
          <label key={l} className={l === language ? 'selected' : undefined}>
            <input type="radio" name="report-language" value={l} checked={l === language} onChange={() => setLanguage(l)} disabled={making} />
            <span lang={l}>{t(`common:languages.${l}`)}</span>
          </label>
        ))}
      </fieldset>
      <p id="report-language-hint" className="muted">
        {t('page.languageHint')}
      </p>

      <fieldset className="report-choices" disabled={making}>
        <legend>{t('page.parts')}</legend>
        <p className="field-hint">{t('page.partsHint')}</p>
        <ul>
          <li>
            <label>
              <input type="checkbox" checked={includeName} onChange={(e) => setIncludeName(e.target.checked)} aria-describedby="report-name-hint" />
              <span>{t('page.includeName')}</span>
            </label>
            <p id="report-name-hint" className="field-hint">
              {t('page.includeNameHint')}
            </p>
          </li>
          {REPORT_PARTS.map((part) => (
            <li key={part}>
              <label>
                <input type="checkbox" checked={parts.has(part)} onChange={(e) => setParts(toggle(parts, part, e.target.checked))} />
                <span>{t(`page.part.${part}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="report-choices" disabled={making}>
        <legend>{t('page.administrations')}</legend>
        {administrations.length === 0 ? (
          <p>{t('page.noCompleted')}</p>
        ) : (
          <>
            <p className="field-hint">{t('page.administrationsHint')}</p>
            <div className="toolbar">
              <button type="button" className="button" onClick={() => setExcluded(new Set([...excluded].filter((id) => !administrations.some((a) => a.id === id))))}>
                {t('page.selectAll')}
              </button>
              <button type="button" className="button" onClick={() => setExcluded(new Set([...excluded, ...administrations.map((a) => a.id)]))}>
                {t('page.selectNone')}
              </button>
            </div>
            <ul>
              {administrations.map((a) => {
                const definition = catalog.find(`${a.instrumentId}@${a.instrumentVersion}`);
                const title = definition ? localize(definition.title, interfaceLanguage).text : `${a.instrumentId}@${a.instrumentVersion}`;
                return (
                  <li key={a.id}>
                    <label>
                      <input type="checkbox" checked={!excluded.has(a.id)} onChange={(e) => setExcluded(toggle(excluded, a.id, !e.target.checked))} />
                      <span>
                        {title}{' '}
                        <span className="choice-meta">
                          · {t(`cases:informantKind.${a.informant}`)} · {formatDateTime(a.completedAt ?? a.updatedAt, i18n.language)}
                        </span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </fieldset>

      <fieldset className="report-choices" disabled={making}>
        <legend>{t('page.plans')}</legend>
        {plans.length === 0 ? (
          <p>{t('page.noPlans')}</p>
        ) : (
          <ul>
            {plans.map((p) => (
              <li key={p.id}>
                <label>
                  <input type="checkbox" checked={!excluded.has(p.id)} onChange={(e) => setExcluded(toggle(excluded, p.id, !e.target.checked))} />
                  <span>
                    {p.title} <span className="choice-meta">· {t('page.planSteps', { count: p.steps.filter((s) => s.status !== 'revised').length })}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <p className="field-hint">{t('page.attendanceDays', { count: attendanceDays })}</p>
      </fieldset>

      <div className="report-actions">
        <button type="button" className="button button-primary" onClick={() => void make()} disabled={making || nothing} aria-describedby={nothing ? 'report-nothing' : undefined}>
          {making ? t('page.making') : t('page.make')}
        </button>
        {progress.status === 'done' && (
          <a className="button" href={progress.url} download={progress.fileName}>
            {t('page.download', { file: progress.fileName })}
          </a>
        )}
      </div>
      {nothing && (
        <p id="report-nothing" className="field-hint">
          {t('page.nothingChosen')}
        </p>
      )}
      <p role="status" className="report-status">
        {progress.status === 'making' && t(`page.progress.${progress.stage}`)}
        {progress.status === 'making' && progress.share !== undefined && (
          <>
            {' '}
            <progress max={1} value={progress.share} aria-label={t('page.progress.draw')} />
          </>
        )}
        {progress.status === 'done' && t('page.done', { file: progress.fileName, count: progress.pages })}
      </p>
      {progress.status === 'failed' && (
        <p role="alert" className="alert alert-error">
          {t(progress.memory ? 'page.failedMemory' : 'page.failed')}
        </p>
      )}
    </article>
  );
}
