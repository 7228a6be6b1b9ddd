import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../storage/records';
import { Loading } from '../app/Loading';
import { useCaseCodes } from '../app/reads';
import { DataTable } from '../app/DataTable';
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
      <DataTable
        className="audit-table"
        caption={t('caption')}
        captionHidden
        rows={entries.slice(0, shown)}
        rowKey={(entry) => entry.id}
        rowProps={(entry) => ({ 'data-audit': entry.action })}
        columns={[
          { header: t('columns.at'), cell: (entry) => formatDateTime(entry.at, i18n.language) },
          { header: t('columns.action'), cell: (entry) => t(`actions.${entry.target}.${entry.action}`) },
          showCase && { header: t('columns.case'), cell: (entry) => (entry.caseId ? <CaseCode code={codes.get(entry.caseId)} caseId={entry.caseId} /> : '—') },
          { header: t('columns.detail'), cell: (entry) => detail(entry) || '—' },
          { header: t('columns.practitioner'), cell: (entry) => entry.practitioner ?? '—' },
        ]}
      />
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

/** A case's code as a link; a deleted case says so. */
function CaseCode({ code, caseId }: { code: string | undefined; caseId: string }) {
  const { t } = useTranslation('audit');
  return code ? <Link to={`/cases/${caseId}`}>{code}</Link> : <span className="muted">{t('deletedCase')}</span>;
}
