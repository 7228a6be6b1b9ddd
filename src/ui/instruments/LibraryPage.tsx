import { useRef, useState, type ChangeEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import { informantSchema, type Informant, type InstrumentDefinition, type Language } from '../../instrument/schema';
import { summarize } from '../../instrument/describe';
import { localize } from '../../instrument/text';
import { formatPath, type Problem } from '../../instrument/validate';
import { MAX_PACK_BYTES, importPack, type ImportResult } from '../../storage/packs';
import { useDatabase } from '../app/database-context';
import { LocalText } from '../app/LocalText';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import './instruments.css';
import { useCatalogState } from './catalog-context';
import { CatalogGate } from './CatalogGate';

/** Whether a version is retired on this device (not by its own status, which has its own badge). */
export function isRetiredHere(catalog: Catalog, definition: InstrumentDefinition): boolean {
  return definition.status !== 'retired' && catalog.isRetired(definition);
}

/** Validated or not, status; with a catalog also shipped or imported, and retired on this device. */
export function InstrumentBadges({ definition, catalog }: { definition: InstrumentDefinition; catalog?: Catalog }) {
  const { t } = useTranslation(['common', 'library']);
  const source = catalog?.sourceOf(definition);
  return (
    <span className="badges">
      {source === 'imported' ? <span className="badge badge-imported">{t('library:badge.imported')}</span> : source === 'shipped' && <span className="badge badge-muted">{t('library:badge.shipped')}</span>}
      {catalog && isRetiredHere(catalog, definition) && <span className="badge badge-warning">{t('library:badge.retiredHere')}</span>}
      {definition.transcriptionKey ? (
        <span className="badge badge-key">{t('library.transcriptionKey')}</span>
      ) : definition.validated ? (
        <span className="badge">{t('library.validated')}</span>
      ) : (
        <span className="badge badge-warning">{t('library.notValidated')}</span>
      )}
      {definition.status !== 'active' && <span className="badge badge-muted">{t(`status.${definition.status}`)}</span>}
    </span>
  );
}

export function LibraryPage() {
  const { t, i18n } = useTranslation(['common', 'library']);
  const state = useCatalogState();
  const [informant, setInformant] = useState<Informant | 'all'>('all');
  const language = i18n.language as Language;
  // Set by the preview page after it deleted an imported pack.
  const deleted = (useLocation().state as { deletedPack?: string } | null)?.deletedPack;

  return (
    <CatalogGate state={state}>
      {(catalog) => {
        const groups = [...catalog.byId().values()].filter((versions) => informant === 'all' || versions[0]!.informant === informant);
        return (
          <section aria-labelledby="library-title" className="page">
            <h1 id="library-title">{t('library.title')}</h1>
            <p className="lead">{t('library.intro')}</p>
            {deleted && (
              <p className="notice" role="status">
                {t('library:deleted', { name: deleted })}
              </p>
            )}
            <div className="toolbar">
              <label>
                <span>{t('library.filterLabel')}</span>
                <select value={informant} onChange={(e) => setInformant(e.target.value as Informant | 'all')}>
                  <option value="all">{t('library.filterAll')}</option>
                  {informantSchema.options.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`informant.${kind}`)}
                    </option>
                  ))}
                </select>
              </label>
              <span role="status" className="muted">
                {t('library.count', { count: groups.length })}
              </span>
            </div>
            {groups.length === 0 && <p>{t('library.emptyFilter')}</p>}
            <ul className="card-list" aria-label={t('library.title')}>
              {groups.map((versions) => {
                const newest = versions[0]!;
                const summary = summarize(newest);
                return (
                  <li key={newest.id} className="card" data-instrument={newest.id}>
                    <h2>
                      <Link to={`/instruments/${newest.id}/${newest.version}`}>
                        <LocalText text={newest.title} language={language} />
                      </Link>
                    </h2>
                    <InstrumentBadges definition={newest} catalog={catalog} />
                    <p className="card-description">
                      <LocalText text={newest.description} language={language} />
                    </p>
                    <dl className="facts">
                      <div>
                        <dt>{t('library.informant')}</dt>
                        <dd>{t(`informant.${newest.informant}`)}</dd>
                      </div>
                      <div>
                        <dt>{t('library.versions')}</dt>
                        <dd>
                          <ul className="inline-list">
                            {versions.map((v) => (
                              <li key={v.version}>
                                <Link to={`/instruments/${v.id}/${v.version}`} aria-label={`${t('library.preview')}: ${v.id} ${t('library.version', { version: v.version })}`}>
                                  {v.version}
                                </Link>{' '}
                                {v.status !== 'active' && <span className="muted">({t(`status.${v.status}`)})</span>}
                                {catalog.sourceOf(v) === 'imported' && <span className="muted">({t('library:versionImported')})</span>}
                                {isRetiredHere(catalog, v) && <span className="muted">({t('library:versionRetired')})</span>}
                              </li>
                            ))}
                          </ul>
                        </dd>
                      </div>
                      <div>
                        <dt>{t('preview.items')}</dt>
                        <dd>
                          {t('library.items', { count: summary.items })}
                          {summary.scales > 0 && `, ${t('library.scales', { count: summary.scales })}`}
                        </dd>
                      </div>
                    </dl>
                  </li>
                );
              })}
            </ul>
            <ImportPanel catalog={catalog} />
          </section>
        );
      }}
    </CatalogGate>
  );
}

type ImportOutcome = { kind: 'result'; fileName: string; result: ImportResult } | { kind: 'unreadable'; fileName: string } | { kind: 'too-large'; fileName: string };

/** Reads a chosen file as text (UTF-8); rejects when the browser cannot read it. */
function readFileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

/** "$.scales[0].items[2]: There is no item "x"." in the interface language. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  const { t } = useTranslation(['common', 'library', 'validation']);
  return (
    <ul className="problem-list">
      {problems.map((problem, index) => (
        <li key={`${formatPath(problem.path)}-${problem.code}-${index}`}>
          <code>{formatPath(problem.path)}</code>: {t(`validation:${problem.code}`, problem.params)}
        </li>
      ))}
    </ul>
  );
}

/** Picks a .json file, checks it completely and stores it only when it has no problems. */
function ImportPanel({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation(['common', 'library']);
  const db = useDatabase();
  const { run, error } = useStorageAction();
  const [checking, setChecking] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const language = i18n.language as Language;

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const fileName = file.name;
    setOutcome(null);
    setChecking(fileName);
    try {
      if (file.size > MAX_PACK_BYTES) {
        setOutcome({ kind: 'too-large', fileName });
        return;
      }
      let text: string;
      try {
        text = await readFileText(file);
      } catch {
        setOutcome({ kind: 'unreadable', fileName });
        return;
      }
      await run(async () => {
        const result = await importPack(db, { text, fileName }, catalog);
        setOutcome({ kind: 'result', fileName, result });
      });
    } finally {
      setChecking(null);
      // The same file can be chosen again after it was corrected.
      if (input.current) input.current.value = '';
    }
  };

  const titleOf = (definition: InstrumentDefinition) => localize(definition.title, language).text;

  return (
    <section aria-labelledby="import-title" className="import-panel">
      <h2 id="import-title">{t('library:import.title')}</h2>
      <p>{t('library:import.intro')}</p>
      <label className="file-field">
        <span>{t('library:import.fileLabel')}</span>
        <input ref={input} type="file" accept=".json,application/json" onChange={(event) => void onChange(event)} disabled={checking !== null} />
      </label>
      <StorageAlert error={error} />
      <div aria-live="polite" className="import-outcome">
        {checking && <p>{t('library:import.checking', { fileName: checking })}</p>}
        {outcome?.kind === 'unreadable' && (
          <p role="alert" className="alert alert-error">
            {t('library:import.unreadable', { fileName: outcome.fileName })}
          </p>
        )}
        {outcome?.kind === 'too-large' && (
          <p role="alert" className="alert alert-error">
            {t('library:import.tooLarge', { fileName: outcome.fileName, limit: MAX_PACK_BYTES / (1024 * 1024) })}
          </p>
        )}
        {outcome?.kind === 'result' && <ImportResultView outcome={outcome} titleOf={titleOf} />}
      </div>
    </section>
  );
}

function ImportResultView({ outcome, titleOf }: { outcome: Extract<ImportOutcome, { kind: 'result' }>; titleOf: (definition: InstrumentDefinition) => string }) {
  const { t } = useTranslation(['common', 'library']);
  const { result, fileName } = outcome;
  if (result.ok) {
    const names = { title: titleOf(result.definition), version: result.definition.version };
    return (
      <div className="notice import-result">
        <p>
          <strong>{t('library:import.imported', names)}</strong>{' '}
          <Link to={`/instruments/${result.definition.id}/${result.definition.version}`}>{t('library:import.open', names)}</Link>
        </p>
        {result.warnings.length > 0 && (
          <>
            <p>{t('library:import.warnings', { count: result.warnings.length })}</p>
            <ProblemList problems={result.warnings} />
          </>
        )}
      </div>
    );
  }
  switch (result.reason) {
    case 'invalid': {
      const only = result.problems.length === 1 ? result.problems[0]!.code : null;
      return (
        <div role="alert" className="alert alert-error import-result">
          <p>
            <strong>{t('library:import.refused', { count: result.problems.length, fileName })}</strong>
          </p>
          <p>{only === 'json.malformed' ? t('library:import.malformedHint') : only === 'format.unsupported' ? t('library:import.formatHint') : t('library:import.problemsHint')}</p>
          <ProblemList problems={result.problems} />
          <p>{t('library:import.nothingStored')}</p>
        </div>
      );
    }
    case 'version-conflict':
      return (
        <p role="alert" className="alert alert-error import-result">
          {t(result.source === 'shipped' ? 'library:import.conflictShipped' : 'library:import.conflictImported', { ref: result.ref })}
        </p>
      );
    case 'already-installed':
      return (
        <p className="notice import-result">
          {t(result.source === 'shipped' ? 'library:import.alreadyShipped' : 'library:import.alreadyImported', {
            title: titleOf(result.definition),
            version: result.definition.version,
          })}
        </p>
      );
    case 'too-large':
      return (
        <p role="alert" className="alert alert-error import-result">
          {t('library:import.tooLarge', { fileName, limit: result.limit / (1024 * 1024) })}
        </p>
      );
  }
}
