import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../storage/audit';
import { Loading } from '../app/Loading';
import { useCaseCodes } from '../app/reads';
import { formatDateTime } from '../../format/locale';

const PAGE = 50;

/** The audit trail, read-only: when, what, by whom. Entries hold no personal data. */
export function AuditTable({ entries, showCase }: { entries: AuditRecord[]; showCase: boolean }) {
  const { t, i18n } = useTranslation('audit');
  const [shown, setShown] = useState(PAGE);
  // Case codes are looked up live: the audit itself never stores them (a deleted case shows as deleted).
  const codes = useCaseCodes();
  if (entries.length === 0) return <p>{t('empty')}</p>;
  if (codes === undefined) return <Loading />;
  const detail = (entry: AuditRecord) =>
    Object.entries(entry.detail ?? {})
      .map(([key, value]) => t(`detail.${key}`, { value: typeof value === 'boolean' ? t(value ? 'yes' : 'no') : value }))
      .join(' · ');
  return (
    <>
      <table className="data-table audit-table">
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.at')}</th>
            <th scope="col">{t('columns.action')}</th>
            {showCase && <th scope="col">{t('columns.case')}</th>}
            <th scope="col">{t('columns.detail')}</th>
            <th scope="col">{t('columns.practitioner')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, shown).map((entry) => (
            <tr key={entry.id} data-audit={entry.action}>
              <td>{formatDateTime(entry.at, i18n.language)}</td>
              <td>{t(`actions.${entry.target}.${entry.action}`)}</td>
              {showCase && (
                <td>
                  {entry.caseId ? (
                    codes.get(entry.caseId) ? (
                      <Link to={`/cases/${entry.caseId}`}>{codes.get(entry.caseId)}</Link>
                    ) : (
                      <span className="muted">{t('deletedCase')}</span>
                    )
                  ) : (
                    '—'
                  )}
                </td>
              )}
              <td>{detail(entry) || '—'}</td>
              <td>{entry.practitioner ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length > shown && (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setShown(shown + PAGE)}>
            {t('more', { count: Math.min(PAGE, entries.length - shown) })}
          </button>
        </div>
      )}
    </>
  );
}
