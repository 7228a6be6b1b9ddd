/**
 * A form holds a copy of a record loaded at some revision. When the stored record moves past it
 * (another tab or window saved), this notice says so and offers to load the stored version or to
 * compare the two side by side; the form's own values stay until the user chooses. A save from
 * the old copy is refused by storage (StorageError 'stale'), so nothing is overwritten unseen.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface CompareRow {
  label: string;
  yours: string;
  stored: string;
}

interface Props {
  /** The rows of the two versions; only those that differ are shown. Called when comparing. */
  compare: () => CompareRow[];
  onReload: () => void;
  /** The stored record is gone (deleted in another tab). */
  deleted?: boolean;
}

export function ChangedElsewhere({ compare, onReload, deleted = false }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [comparing, setComparing] = useState(false);
  const rows = comparing ? compare().filter((row) => row.yours !== row.stored) : [];
  return (
    <div className="notice notice-warning changed-elsewhere" role="alert" aria-labelledby={`${id}-text`}>
      <p id={`${id}-text`}>{t(deleted ? 'concurrency.deleted' : 'concurrency.changed')}</p>
      {!deleted && (
        <div className="form-actions">
          <button type="button" className="button" onClick={onReload}>
            {t('concurrency.reload')}
          </button>
          <button type="button" className="button" aria-expanded={comparing} onClick={() => setComparing((c) => !c)}>
            {t(comparing ? 'concurrency.hideCompare' : 'concurrency.compare')}
          </button>
        </div>
      )}
      {comparing && (
        <div className="table-scroll">
          <table className="data-table compare-table">
            <caption>{t('concurrency.compareCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('concurrency.field')}</th>
                <th scope="col">{t('concurrency.yours')}</th>
                <th scope="col">{t('concurrency.stored')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={3}>{t('concurrency.same')}</td>
                </tr>
              ) : (
                rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    <td className="compare-text">{row.yours || '—'}</td>
                    <td className="compare-text">{row.stored || '—'}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
