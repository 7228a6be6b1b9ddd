import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { toStorageError } from '../../storage/errors';
import { useDatabase } from '../app/database-context';
import { Loading } from '../app/Loading';
import { useCaseList } from '../app/reads';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { useCatalogState } from '../instruments/catalog-context';
import { CaseTable } from './CaseTable';
import { filterCases, SORT_INDEX, type CaseFilter, type CaseSort } from './case-list';
import './cases.css';

// The case form (react-hook-form, zod) and the storage code behind it load when first used.
const CaseForm = lazy(async () => ({ default: (await import('./CaseForm')).CaseForm }));
const casesStorage = () => import('../../storage/cases');

export function CasesPage() {
  const { t } = useTranslation('cases');
  const db = useDatabase();
  const navigate = useNavigate();
  const catalogState = useCatalogState();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<CaseFilter>('all');
  const [sort, setSort] = useState<CaseSort>('activity');
  const [creating, setCreating] = useState<{ code: string } | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const { run, error, report } = useStorageAction();

  const list = useCaseList(SORT_INDEX[sort]);
  // The first rows come before the whole list (useCaseList): a search or filter waits for all of it.
  const filtering = query.trim() !== '' || filter !== 'all';
  const shown = useMemo(
    () => (list && (list.whole || !filtering) ? filterCases(list.cases, { query, filter, sort, now: new Date() }) : undefined),
    [list, filtering, query, filter, sort],
  );

  const startCreating = () => run(async () => setCreating({ code: await (await casesStorage()).freshCaseCode(db) }));
  const loadExample = () =>
    run(async () => {
      if (catalogState.status !== 'ready') return;
      const { loadExampleCase } = await import('../../storage/example-case');
      const record = await loadExampleCase(db, catalogState.catalog);
      navigate(`/cases/${record.id}`);
    });

  // The heading shows at once; the list follows.
  if (!list) {
    return (
      <section className="page" aria-labelledby="cases-title">
        <div className="page-head">
          <h1 id="cases-title">{t('title')}</h1>
        </div>
        <Loading />
      </section>
    );
  }

  return (
    <section className="page" aria-labelledby="cases-title">
      <div className="page-head">
        <h1 id="cases-title">{t('title')}</h1>
        {!creating && list.total > 0 && (
          <button type="button" className="button button-primary" onClick={startCreating}>
            {t('newCase')}
          </button>
        )}
      </div>
      <StorageAlert error={error} />

      {creating && (
        <section className="panel" aria-labelledby="new-case-title">
          <h2 id="new-case-title">{t('newCase')}</h2>
          <Suspense fallback={<Loading />}>
            <CaseForm
              initial={{ code: creating.code, birthYear: '' }}
              submitLabel={t('create')}
              codeError={codeError}
              onCancel={() => setCreating(null)}
              onSubmit={async (values) => {
                try {
                  const created = await (await casesStorage()).createCase(db, values);
                  setCodeError(null);
                  setCreating(null);
                  navigate(`/cases/${created.id}`);
                  return true;
                } catch (caught) {
                  if (toStorageError(caught).failure === 'conflict') setCodeError(t('common:storage.conflict'));
                  else report(caught);
                  return false;
                }
              }}
            />
          </Suspense>
        </section>
      )}

      {list.total === 0 && !creating ? (
        <div className="empty-state">
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.text')}</p>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={startCreating}>
              {t('newCase')}
            </button>
            <button type="button" className="button" onClick={loadExample} disabled={catalogState.status !== 'ready'}>
              {t('empty.loadExample')}
            </button>
          </div>
          <p className="muted">{t('empty.exampleNote')}</p>
        </div>
      ) : (
        list.total > 0 && (
          <>
            <div className="toolbar" role="search">
              <label>
                <span>{t('search')}</span>
                <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('searchPlaceholder')} />
              </label>
              <label>
                <span>{t('filter.label')}</span>
                <select value={filter} onChange={(e) => setFilter(e.target.value as CaseFilter)}>
                  {(['all', 'drafts', 'week', 'month'] as const).map((f) => (
                    <option key={f} value={f}>
                      {t(`filter.${f}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('sort.label')}</span>
                <select value={sort} onChange={(e) => setSort(e.target.value as CaseSort)}>
                  {(['activity', 'code', 'created'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`sort.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <span role="status" className="muted">
                {/* Plural by the total: "1 of 1000 cases". */}
                {shown && t('count', { shown: list.whole ? shown.length : list.total, count: list.total })}
              </span>
            </div>
            {!shown ? <Loading /> : shown.length === 0 ? <p>{t('noMatch')}</p> : <CaseTable cases={shown} rowCount={list.whole ? shown.length : list.total} busy={!list.whole} />}
          </>
        )
      )}
    </section>
  );
}
