/** Research exports made on this device, from the audit trail (which holds counts and choices, never cases). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { pastExports } from '../../storage/research';
import { useDatabase } from '../app/database-context';
import { formatDateTime } from '../../format/locale';
import { Loading } from '../app/Loading';

const list = (value: unknown) => (typeof value === 'string' && value ? value.split(', ') : []);

export function PastExports() {
  const { t, i18n } = useTranslation('research');
  const db = useDatabase();
  const entries = useLiveQuery(() => pastExports(db), [db]);
  return (
    <section className="settings-section research-step" aria-labelledby="past-title">
      <h2 id="past-title">{t('past.title')}</h2>
      <p className="muted">{t('past.intro')}</p>
      {entries === undefined ? (
        <Loading />
      ) : entries.length === 0 ? (
        <p>{t('past.empty')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('past.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('past.columns.at')}</th>
              <th scope="col">{t('past.columns.cases')}</th>
              <th scope="col">{t('past.columns.administrations')}</th>
              <th scope="col">{t('past.columns.formats')}</th>
              <th scope="col">{t('past.columns.fields')}</th>
              <th scope="col">{t('past.columns.by')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at, i18n.language)}</td>
                <td>{entry.detail?.cases ?? '—'}</td>
                <td>{entry.detail?.administrations ?? '—'}</td>
                <td>{list(entry.detail?.formats).map((f) => t(`files.formats.${f}.title`)).join(', ') || '—'}</td>
                <td>
                  {list(entry.detail?.fields).map((f) => t(`past.fields.${f}`)).join(', ') || '—'}
                  {typeof entry.detail?.smallGroups === 'number' && entry.detail.smallGroups > 0 && (
                    <p>{t('past.smallGroups', { count: entry.detail.smallGroups, k: entry.detail.k })}</p>
                  )}
                </td>
                <td>{entry.practitioner ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
