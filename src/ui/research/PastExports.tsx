/** Research exports made on this device, from the audit trail (which holds counts and choices, never cases). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { pastExports } from '../../storage/research';
import { useDatabase } from '../app/database-context';
import { formatDateTime } from '../../format/locale';
import { Loading } from '../app/Loading';
import { DataTable } from '../app/DataTable';

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
        <DataTable
          caption={t('past.title')}
          captionHidden
          rows={entries}
          rowKey={(entry) => entry.id}
          columns={[
            { header: t('past.columns.at'), cell: (entry) => formatDateTime(entry.at, i18n.language) },
            { header: t('past.columns.cases'), cell: (entry) => entry.detail?.cases ?? '—', numeric: true },
            { header: t('past.columns.administrations'), cell: (entry) => entry.detail?.administrations ?? '—', numeric: true },
            {
              header: t('past.columns.formats'),
              cell: (entry) =>
                list(entry.detail?.formats)
                  .map((f) => t(`files.formats.${f}.title`))
                  .join(', ') || '—',
            },
            {
              header: t('past.columns.fields'),
              cell: (entry) => (
                <>
                  {list(entry.detail?.fields)
                    .map((f) => t(`past.fields.${f}`))
                    .join(', ') || '—'}
                  {typeof entry.detail?.smallGroups === 'number' && entry.detail.smallGroups > 0 && (
                    <p>{t('past.smallGroups', { count: entry.detail.smallGroups, k: entry.detail.k })}</p>
                  )}
                </>
              ),
            },
            { header: t('past.columns.by'), cell: (entry) => entry.practitioner ?? '—' },
          ]}
        />
      )}
    </section>
  );
}
