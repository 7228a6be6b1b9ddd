import { useTranslation } from 'react-i18next';
import { attendanceTotals, isOverThreshold, planAttendance, schoolDaysOfWeek, weekStart, addDays } from '../../plan';
import type { AttendanceRecord, LocalDate, PlanRecord } from '../../storage/records';
import { formatNumber } from '../../format/locale';
import { formatDay } from '../../format/locale';
import { formatPercent } from '../../format/number';

/** "80 % attended (24 of 30 lessons)" */
export function RateText({ rate, attended, scheduled, unit }: { rate: number | null; attended: number; scheduled: number; unit: string | null }) {
  const { t, i18n } = useTranslation('attendance');
  if (rate === null) return <>{t('noRate')}</>;
  return (
    <>
      <strong>{t('attendedRate', { rate: formatPercent(rate, i18n.language) })}</strong>{' '}
      {unit && (
        <span className="muted">
          ({t(`amountOf.${unit}`, { attended: formatNumber(attended, i18n.language), scheduled: formatNumber(scheduled, i18n.language), count: scheduled })})
        </span>
      )}
    </>
  );
}

export function ThresholdText({ over, threshold }: { over: boolean | null; threshold: number }) {
  const { t, i18n } = useTranslation('attendance');
  if (over === null) return <>—</>;
  return <span className={over ? 'badge badge-warning' : 'badge'}>{t(over ? 'overThreshold' : 'underThreshold', { threshold: formatNumber(threshold, i18n.language) })}</span>;
}

/** This week, over the plan, against the threshold: the facts the case page and the log share. */
export function AttendanceSummary({
  records,
  plan,
  today,
  threshold,
  headingLevel = 3,
}: {
  records: AttendanceRecord[];
  plan: PlanRecord | null;
  today: LocalDate;
  threshold: number;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation('attendance');
  const monday = weekStart(today);
  const week = attendanceTotals(records.filter((r) => r.date >= monday && r.date <= addDays(monday, 6)));
  const overall = plan ? planAttendance(plan, records, today, threshold) : null;
  const Heading = `h${headingLevel}` as const;
  const [first, , , , last] = schoolDaysOfWeek(today);
  return (
    <div className="attendance-summary">
      <Heading>{t('summary.title')}</Heading>
      <dl className="facts facts-wide">
        <div>
          <dt>{t('summary.thisWeek', { from: formatDay(first!, i18n.language), to: formatDay(last!, i18n.language) })}</dt>
          <dd>
            <RateText {...week} /> {week.rate !== null && <ThresholdText over={isOverThreshold(week, threshold)} threshold={threshold} />}
          </dd>
        </div>
        {plan && (
          <div>
            <dt>
              {overall
                ? t('summary.overPlan', { title: plan.title, from: formatDay(overall.period.from, i18n.language), to: formatDay(overall.period.to, i18n.language) })
                : t('summary.overPlanNotStarted', { title: plan.title })}
            </dt>
            <dd>
              {overall ? (
                <>
                  <RateText {...overall.totals} /> <ThresholdText over={overall.overThreshold} threshold={threshold} />
                </>
              ) : (
                t('summary.notStarted')
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('summary.threshold')}</dt>
          <dd>{t('summary.thresholdValue', { threshold: formatNumber(threshold, i18n.language), rate: formatNumber(100 - threshold, i18n.language) })}</dd>
        </div>
      </dl>
    </div>
  );
}
