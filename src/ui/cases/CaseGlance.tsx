/**
 * The case at a glance, at the top of the case page: the same lines as the PDF report's first page
 * (src/charts/glance.ts), and an index of the page's sections, so a long case reads in seconds.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { caseGlance, scoreAdministrations, summaryText, type CaseGlance as Glance, type SummaryLine } from '../../charts';
import type { Catalog } from '../../instrument/catalog';
import type { Language } from '../../instrument/schema';
import { localDateOf } from '../../plan';
import { absenceThresholdOptions } from '../../scoring/thresholds';
import { attendanceOfCase } from '../../storage/attendance';
import { plansOfCase } from '../../storage/plans';
import type { AdministrationRecord, CaseRecord } from '../../storage/records';
import { useDatabase } from '../app/database-context';
import { useSettingsOrDefaults } from '../app/live-settings';
import { useSummaryFormat } from '../charts/summary-format';

const SECTIONS = ['primary', 'informants', 'absence', 'attendance', 'plan'] as const satisfies readonly (keyof Glance)[];

/** Lines a clinician should not miss: no or provisional primary, flags, over the threshold, an overdue review. */
const WARNING = [
  /^summary\.primaryStatus\./,
  /^summary\.driving\.notValidated$/,
  /^glance\.informants\.differ$/,
  /^summary\.absence\.(total|problematic)\.above$/,
  /^glance\.attendance\.above$/,
  /^glance\.plan\.overdue$/,
];
const isWarning = (line: SummaryLine) => WARNING.some((pattern) => pattern.test(line.key));

export function CaseGlance({ record, administrations, catalog }: { record: CaseRecord; administrations: AdministrationRecord[]; catalog: Catalog }) {
  const { t, i18n } = useTranslation(['charts', 'plans', 'cases', 'audit']);
  const db = useDatabase();
  const settings = useSettingsOrDefaults();
  const format = useSummaryFormat();
  const plans = useLiveQuery(() => plansOfCase(db, record.id), [db, record.id]);
  const attendance = useLiveQuery(() => attendanceOfCase(db, record.id), [db, record.id]);
  const options = absenceThresholdOptions(settings.thresholdPreset, settings.customThresholdPercent);
  const scored = useMemo(
    () =>
      scoreAdministrations(administrations, catalog, {
        absenceThresholdPercent: options.absenceThresholdPercent,
        absenceThresholdProblematicOnly: options.absenceThresholdProblematicOnly,
      }),
    [administrations, catalog, options.absenceThresholdPercent, options.absenceThresholdProblematicOnly],
  );
  if (!plans || !attendance) return null;
  const glance = caseGlance({
    scored,
    profileChoice: record.profileChoice ?? null,
    margin: settings.comparisonMargin,
    thresholdPercent: options.absenceThresholdPercent,
    plans,
    attendance,
    today: localDateOf(new Date()),
    language: i18n.language as Language,
  });

  return (
    <section className="case-glance" aria-labelledby="glance-title" data-testid="case-glance">
      <h2 id="glance-title">{t('charts:glance.title')}</h2>
      <dl className="glance-list">
        {SECTIONS.filter((section) => glance[section].length > 0).map((section) => (
          <div key={section}>
            <dt>{t(`charts:glance.section.${section}`)}</dt>
            <dd>
              {glance[section].map((line, i) => (
                <p key={i} className={isWarning(line) ? 'glance-warning' : undefined}>
                  {summaryText(line, format)}
                </p>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <nav className="page-index" aria-label={t('cases:pageIndex')}>
        <a href={`#profiles-${record.id}`}>{t('charts:profiles.title')}</a>
        <a href="#case-plans-title">{t('plans:casePlans.title')}</a>
        <a href="#timeline-title">{t('cases:timeline.title')}</a>
        <a href="#new-administration-title">{t('cases:start.title')}</a>
        <a href="#history-title">{t('audit:history')}</a>
      </nav>
    </section>
  );
}
