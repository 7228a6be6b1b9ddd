/**
 * The case list's table, virtualised: only the rows near the window's view are in the DOM (the page
 * scrolls as a whole), so 1,000 cases render and scroll as fast as 20. It stays a real table for
 * assistive technology: aria-rowcount gives the whole count and each row its aria-rowindex.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { formatDate } from '../../format/locale';
import type { CaseWithCounts } from '../../storage/reads';

/** A row's height before it is measured (one line of text with its padding). */
const ESTIMATED_ROW_PX = 45;
/** Rows kept in the DOM beyond the view on each side, so a quick scroll shows no blank. */
const OVERSCAN = 12;
const COLUMN_KEYS = ['code', 'name', 'born', 'school', 'questionnaires', 'activity'] as const;
const COLUMNS = COLUMN_KEYS.length;

/**
 * While the list is still being read (`busy`), `cases` holds only its first rows and `rowCount`
 * says how many rows the table will have.
 */
export function CaseTable({ cases, rowCount = cases.length, busy = false }: { cases: readonly CaseWithCounts[]; rowCount?: number; busy?: boolean }) {
  const { t, i18n } = useTranslation('cases');
  const body = useRef<HTMLTableSectionElement>(null);
  // Where the body starts on the page: the virtualiser counts window scrolling from there.
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const element = body.current;
    if (element) setOffset(element.getBoundingClientRect().top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: cases.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    scrollMargin: offset,
    getItemKey: (index) => cases[index]!.record.id,
  });
  const rows = virtualizer.getVirtualItems();
  const label = (key: (typeof COLUMN_KEYS)[number]) => t(`columns.${key}`);
  const before = rows.length > 0 ? rows[0]!.start - offset : 0;
  const after = rows.length > 0 ? virtualizer.getTotalSize() - (rows[rows.length - 1]!.end - offset) : 0;

  return (
    // Explicit roles: on phones the rows are drawn as cards (display: block), which would drop the
    // table semantics in some browsers; each cell then shows its column's name from data-label.
    <table className="data-table case-table" role="table" aria-rowcount={rowCount + 1} aria-busy={busy}>
      <thead>
        <tr role="row" aria-rowindex={1}>
          {COLUMN_KEYS.map((key) => (
            <th key={key} scope="col" role="columnheader">
              {t(`columns.${key}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={body}>
        {before > 0 && (
          <tr aria-hidden="true" className="virtual-spacer">
            <td colSpan={COLUMNS} style={{ height: before }} />
          </tr>
        )}
        {rows.map((row) => {
          const { record, completed, drafts } = cases[row.index]!;
          return (
            <tr key={row.key} role="row" data-case={record.code} data-index={row.index} aria-rowindex={row.index + 2} ref={virtualizer.measureElement}>
              <td role="cell" data-label={label('code')}>
                <Link to={`/cases/${record.id}`}>{record.code}</Link>
                {record.example && <span className="badge badge-muted">{t('example')}</span>}
              </td>
              <td role="cell" data-label={label('name')}>
                {record.displayName ?? '—'}
              </td>
              <td role="cell" data-label={label('born')}>
                {record.birthMonth ? `${record.birthMonth}/${record.birthYear}` : record.birthYear}
              </td>
              <td role="cell" data-label={label('school')}>
                {[record.school, record.className].filter(Boolean).join(', ') || '—'}
              </td>
              <td role="cell" data-label={label('questionnaires')}>
                {t('completedCount', { count: completed })}
                {drafts > 0 && <span className="badge badge-warning">{t('draftCount', { count: drafts })}</span>}
              </td>
              <td role="cell" data-label={label('activity')}>
                {formatDate(record.lastActivityAt, i18n.language)}
              </td>
            </tr>
          );
        })}
        {after > 0 && (
          <tr aria-hidden="true" className="virtual-spacer">
            <td colSpan={COLUMNS} style={{ height: after }} />
          </tr>
        )}
      </tbody>
    </table>
  );
}
