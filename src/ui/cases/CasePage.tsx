import { memo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import { localize } from '../../instrument/text';
import type { Language } from '../../instrument/schema';
import { absenceThresholdOptions } from '../../scoring/thresholds';
import { discardDraft } from '../../storage/administrations';
import { deleteCase, updateCase } from '../../storage/cases';
import { toStorageError } from '../../storage/errors';
import { revOf } from '../../storage/revision';
import { clearCaseDrafts, clearDraft, draftKey, readDraft } from '../app/form-draft';
import type { CaseFormValues } from '../../storage/case-input';
import { auditOfCase } from '../../storage/audit';
import { AuditTable } from '../audit/AuditTable';
import type { AdministrationRecord, CaseRecord } from '../../storage/records';
import { useDatabase } from '../app/database-context';
import { useSettingsOrDefaults } from '../app/live-settings';
import { CaseGate } from '../app/CaseGate';
import { useCaseAdministrations } from '../app/reads';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { ConfirmDelete } from '../app/ConfirmDelete';
import { useCatalogState } from '../instruments/catalog-context';
import { CaseForm } from './CaseForm';
import { NewAdministration } from './NewAdministration';
import { CaseGlance as Glance } from './CaseGlance';
import { CaseProfiles as AllProfiles } from '../charts/CaseProfiles';
import { CasePlans as AllPlans } from '../plans/CasePlans';
import { Results as ResultsOf } from './Results';
import { ageOn, formatDateTime } from '../../format/locale';
import './cases.css';

// The charts redraw only when their data changes, not on every state change of the page
// (opening the edit form or the delete confirmation).
const CaseProfiles = memo(AllProfiles);
const CasePlans = memo(AllPlans);
const Results = memo(ResultsOf);
const CaseGlance = memo(Glance);

export function CasePage() {
  const { caseId = '' } = useParams();
  const administrations = useCaseAdministrations(caseId, 'newest-first');
  const catalogState = useCatalogState();
  return (
    <CaseGate caseId={caseId} waitFor={[administrations, catalogState.status === 'loading' ? undefined : catalogState]}>
      {(record, administrations, catalogState) => (
        <CaseView record={record} administrations={administrations} catalog={catalogState.status === 'ready' ? catalogState.catalog : null} />
      )}
    </CaseGate>
  );
}

function caseFormValues(record: CaseRecord): CaseFormValues {
  return {
    code: record.code,
    displayName: record.displayName ?? '',
    birthYear: record.birthYear,
    birthMonth: record.birthMonth ?? '',
    gender: record.gender ?? '',
    school: record.school ?? '',
    className: record.className ?? '',
    notes: record.notes ?? '',
  };
}

function CaseView({ record, administrations, catalog }: { record: CaseRecord; administrations: AdministrationRecord[]; catalog: Catalog | null }) {
  const { t, i18n } = useTranslation('cases');
  const db = useDatabase();
  const navigate = useNavigate();
  const settings = useSettingsOrDefaults();
  // An edit left unsaved (the lock, a header link) opens again with its draft.
  const draftId = draftKey('case', record.id);
  const [editDraft] = useState(() => readDraft<CaseFormValues, number>(draftId, db.keySession));
  const [editing, setEditing] = useState(editDraft !== null);
  // The revision the edit form was loaded with: the save is checked against it (src/storage/revision.ts).
  const [loadedRev, setLoadedRev] = useState(() => editDraft?.base ?? revOf(record));
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState<string | null>(null);
  const { run, error, report } = useStorageAction();
  const threshold = absenceThresholdOptions(settings.thresholdPreset, settings.customThresholdPercent);
  const age = ageOn(record.birthYear, record.birthMonth, new Date());
  const drafts = administrations.filter((a) => a.status === 'draft').length;

  return (
    <article className="page case-page" aria-labelledby="case-title">
      <p>
        <Link to="/">← {t('backToCases')}</Link>
      </p>
      <div className="page-head">
        <h1 id="case-title">
          {t('caseTitle', { code: record.code })}
          {record.displayName && <span className="case-name"> · {record.displayName}</span>}
        </h1>
        {!editing && (
          <div className="form-actions">
            <Link className="button button-primary" to={`/cases/${record.id}/report`}>
              {t('makeReport')}
            </Link>
            <button
              type="button"
              className="button"
              onClick={() => {
                setLoadedRev(revOf(record));
                setEditing(true);
              }}
            >
              {t('edit')}
            </button>
            <button type="button" className="button button-danger" onClick={() => setConfirmingDelete(true)}>
              {t('delete')}
            </button>
          </div>
        )}
      </div>
      {record.example && <p className="notice">{t('exampleNotice')}</p>}
      <StorageAlert error={error} />

      {confirmingDelete && (
        <ConfirmDelete
          title={t('deleteTitle', { code: record.code })}
          text={t('deleteText', { count: administrations.length })}
          confirmLabel={t('deleteConfirm')}
          cancelLabel={t('cancel')}
          onConfirm={() =>
            run(async () => {
              await deleteCase(db, record.id);
              clearCaseDrafts(record.id);
              navigate('/');
            })
          }
          onCancel={() => setConfirmingDelete(false)}
        />
      )}

      {catalog && <CaseGlance record={record} administrations={administrations} catalog={catalog} />}

      {editing ? (
        <section className="panel" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('editTitle')}</h2>
          <CaseForm
            key={loadedRev}
            initial={caseFormValues(record)}
            submitLabel={t('save')}
            codeError={codeError}
            storedNow={revOf(record) !== loadedRev ? caseFormValues(record) : null}
            onReload={() => {
              clearDraft(draftId);
              setLoadedRev(revOf(record));
            }}
            draft={{ key: draftId, rev: loadedRev, onDiscard: () => setLoadedRev(revOf(record)) }}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              try {
                await updateCase(db, record.id, values, loadedRev);
                setCodeError(null);
                setEditing(false);
                return true;
              } catch (caught) {
                if (toStorageError(caught).failure === 'conflict') setCodeError(t('common:storage.conflict'));
                else report(caught);
                return false;
              }
            }}
          />
        </section>
      ) : (
        <dl className="facts case-facts">
          <div>
            <dt>{t('fields.birthYear')}</dt>
            <dd>
              {record.birthMonth ? `${record.birthMonth}/${record.birthYear}` : record.birthYear} ({t('age', { count: age })})
            </dd>
          </div>
          {record.gender && (
            <div>
              <dt>{t('fields.gender')}</dt>
              <dd>{t(`gender.${record.gender}`)}</dd>
            </div>
          )}
          {(record.school || record.className) && (
            <div>
              <dt>{t('fields.school')}</dt>
              <dd>{[record.school, record.className].filter(Boolean).join(', ')}</dd>
            </div>
          )}
          {record.notes && (
            <div>
              <dt>{t('fields.notes')}</dt>
              <dd className="notes-text">{record.notes}</dd>
            </div>
          )}
        </dl>
      )}

      {catalog && <NewAdministration record={record} catalog={catalog} />}
      {catalog && <CaseProfiles record={record} administrations={administrations} catalog={catalog} />}
      <CasePlans record={record} />

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">
          {t('timeline.title')}{' '}
          <span className="muted">
            ({t('timeline.count', { count: administrations.length })}
            {drafts > 0 ? `, ${t('draftCount', { count: drafts })}` : ''})
          </span>
        </h2>
        {administrations.length === 0 ? (
          <p>{t('timeline.empty')}</p>
        ) : (
          <ol className="timeline">
            {administrations.map((a) => {
              const definition = catalog?.find(`${a.instrumentId}@${a.instrumentVersion}`);
              const title = definition ? localize(definition.title, i18n.language as Language).text : `${a.instrumentId}@${a.instrumentVersion}`;
              return (
                <li key={a.id} className={`timeline-entry status-${a.status}`} data-administration={a.id}>
                  <div className="timeline-head">
                    <h3>
                      {title} <span className="muted">{a.instrumentVersion}</span>
                    </h3>
                    <span className={a.status === 'draft' ? 'badge badge-warning' : 'badge'}>{t(`status.${a.status}`)}</span>
                  </div>
                  <p className="timeline-meta">
                    {formatDateTime(a.completedAt ?? a.startedAt, i18n.language)} · {t(`informantKind.${a.informant}`)} · {t(`common:languages.${a.language}`)} ·{' '}
                    {t(`mode.${a.mode}`)}
                    {a.administeredBy && ` · ${t('administeredBy', { name: a.administeredBy })}`}
                  </p>
                  {a.status === 'draft' ? (
                    <div className="form-actions">
                      <Link className="button button-primary" to={`/administrations/${a.id}`}>
                        {t('continue')}
                      </Link>
                      {discarding === a.id ? (
                        <span role="group" aria-label={t('discardConfirm')} className="inline-confirm">
                          <span>{t('discardConfirm')}</span>
                          <button type="button" className="button button-danger" onClick={() => run(() => discardDraft(db, a.id))}>
                            {t('discardYes')}
                          </button>
                          <button type="button" className="button" onClick={() => setDiscarding(null)}>
                            {t('cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="button" onClick={() => setDiscarding(a.id)}>
                          {t('discard')}
                        </button>
                      )}
                    </div>
                  ) : definition ? (
                    <details open={administrations.find((x) => x.status === 'complete')?.id === a.id}>
                      <summary>{t('results.show')}</summary>
                      <Results record={a} definition={definition} threshold={threshold} />
                      <p>
                        <Link to={`/administrations/${a.id}`}>{t('viewAnswers')}</Link>
                      </p>
                    </details>
                  ) : (
                    <p className="alert alert-error">{t('definitionMissing', { ref: `${a.instrumentId}@${a.instrumentVersion}` })}</p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <CaseHistory caseId={record.id} />
    </article>
  );
}

/** The audit entries of this case, read-only, folded away until asked for. */
function CaseHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation('audit');
  const db = useDatabase();
  const entries = useLiveQuery(() => auditOfCase(db, caseId), [db, caseId]);
  if (!entries) return null;
  return (
    <section aria-labelledby="history-title" className="case-history">
      <details>
        <summary>
          <h2 id="history-title">
            {t('history')} <span className="muted">({entries.length})</span>
          </h2>
        </summary>
        <AuditTable entries={entries} showCase={false} />
      </details>
    </section>
  );
}
