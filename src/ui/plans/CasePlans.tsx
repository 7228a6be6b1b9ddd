import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localDateOf, summarizePlan } from '../../plan';
import { thresholdPercent } from '../../scoring/thresholds';
import type { CaseRecord } from '../../storage/records';
import { useSettingsOrDefaults } from '../app/live-settings';
import { useAttendance, usePlans } from '../app/reads';
import { AttendanceSummary } from './AttendanceSummary';
import { formatDay } from '../../format/locale';
import './plans.css';

/** The case page's section: the case's return plans and the attendance summary. */
export function CasePlans({ record }: { record: CaseRecord }) {
  const { t, i18n } = useTranslation(['plans', 'attendance']);
  const settings = useSettingsOrDefaults();
  const plans = usePlans(record.id);
  const attendance = useAttendance(record.id);
  if (!plans || !attendance) return null;
  const today = localDateOf(new Date());
  const threshold = thresholdPercent(settings.thresholdPreset, settings.customThresholdPercent);

  return (
    <section className="case-plans" aria-labelledby="case-plans-title">
      <div className="page-head">
        <h2 id="case-plans-title">{t('casePlans.title')}</h2>
        <Link className="button button-primary" to={`/cases/${record.id}/plans/new`}>
          + {t('casePlans.new')}
        </Link>
      </div>
      {plans.length === 0 ? (
        <p className="muted">{t('casePlans.empty')}</p>
      ) : (
        <ul className="card-list">
          {plans.map((plan) => {
            const summary = summarizePlan(plan, today);
            return (
              <li key={plan.id} className="card">
                <h3>
                  <Link to={`/cases/${record.id}/plans/${plan.id}`}>{plan.title}</Link>
                </h3>
                <div className="badges">
                  <span className={summary.state === 'achieved' ? 'badge badge-achieved' : 'badge'}>{t(`state.${summary.state}`)}</span>
                  <span className="badge badge-muted">{t('achievedCount', { achieved: summary.achievedCount, count: summary.stepCount })}</span>
                </div>
                <p className="card-description">{plan.goal}</p>
                <dl className="facts">
                  <div>
                    <dt>{t('fields.returnDate')}</dt>
                    <dd>{plan.returnDate ? formatDay(plan.returnDate, i18n.language) : '—'}</dd>
                  </div>
                  <div>
                    <dt>{t('casePlans.nextReview')}</dt>
                    <dd>{summary.nextReview ? formatDay(summary.nextReview, i18n.language) : '—'}</dd>
                  </div>
                  {summary.current && (
                    <div>
                      <dt>{t('casePlans.current')}</dt>
                      <dd>{summary.current.action}</dd>
                    </div>
                  )}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      <div className="panel">
        {attendance.length === 0 ? (
          <p className="muted">{t('attendance:noneYet')}</p>
        ) : (
          <AttendanceSummary records={attendance} plan={plans[0] ?? null} today={today} threshold={threshold} />
        )}
        <p>
          <Link to={`/cases/${record.id}/attendance`}>{t('casePlans.attendanceLink')}</Link>
        </p>
      </div>
    </section>
  );
}
