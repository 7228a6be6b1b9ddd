/**
 * Research export: a project, which questionnaires, what each row says about the child, which
 * files; a preview with the small-cell check before anything is written; then a zip download.
 * Nothing that names or dates a child can reach a file (src/export, src/storage/research.ts).
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import type { Language } from '../../instrument/schema';
import { localize } from '../../instrument/text';
import { DEFAULT_OPTIONS, FORMATS, type ExportFilter, type ExportOptions } from '../../export/types';
import { offeredInformants } from '../../instrument/informants';
import { listProjects, readExportSource } from '../../storage/research';
import { ExportFailure, previewExport, runExport, type ExportStep } from '../../jobs/research-export';
import { useDatabase } from '../app/database-context';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { useCatalogState } from '../instruments/catalog-context';
import { CatalogGate } from '../instruments/CatalogGate';
import { CheckChoice, RadioChoices } from './Choices';
import { PastExports } from './PastExports';
import { ProjectSection } from './ProjectSection';
import { SmallCells } from './SmallCells';
import './research.css';
import { Loading } from '../app/Loading';

const isBadRange = (options: ExportOptions) => Boolean(options.filter.from && options.filter.to && options.filter.from > options.filter.to);

export function ResearchPage() {
  const state = useCatalogState();
  return <CatalogGate state={state}>{(catalog) => <Research catalog={catalog} />}</CatalogGate>;
}

const K_CHOICES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20];

interface Download {
  url: string;
  fileName: string;
  cases: number;
  administrations: number;
}

function Research({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation(['research', 'cases', 'research-run']);
  const db = useDatabase();
  const projects = useLiveQuery(() => listProjects(db), [db]);
  const [chosen, setChosen] = useState<string | null>(null);
  const projectId = chosen && projects?.some((p) => p.id === chosen) ? chosen : (projects?.[0]?.id ?? null);
  const source = useLiveQuery(() => readExportSource(db), [db]);
  const [options, setOptions] = useState<ExportOptions>(DEFAULT_OPTIONS);
  // The small groups the researcher accepted: a change that alters them asks again.
  const [acknowledgedFor, setAcknowledgedFor] = useState<string | null>(null);
  // The step of the export being made (null: none); the export runs in a worker (src/platform/run-in-worker.ts).
  const [step, setStep] = useState<ExportStep | null>(null);
  const busy = step !== null;
  // The share of rows written while the files go into the zip; a cancelled export says so until the next one.
  const [share, setShare] = useState(0);
  const [cancelled, setCancelled] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [download, setDownload] = useState<Download | null>(null);
  const { error, report, clear } = useStorageAction();
  const link = useRef<HTMLAnchorElement>(null);
  const running = useRef<AbortController | null>(null);
  const definitions = catalog.all();

  const badRange = isBadRange(options);
  // The check of the whole selection takes a noticeable moment with many cases: it follows the
  // choices as a deferred value, so a tick or a typed date shows at once and the check catches up.
  const checked = useDeferredValue(options);
  const stale = checked !== options;
  // Only the choices the check depends on: a change of files, separator or BOM costs nothing.
  const { filter, age, gender, schoolYear, informant, dates, k } = checked;
  const checkKey = JSON.stringify({ filter, age, gender, schoolYear, informant, dates, k });
  const checkOptions = useMemo((): ExportOptions => ({ ...DEFAULT_OPTIONS, ...(JSON.parse(checkKey) as Partial<ExportOptions>) }), [checkKey]);
  const analysis = useMemo(() => (source && !isBadRange(checkOptions) ? previewExport(source, definitions, checkOptions) : undefined), [source, definitions, checkOptions]);
  const hasExample = source?.cases.some((c) => c.example) ?? false;

  // Leaving the screen stops an export being made: nothing is saved, no file is offered.
  useEffect(() => () => running.current?.abort(), []);

  // A new file replaces the old link; the object URL is released with it.
  useEffect(() => {
    if (!download) return;
    link.current?.click();
    return () => URL.revokeObjectURL(download.url);
  }, [download]);

  const update = (patch: Partial<ExportOptions>) => {
    setOptions((current) => ({ ...current, ...patch }));
    setDownload(null);
  };
  const updateFilter = (patch: Partial<ExportFilter>) => update({ filter: { ...options.filter, ...patch } });
  const toggle = <T extends string>(list: readonly T[] | undefined, value: T, on: boolean): T[] => (on ? [...(list ?? []), value] : (list ?? []).filter((v) => v !== value));

  const instruments = [...catalog.byId().entries()].map(([id, versions]) => ({ id, title: localize(versions[0]!.title, i18n.language as Language).text }));
  const smallRemain = (analysis?.smallCells.small.length ?? 0) > 0;
  const smallKey = analysis ? JSON.stringify(analysis.smallCells) : '';
  const acknowledged = acknowledgedFor === smallKey;
  // The export waits for the check to catch up: the small groups accepted must be this export's.
  const canExport = Boolean(projectId && analysis && !stale && analysis.summary.administrations > 0 && options.formats.length > 0 && !busy && (!smallRemain || acknowledged));

  const exportNow = async () => {
    if (!projectId) return;
    const controller = new AbortController();
    running.current = controller;
    setStep('reading');
    setShare(0);
    setCancelled(false);
    setDownload(null);
    setFailure(null);
    clear();
    try {
      const outcome = await runExport(db, projectId, definitions, options, { onStep: setStep, onProgress: setShare, signal: controller.signal });
      const url = URL.createObjectURL(outcome.zip);
      setDownload({ url, fileName: outcome.fileName, cases: outcome.cases, administrations: outcome.administrations });
    } catch (caught) {
      if (controller.signal.aborted) return;
      if (caught instanceof ExportFailure) setFailure(t(`research-run:failed.${caught.reason}`));
      else report(caught);
    } finally {
      if (running.current === controller) running.current = null;
      setStep(null);
    }
  };

  // Cancelling ends the worker; nothing is saved. Once saving has begun the export is finished instead.
  const cancel = () => {
    running.current?.abort();
    setCancelled(true);
  };

  return (
    <section className="page research" aria-labelledby="research-title">
      <h1 id="research-title">{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <div className="notice">
        <p className="research-notice-title">{t('never.title')}</p>
        <p>{t('never.text')}</p>
      </div>

      {projects === undefined ? (
        <Loading />
      ) : (
        <ProjectSection
          projects={projects}
          projectId={projectId}
          onChoose={(id) => {
            setChosen(id);
            setDownload(null);
          }}
        />
      )}

      <section className="settings-section research-step" aria-labelledby="filter-title">
        <h2 id="filter-title">{t('filter.title')}</h2>
        <p className="muted">{t('filter.intro')}</p>
        <fieldset className="choice-group" aria-describedby="dates-hint">
          <legend>{t('filter.dates')}</legend>
          <p id="dates-hint" className="field-hint">
            {t('filter.datesHint')}
          </p>
          <div className="form-row">
            <div className="field">
              <label htmlFor="filter-from">{t('filter.from')}</label>
              <input
                id="filter-from"
                type="date"
                value={options.filter.from ?? ''}
                onChange={(event) => updateFilter({ from: event.target.value || undefined })}
                aria-invalid={badRange || undefined}
                aria-describedby={badRange ? 'range-error' : undefined}
              />
            </div>
            <div className="field">
              <label htmlFor="filter-to">{t('filter.to')}</label>
              <input
                id="filter-to"
                type="date"
                value={options.filter.to ?? ''}
                onChange={(event) => updateFilter({ to: event.target.value || undefined })}
                aria-invalid={badRange || undefined}
                aria-describedby={badRange ? 'range-error' : undefined}
              />
            </div>
          </div>
          {badRange && (
            <p id="range-error" className="field-error">
              {t('filter.badRange')}
            </p>
          )}
        </fieldset>
        <fieldset className="choice-group" aria-describedby="instruments-hint">
          <legend>{t('filter.instruments')}</legend>
          <p id="instruments-hint" className="field-hint">
            {t('filter.instrumentsHint')}
          </p>
          <div className="choice-list choice-columns">
            {instruments.map(({ id, title }) => (
              <label key={id} className="choice">
                <input
                  type="checkbox"
                  checked={options.filter.instruments?.includes(id) ?? false}
                  onChange={(event) => updateFilter({ instruments: toggle(options.filter.instruments, id, event.target.checked) })}
                />
                <span className="choice-label">
                  {title} <code>{id}</code>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="choice-group" aria-describedby="informants-hint">
          <legend>{t('filter.informants')}</legend>
          <p id="informants-hint" className="field-hint">
            {t('filter.informantsHint')}
          </p>
          <div className="choice-list choice-columns">
            {offeredInformants(
              definitions,
              source?.administrations.map((a) => a.informant),
            ).map((informant) => (
              <label key={informant} className="choice">
                <input
                  type="checkbox"
                  checked={options.filter.informants?.includes(informant) ?? false}
                  onChange={(event) => updateFilter({ informants: toggle(options.filter.informants, informant, event.target.checked) })}
                />
                <span className="choice-label">{t(`cases:informantKind.${informant}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {hasExample && (
          <div className="choice-list">
            <CheckChoice
              id="include-example"
              label={t('filter.example')}
              hint={t('filter.exampleHint')}
              checked={options.filter.includeExample ?? false}
              onChange={(includeExample) => updateFilter({ includeExample })}
            />
          </div>
        )}
      </section>

      <section className="settings-section research-step" aria-labelledby="fields-title">
        <h2 id="fields-title">{t('fields.title')}</h2>
        <p className="muted">{t('fields.intro')}</p>
        <RadioChoices
          name="age"
          legend={t('fields.age.legend')}
          value={options.age}
          onChange={(age) => update({ age })}
          options={(['years', 'bands', 'none'] as const).map((value) => ({ value, label: t(`fields.age.${value}`), hint: t(`fields.age.${value}Hint`) }))}
        />
        <fieldset className="choice-group">
          <legend>{t('fields.more')}</legend>
          <div className="choice-list">
            <CheckChoice id="field-gender" label={t('fields.gender')} hint={t('fields.genderHint')} checked={options.gender} onChange={(gender) => update({ gender })} />
            <CheckChoice
              id="field-school-year"
              label={t('fields.schoolYear')}
              hint={t('fields.schoolYearHint')}
              checked={options.schoolYear}
              onChange={(schoolYear) => update({ schoolYear })}
            />
          </div>
        </fieldset>
        <RadioChoices
          name="informant"
          legend={t('fields.informant.legend')}
          value={options.informant}
          onChange={(informant) => update({ informant })}
          options={(['detailed', 'role'] as const).map((value) => ({ value, label: t(`fields.informant.${value}`), hint: t(`fields.informant.${value}Hint`) }))}
        />
        <RadioChoices
          name="dates"
          legend={t('fields.dates.legend')}
          value={options.dates}
          onChange={(dates) => update({ dates })}
          options={(['interval', 'year-month'] as const).map((value) => ({ value, label: t(`fields.dates.${value}`), hint: t(`fields.dates.${value}Hint`) }))}
        />
      </section>

      <section className="settings-section research-step" aria-labelledby="files-title">
        <h2 id="files-title">{t('files.title')}</h2>
        <p className="muted">{t('files.intro')}</p>
        <fieldset className="choice-group" aria-describedby={options.formats.length === 0 ? 'formats-error' : undefined}>
          <legend>{t('files.formatsLegend')}</legend>
          <div className="choice-list">
            {FORMATS.map((format) => (
              <CheckChoice
                key={format}
                id={`format-${format}`}
                label={t(`files.formats.${format}.title`)}
                hint={t(`files.formats.${format}.hint`)}
                checked={options.formats.includes(format)}
                onChange={(on) => update({ formats: FORMATS.filter((f) => (f === format ? on : options.formats.includes(f))) })}
              />
            ))}
          </div>
          {options.formats.length === 0 && (
            <p id="formats-error" className="field-error">
              {t('files.noFormat')}
            </p>
          )}
        </fieldset>
        <RadioChoices
          name="separator"
          legend={t('files.separator.legend')}
          value={options.separator === ',' ? 'comma' : 'semicolon'}
          onChange={(value) => update({ separator: value === 'comma' ? ',' : ';' })}
          options={(['comma', 'semicolon'] as const).map((value) => ({ value, label: t(`files.separator.${value}`), hint: t(`files.separator.${value}Hint`) }))}
        />
        <div className="choice-list">
          <CheckChoice id="bom" label={t('files.bom')} hint={t('files.bomHint')} checked={options.bom} onChange={(bom) => update({ bom })} />
        </div>
      </section>

      <section className="settings-section research-step" aria-labelledby="check-title">
        <h2 id="check-title">{t('check.title')}</h2>
        <p className="muted">{t('check.intro')}</p>
        <div className="field field-narrow">
          <label htmlFor="k">{t('check.k')}</label>
          <select id="k" value={options.k} onChange={(event) => update({ k: Number(event.target.value) })} aria-describedby="k-hint">
            {K_CHOICES.map((k) => (
              <option key={k} value={k}>
                {t('check.cases_count', { count: k })}
              </option>
            ))}
          </select>
          <p id="k-hint" className="field-hint">
            {t('check.kHint')}
          </p>
        </div>
        {badRange ? null : analysis === undefined ? (
          <Loading />
        ) : (
          <div className={stale ? 'research-check research-stale' : 'research-check'} aria-busy={stale || undefined}>
            {analysis.summary.administrations === 0 ? (
              <p className="notice">{t('check.nothing')}</p>
            ) : (
              <>
                <p className="research-counts" aria-live="polite">
                  {t('check.counts', {
                    cases: t('check.cases_count', { count: analysis.summary.cases }),
                    administrations: t('check.administrations_count', { count: analysis.summary.administrations }),
                  })}
                </p>
                <ul className="research-instruments">
                  {analysis.summary.instruments.map((entry) => (
                    <li key={entry.ref}>
                      <code>{entry.ref}</code>: {t('check.administrations_count', { count: entry.administrations })}
                    </li>
                  ))}
                </ul>
                {analysis.summary.unknownDefinitions > 0 && (
                  <p className="notice notice-warning">{t('check.unknownDefinitions', { count: analysis.summary.unknownDefinitions })}</p>
                )}
                <SmallCells report={analysis.smallCells} options={checked} onChange={update} />
                {smallRemain && (
                  <div className="choice-list">
                    <CheckChoice
                      id="acknowledge"
                      label={t('check.acknowledge')}
                      hint={t('check.acknowledgeHint')}
                      checked={acknowledged}
                      onChange={(on) => setAcknowledgedFor(on ? smallKey : null)}
                    />
                  </div>
                )}
              </>
            )}
          </div>
        )}
      </section>

      <section className="settings-section research-step" aria-labelledby="export-title">
        <h2 id="export-title">{t('export.title')}</h2>
        <p className="muted">{t('export.intro')}</p>
        {!projectId && <p className="notice notice-warning">{t('export.noProject')}</p>}
        <div className="button-row">
          <button type="button" className="button button-primary button-large" disabled={!canExport} onClick={() => void exportNow()}>
            {busy ? t('export.working') : t('export.button')}
          </button>
          {busy && step !== 'saving' && (
            <button type="button" className="button" onClick={cancel}>
              {t('export.cancel')}
            </button>
          )}
        </div>
        <p className="research-progress" role="status" aria-live="polite">
          {step && t(`research-run:step.${step}`)}
        </p>
        {step === 'zipping' && <progress className="research-bar" max={1} value={share} aria-label={t('export.progress')} />}
        {cancelled && (
          <p className="notice" role="status">
            {t('export.cancelled')}
          </p>
        )}
        <StorageAlert error={failure ?? error} />
        {download && (
          <p className="notice" role="status">
            {t('export.ready', {
              cases: t('check.cases_count', { count: download.cases }),
              administrations: t('check.administrations_count', { count: download.administrations }),
            })}{' '}
            <a ref={link} href={download.url} download={download.fileName}>
              {t('export.download', { file: download.fileName })}
            </a>
          </p>
        )}
      </section>

      <PastExports />
    </section>
  );
}
