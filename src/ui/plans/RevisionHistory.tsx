import { useTranslation } from 'react-i18next';
import type { PlanRecord } from '../../storage/records';
import { formatDateTime } from '../../format/locale';
import { formatDay } from '../../format/locale';

/** Earlier saved states of the plan, newest first, read-only. */
export function RevisionHistory({ plan }: { plan: PlanRecord }) {
  const { t, i18n } = useTranslation('plans');
  return (
    <section className="plan-history" aria-labelledby="history-title">
      <details>
        <summary>
          <h2 id="history-title">
            {t('history.title')} <span className="muted">({plan.revisions.length})</span>
          </h2>
        </summary>
        {plan.revisions.length === 0 ? (
          <p className="muted">{t('history.empty')}</p>
        ) : (
          <ol className="plain-list">
            {[...plan.revisions].reverse().map((revision) => (
              <li key={revision.savedAt} className="panel">
                <h3>{t('history.savedAt', { date: formatDateTime(revision.savedAt, i18n.language) })}</h3>
                <dl className="facts facts-wide">
                  <div>
                    <dt>{t('fields.goal')}</dt>
                    <dd>{revision.goal}</dd>
                  </div>
                  <div>
                    <dt>{t('fields.returnDate')}</dt>
                    <dd>{revision.returnDate ? formatDay(revision.returnDate, i18n.language) : '—'}</dd>
                  </div>
                </dl>
                <ol>
                  {revision.steps.map((s) => (
                    <li key={s.id}>
                      {s.action}{' '}
                      <span className="muted">
                        ({t(`status.${s.status}`)}, {s.startDate ? formatDay(s.startDate, i18n.language) : '—'})
                      </span>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}
