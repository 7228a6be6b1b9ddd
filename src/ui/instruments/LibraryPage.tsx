import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { informantSchema, type Informant, type InstrumentDefinition, type Language } from '../../instrument/schema';
import { summarize } from '../../instrument/describe';
import { LocalText } from '../app/LocalText';
import { useCatalogState } from './catalog-context';
import { CatalogGate } from './CatalogGate';

export function InstrumentBadges({ definition }: { definition: InstrumentDefinition }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
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
  const { t, i18n } = useTranslation();
  const state = useCatalogState();
  const [informant, setInformant] = useState<Informant | 'all'>('all');
  const language = i18n.language as Language;

  return (
    <CatalogGate state={state}>
      {(catalog) => {
        const groups = [...catalog.byId().values()].filter((versions) => informant === 'all' || versions[0]!.informant === informant);
        return (
          <section aria-labelledby="library-title" className="page">
            <h1 id="library-title">{t('library.title')}</h1>
            <p className="lead">{t('library.intro')}</p>
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
                    <InstrumentBadges definition={newest} />
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
          </section>
        );
      }}
    </CatalogGate>
  );
}
