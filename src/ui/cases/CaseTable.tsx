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
import type { CaseSummary } from './case-list';

/** A row's height before it is measured (one line of text with its padding). */
const ESTIMATED_ROW_PX = 45;
/** Rows kept in the DOM beyond the view on each side, so a quick scroll shows no blank. */
const OVERSCAN = 12;
const COLUMNS = 6;

export function CaseTable({ cases }: { cases: readonly CaseSummary[] }) {
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
  const before = rows.length > 0 ? rows[0]!.start - offset : 0;
  const after = rows.length > 0 ? virtualizer.getTotalSize() - (rows[rows.length - 1]!.end - offset) : 0;

  return (
    <table className="data-table case-table" aria-rowcount={cases.length + 1}>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col">{t('columns.code')}</th>
          <th scope="col">{t('columns.name')}</th>
          <th scope="col">{t('columns.born')}</th>
          <th scope="col">{t('columns.school')}</th>
          <th scope="col">{t('columns.questionnaires')}</th>
          <th scope="col">{t('columns.activity')}</th>
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
            <tr key={row.key} data-case={record.code} data-index={row.index} aria-rowindex={row.index + 2} ref={virtualizer.measureElement}>
              <td>
                <Link to={`/cases/${record.id}`}>{record.code}</Link>
                {record.example && <span className="badge badge-muted">{t('example')}</span>}
              </td>
              <td>{record.displayName ?? '—'}</td>
              <td>{record.birthMonth ? `${record.birthMonth}/${record.birthYear}` : record.birthYear}</td>
              <td>{[record.school, record.className].filter(Boolean).join(', ') || '—'}</td>
              <td>
                {t('completedCount', { count: completed })}
                {drafts > 0 && <span className="badge badge-warning">{t('draftCount', { count: drafts })}</span>}
              </td>
              <td>{formatDate(record.lastActivityAt, i18n.language)}</td>
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
