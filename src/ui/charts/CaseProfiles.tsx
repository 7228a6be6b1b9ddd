/**
 * The case's profile charts: informants side by side, over time, quality and function, absence.
 * Drawn with recharts, which loads with the case page (a lazy route), never on the first screen.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import type { Language } from '../../instrument/schema';
import { absenceThresholdOptions } from '../../scoring/thresholds';
import type { AdministrationRecord, CaseRecord } from '../../storage/records';
import {
  TIME_POINT_DAYS,
  absenceOverTime,
  drivingProfile,
  drivingSummary,
  functionFamilies,
  summaryText,
  hasRatingSets,
  informantComparison,
  overTime,
  qualityFunction,
  scoreAdministrations,
  type ScoredAdministration,
  type SeriesKey,
} from '../../charts';
import { useDatabase } from '../app/database-context';
import { useSettingsOrDefaults } from '../app/live-settings';
import { useStorageAction } from '../app/storage-feedback';
import { setProfileChoice } from '../../storage/cases';
import { useSummaryFormat } from './summary-format';
import { formatDate } from '../../format/locale';
import { formatPercent } from '../../format/number';
import { AbsenceChart } from './AbsenceChart';
import { InformantComparisonChart } from './InformantComparisonChart';
import { OverTimeChart } from './OverTimeChart';
import { QualityFunctionChart } from './QualityFunctionChart';
import './charts.css';

export function CaseProfiles({ record, administrations, catalog }: { record: CaseRecord; administrations: AdministrationRecord[]; catalog: Catalog }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language as Language;
  const settings = useSettingsOrDefaults();
  const options = absenceThresholdOptions(settings.thresholdPreset, settings.customThresholdPercent);
  const threshold = options.absenceThresholdPercent;
  const problematicOnly = options.absenceThresholdProblematicOnly;
  const scored = useMemo(
    () => scoreAdministrations(administrations, catalog, { absenceThresholdPercent: threshold, absenceThresholdProblematicOnly: problematicOnly }),
    [administrations, catalog, threshold, problematicOnly],
  );
  const families = functionFamilies(scored);
  const [chosenFamily, setFamily] = useState<string | null>(null);
  const family = chosenFamily !== null && families.includes(chosenFamily) ? chosenFamily : (families[0] ?? null);
  const qualityForms = scored.filter((s) => hasRatingSets(s.definition));
  const absence = absenceOverTime(scored, { language });

  return (
    <section className="case-profiles" aria-labelledby={`profiles-${record.id}`}>
      <h2 id={`profiles-${record.id}`}>{t('profiles.title')}</h2>
      {!family && qualityForms.length === 0 && !absence ? <p className="muted">{t('profiles.empty')}</p> : <p className="muted">{t('profiles.intro')}</p>}
      {family && <DrivingSection record={record} scored={scored} language={language} />}
      {families.length > 1 && family && (
        <div className="field field-narrow">
          <label htmlFor={`family-${record.id}`}>{t('informants.family')}</label>
          <select id={`family-${record.id}`} value={family} onChange={(e) => setFamily(e.target.value)}>
            {families.map((f) => (
              <option key={f} value={f}>
                {familyTitle(scored, f, language)}
              </option>
            ))}
          </select>
        </div>
      )}
      {family && <InformantsSection key={`i-${family}`} scored={scored} family={family} margin={settings.comparisonMargin} language={language} />}
      {family && <OverTimeSection key={`o-${family}`} scored={scored} family={family} language={language} />}
      {qualityForms.length > 0 && <QualitySection forms={qualityForms} language={language} />}
      {absence && (
        <section className="chart-section" aria-labelledby={`absence-${record.id}`}>
          <h3 id={`absence-${record.id}`}>{t('absence.title')}</h3>
          <p className="muted">{t('absence.intro', { threshold: formatPercent(threshold, language) })}</p>
          <AbsenceChart data={absence} thresholdPercent={threshold} />
        </section>
      )}
    </section>
  );
}

/** The family's name as its newest form's title says it (families have no title of their own). */
function familyTitle(scored: ScoredAdministration[], family: string, language: Language): string {
  const newest = [...scored].reverse().find((s) => s.definition.family === family);
  return newest ? (newest.definition.title[language] ?? newest.definition.title.en) : family;
}

/** Which profile drives the case (plan suggestions, the report's interpretation), in words, and the clinician's choice. */
function DrivingSection({ record, scored, language }: { record: CaseRecord; scored: ScoredAdministration[]; language: Language }) {
  const { t } = useTranslation('charts');
  const id = useId();
  const db = useDatabase();
  const storage = useStorageAction();
  const format = useSummaryFormat();
  const choice = drivingProfile(scored, record.profileChoice);
  const lines = drivingSummary(choice, language);
  const dates = (start: string, end: string) =>
    formatDate(start, language) === formatDate(end, language) ? formatDate(start, language) : `${formatDate(start, language)} – ${formatDate(end, language)}`;
  const selected = choice.chosen && choice.driving ? choice.driving.key : '';
  return (
    <section className="chart-section driving-profile" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('driving.title')}</h3>
      {choice.options.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-choice`}>{t('driving.choose')}</label>
          <select id={`${id}-choice`} value={selected} onChange={(e) => void storage.run(() => setProfileChoice(db, record.id, e.target.value || null))}>
            <option value="">{t('driving.latest')}</option>
            {choice.options.map((o) => (
              <option key={o.key} value={o.key}>
                {t('driving.option', {
                  title: familyTitle(scored, o.family, language),
                  informants: o.forms.map((f) => t(`informant.${f.informant}`)).join(', '),
                  dates: dates(o.start, o.end),
                })}
              </option>
            ))}
          </select>
        </div>
      )}
      <ul className="plain-list driving-summary" data-testid="driving-summary">
        {lines.map((line, i) => (
          <li key={i} className={line.key.startsWith('summary.primaryStatus.') || line.key === 'summary.driving.notValidated' ? 'notice notice-warning' : undefined}>
            {summaryText(line, format)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function InformantsSection({ scored, family, margin, language }: { scored: ScoredAdministration[]; family: string; margin: number; language: Language }) {
  const { t } = useTranslation('charts');
  const id = useId();
  const [chosen, setChosen] = useState<number | null>(null);
  const latest = informantComparison(scored, { family, margin, language });
  if (!latest) return null;
  const index = chosen ?? latest.timePoint.index;
  const data = index === latest.timePoint.index ? latest : informantComparison(scored, { family, margin, language, timePoint: index })!;
  const names = (informants: SeriesKey[]) => informants.map((k) => t(`informant.${k}`)).join(', ');
  return (
    <section className="chart-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('informants.title')}</h3>
      <p className="muted">{t('informants.intro', { days: TIME_POINT_DAYS })}</p>
      {latest.timePoints.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-point`}>{t('informants.timePoint')}</label>
          <select id={`${id}-point`} value={index} onChange={(e) => setChosen(Number(e.target.value))}>
            {latest.timePoints.map((p) => (
              <option key={p.index} value={p.index}>
                {formatDate(p.start, language) === formatDate(p.end, language)
                  ? t('informants.timePointOption', { start: formatDate(p.start, language), informants: names(p.informants) })
                  : t('informants.timePointRange', { start: formatDate(p.start, language), end: formatDate(p.end, language), informants: names(p.informants) })}
              </option>
            ))}
          </select>
        </div>
      )}
      <InformantComparisonChart data={data} />
    </section>
  );
}

function OverTimeSection({ scored, family, language }: { scored: ScoredAdministration[]; family: string; language: Language }) {
  const { t } = useTranslation('charts');
  const id = useId();
  const data = overTime(scored, { family, language });
  const [chosen, setChosen] = useState<SeriesKey | null>(null);
  if (!data) return null;
  // The combined profile first when there is one: it is what the primary function is read from.
  const defaultSeries = data.series.find((s) => s.key === 'combined') ?? data.series[0]!;
  const series = data.series.find((s) => s.key === chosen) ?? defaultSeries;
  return (
    <section className="chart-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('overTime.title')}</h3>
      <p className="muted">{t('overTime.intro')}</p>
      {data.series.length > 1 && (
        <fieldset className="segmented chart-choice">
          <legend>{t('overTime.series')}</legend>
          {data.series.map((s) => (
            <label key={s.key} className={s.key === series.key ? 'selected' : undefined}>
              <input type="radio" name={`${id}-series`} value={s.key} checked={s.key === series.key} onChange={() => setChosen(s.key)} />
              <span>{t(`informant.${s.key}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <OverTimeChart data={data} series={series} />
    </section>
  );
}

function QualitySection({ forms, language }: { forms: ScoredAdministration[]; language: Language }) {
  const { t } = useTranslation('charts');
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const form = forms.find((f) => f.administration.id === chosen) ?? forms.at(-1)!;
  const data = qualityFunction(form, language);
  return (
    <section className="chart-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('quality.title')}</h3>
      <p className="muted">{t('quality.intro')}</p>
      {forms.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-form`}>{t('quality.form')}</label>
          <select id={`${id}-form`} value={form.administration.id} onChange={(e) => setChosen(e.target.value)}>
            {[...forms].reverse().map((f) => (
              <option key={f.administration.id} value={f.administration.id}>
                {t('quality.formOption', { date: formatDate(f.date, language), informant: t(`informant.${f.administration.informant}`) })}
              </option>
            ))}
          </select>
        </div>
      )}
      {data && <QualityFunctionChart data={data} />}
    </section>
  );
}
