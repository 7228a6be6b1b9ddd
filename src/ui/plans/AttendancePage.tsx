import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useForm, useWatch, type Control, type FieldErrors } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  addDays,
  attendanceChartData,
  attendanceRange,
  attendanceTotals,
  attendanceWeekSchema,
  DISTRESS_TIMES,
  isLocalDate,
  isoWeek,
  isOverThreshold,
  localDateOf,
  planAttendance,
  weekEntryValues,
  weeklyAttendance,
  weekStart,
  type AttendanceWeekInput,
  type AttendanceWeekValues,
} from '../../plan';
import { thresholdPercent } from '../../scoring/thresholds';
import { deleteAttendanceDay, saveAttendanceWeek, weekRevs, type WeekBase } from '../../storage/attendance';
import { ChangedElsewhere } from '../app/ChangedElsewhere';
import { draftKey, readDraft, RestoredDraft, useFormDraft } from '../app/form-draft';
import { attendanceOfCase } from '../../storage/reads';
import { ATTENDANCE_UNITS, type AttendanceRecord, type CaseRecord, type LocalDate, type PlanRecord } from '../../storage/records';
import { useDatabase } from '../app/database-context';
import { useSettingsOrDefaults } from '../app/live-settings';
import { CaseGate } from '../app/CaseGate';
import { DataTable } from '../app/DataTable';
import { useAttendance, usePlans } from '../app/reads';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { useErrorText } from '../app/TextField';
import { formatDay, formatNumber, formatWeekday } from '../../format/locale';
import { AttendanceChart } from './AttendanceChart';
import { AttendanceSummary, RateText, ThresholdText } from './AttendanceSummary';
import './plans.css';

export function AttendancePage() {
  const { caseId = '' } = useParams();
  const records = useAttendance(caseId);
  const plans = usePlans(caseId);
  return (
    <CaseGate caseId={caseId} waitFor={[records, plans]}>
      {(record, records, plans) => <AttendanceView record={record} records={records} plans={plans} />}
    </CaseGate>
  );
}

function AttendanceView({ record, records, plans }: { record: CaseRecord; records: AttendanceRecord[]; plans: PlanRecord[] }) {
  const { t, i18n } = useTranslation(['attendance', 'cases', 'plans']);
  const settings = useSettingsOrDefaults();
  const [params, setParams] = useSearchParams();
  const [planId, setPlanId] = useState<string | null>(null);
  const today = localDateOf(new Date());
  const requested = params.get('week');
  const monday = weekStart(requested && isLocalDate(requested) ? requested : today);
  const threshold = thresholdPercent(settings.thresholdPreset, settings.customThresholdPercent);
  const plan = plans.find((p) => p.id === planId) ?? plans[0] ?? null;
  const { week } = isoWeek(monday);
  const goToWeek = (date: string) => setParams(date === weekStart(today) ? {} : { week: date });

  const overall = plan ? planAttendance(plan, records, today, threshold) : null;
  const range = attendanceRange(records, plan, today);
  const weeks = range ? weeklyAttendance(records, range.from, range.to, { thresholdPercent: threshold, steps: plan?.steps ?? [] }) : [];
  const chart = attendanceChartData(weeks, plan?.steps ?? [], threshold);
  const stepTitle = (id: string) => plan?.steps.find((s) => s.id === id)?.action ?? '';

  return (
    <article className="page attendance-page" aria-labelledby="attendance-title">
      <p>
        <Link to={`/cases/${record.id}`}>← {t('plans:backToCaseCode', { code: record.code })}</Link>
      </p>
      <h1 id="attendance-title">{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {record.example && <p className="notice">{t('plans:exampleNotice')}</p>}

      <section className="panel" aria-labelledby="week-title">
        <div className="page-head">
          <h2 id="week-title">
            {t('week.title', { week })}{' '}
            <span className="muted">{t('week.range', { from: formatDay(monday, i18n.language), to: formatDay(addDays(monday, 4), i18n.language) })}</span>
          </h2>
          <nav className="form-actions week-nav" aria-label={t('week.navigation')}>
            <button type="button" className="button" onClick={() => goToWeek(addDays(monday, -7))}>
              ← {t('week.previous')}
            </button>
            <button type="button" className="button" disabled={monday === weekStart(today)} onClick={() => goToWeek(weekStart(today))}>
              {t('week.current')}
            </button>
            <button type="button" className="button" onClick={() => goToWeek(addDays(monday, 7))}>
              {t('week.next')} →
            </button>
          </nav>
        </div>
        <WeekForm key={monday} caseId={record.id} monday={monday} records={records} threshold={threshold} />
      </section>

      <section aria-labelledby="rates-title">
        <h2 id="rates-title">{t('rates.title')}</h2>
        {plans.length > 1 && (
          <div className="field field-narrow">
            <label htmlFor="rates-plan">{t('rates.plan')}</label>
            <select id="rates-plan" value={plan?.id ?? ''} onChange={(e) => setPlanId(e.target.value)}>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
        )}
        {records.length === 0 ? <p className="muted">{t('noneYet')}</p> : <AttendanceSummary records={records} plan={plan} today={today} threshold={threshold} />}
        {plan && overall && (
          <DataTable
            className="attendance-steps"
            caption={t('rates.byStep', { title: plan.title })}
            rows={overall.steps}
            rowKey={(s) => s.stepId}
            columns={[
              {
                header: t('table.step'),
                rowHeader: true,
                cell: (s) => (
                  <>
                    {s.stepNumber}. {stepTitle(s.stepId)} <span className="muted">({t(`plans:status.${s.status}`)})</span>
                  </>
                ),
              },
              {
                header: t('table.current'),
                cell: (s) =>
                  s.from && s.to ? t('table.fromTo', { from: formatDay(s.from, i18n.language), to: formatDay(s.to, i18n.language), count: s.days }) : t('table.noDays'),
              },
              { header: t('table.rate'), cell: (s) => <RateText {...s} /> },
              { header: t('table.threshold'), cell: (s) => <ThresholdText over={s.overThreshold} threshold={threshold} /> },
            ]}
          />
        )}
        {plan ? (
          <p>
            <Link to={`/cases/${record.id}/plans/${plan.id}`}>{t('openPlan', { title: plan.title })}</Link>
          </p>
        ) : (
          <p className="muted">
            {t('noPlan')} <Link to={`/cases/${record.id}/plans/new`}>{t('plans:casePlans.new')}</Link>
          </p>
        )}
        {weeks.length > 0 && <AttendanceChart data={chart} stepTitle={stepTitle} />}
      </section>
    </article>
  );
}

const AMOUNTS = ['scheduled', 'attended'] as const;

function WeekForm({ caseId, monday, records, threshold }: { caseId: string; monday: LocalDate; records: AttendanceRecord[]; threshold: number }) {
  const { t, i18n } = useTranslation(['attendance', 'cases', 'plans']);
  const db = useDatabase();
  const errorText = useErrorText('attendance');
  const { run, error } = useStorageAction();
  const [status, setStatus] = useState('');
  const [invalid, setInvalid] = useState(false);
  const baseOf = (rows: readonly AttendanceRecord[]): WeekBase => {
    const values = weekEntryValues(rows, monday);
    return {
      values,
      revs: weekRevs(
        rows,
        values.days.map((d) => d.date),
      ),
    };
  };
  // The week as loaded, with each day's revision: a save writes only the days changed from it,
  // and refuses a day another tab saved meanwhile (src/storage/attendance.ts).
  const draftId = draftKey('attendance', caseId, monday);
  const [draft] = useState(() => readDraft<AttendanceWeekValues, WeekBase>(draftId, db.keySession));
  const [base, setBase] = useState(() => draft?.base ?? baseOf(records));
  const form = useForm<AttendanceWeekValues, unknown, AttendanceWeekInput>({ resolver: zodResolver(attendanceWeekSchema), defaultValues: draft?.values ?? base.values });
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = form;
  const drafts = useFormDraft(draftId, form, base, draft);
  const days = getValues('days');
  const stored = new Set(records.map((r) => r.date));
  const dayErrors = (errors as FieldErrors<AttendanceWeekValues>).days;
  const current = baseOf(records);
  const movedDays = days.filter((d) => current.revs[d.date] !== base.revs[d.date]).map((d) => d.date);

  /** Shows the stored week: after a save (with the days other tabs saved) or when asked to reload. */
  const load = (next: WeekBase) => {
    drafts.load(next.values);
    setBase(next);
  };

  const save = async () => {
    const values = getValues();
    await run(async () => {
      const result = await saveAttendanceWeek(db, caseId, values, base);
      load(baseOf(await attendanceOfCase(db, caseId)));
      setStatus(t('week.saved', { count: result.days, removed: result.removed }));
    });
  };

  const dayText = (day: AttendanceWeekValues['days'][number], unit: string) =>
    day.scheduled === ''
      ? ''
      : [
          `${t('fields.scheduled')} ${day.scheduled} ${t(`unit.${unit}`)}`,
          `${t('fields.attended')} ${day.attended}`,
          ...DISTRESS_TIMES.filter((k) => day[k] !== '').map((k) => `${t(`distress.${k}`)} ${day[k]}`),
          day.note ?? '',
        ]
          .filter(Boolean)
          .join(' · ');
  const compareWeek = () => {
    const yours = getValues();
    return movedDays.map((date) => {
      const mine = yours.days.find((d) => d.date === date)!;
      const theirs = current.values.days.find((d) => d.date === date)!;
      return { label: formatWeekday(date, i18n.language), yours: dayText(mine, yours.unit), stored: dayText(theirs, current.values.unit) };
    });
  };

  const copyMonday = () => {
    const first = getValues('days.0');
    days.forEach((_, i) => {
      if (i > 0 && getValues(`days.${i}.scheduled`) === '') setValue(`days.${i}.scheduled`, first.scheduled);
    });
    setStatus(t('week.copied'));
  };
  const allAttended = () => {
    days.forEach((_, i) => {
      const scheduled = getValues(`days.${i}.scheduled`);
      if (scheduled !== '' && getValues(`days.${i}.attended`) === '') setValue(`days.${i}.attended`, scheduled);
    });
    setStatus(t('week.filledAttended'));
  };

  return (
    <form
      noValidate
      onChange={() => {
        setStatus('');
        setInvalid(false);
      }}
      onSubmit={handleSubmit(save, () => setInvalid(true))}
    >
      <fieldset className="segmented" role="radiogroup" aria-label={t('unit.label')}>
        <legend>{t('unit.label')}</legend>
        <UnitChoice control={control} register={register} />
      </fieldset>
      <p className="muted">{t('week.help')}</p>
      {drafts.restored && <RestoredDraft onDiscard={() => load(current)} />}
      {movedDays.length > 0 && <ChangedElsewhere onReload={() => load(current)} compare={compareWeek} />}
      <div className="table-scroll">
        <table className="data-table week-table">
          <thead>
            <tr>
              <th scope="col" id="col-day">
                {t('table.day')}
              </th>
              <th scope="col" id="col-scheduled">
                {t('fields.scheduled')}
              </th>
              <th scope="col" id="col-attended">
                {t('fields.attended')}
              </th>
              {DISTRESS_TIMES.map((k) => (
                <th scope="col" id={`col-${k}`} key={k}>
                  {t(`distress.${k}`)}
                </th>
              ))}
              <th scope="col" id="col-note">
                {t('fields.note')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day, i) => {
              const rowId = `day-${i}`;
              const cell = (name: (typeof AMOUNTS)[number] | (typeof DISTRESS_TIMES)[number], mode: 'decimal' | 'numeric') => {
                const err = dayErrors?.[i]?.[name];
                const id = `${rowId}-${name}`;
                return (
                  <td key={name} className={mode === 'numeric' ? 'distress-cell' : undefined}>
                    <input
                      id={id}
                      className={mode === 'numeric' ? 'input-distress' : 'input-amount'}
                      inputMode={mode}
                      autoComplete="off"
                      aria-labelledby={`col-${name} ${rowId}`}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${id}-error` : undefined}
                      {...register(`days.${i}.${name}`)}
                    />
                    {err && (
                      <p id={`${id}-error`} className="field-error">
                        {errorText(err)}
                      </p>
                    )}
                  </td>
                );
              };
              return (
                <tr key={day.date}>
                  <th scope="row" id={rowId}>
                    {formatWeekday(day.date, i18n.language)}
                  </th>
                  {cell('scheduled', 'decimal')}
                  {cell('attended', 'decimal')}
                  {DISTRESS_TIMES.map((k) => cell(k, 'numeric'))}
                  <td>
                    <input id={`${rowId}-note`} className="input-note" autoComplete="off" aria-labelledby={`col-note ${rowId}`} {...register(`days.${i}.note`)} />
                    {dayErrors?.[i]?.note && <p className="field-error">{errorText(dayErrors[i]!.note)}</p>}
                  </td>
                  <td>
                    {stored.has(day.date) && (
                      <button
                        type="button"
                        className="button"
                        aria-label={t('week.deleteDayLabel', { day: formatWeekday(day.date, i18n.language) })}
                        onClick={() =>
                          run(async () => {
                            await deleteAttendanceDay(db, caseId, day.date, base.revs[day.date] ?? 0);
                            for (const name of [...AMOUNTS, ...DISTRESS_TIMES, 'note'] as const) setValue(`days.${i}.${name}`, '');
                            const emptied = { date: day.date, scheduled: '', attended: '', morning: '', school: '', evening: '', note: '' };
                            setBase((b) => ({
                              values: { ...b.values, days: b.values.days.map((d) => (d.date === day.date ? emptied : d)) },
                              revs: { ...b.revs, [day.date]: null },
                            }));
                            setStatus(t('week.dayDeleted', { day: formatWeekday(day.date, i18n.language) }));
                          })
                        }
                      >
                        {t('week.deleteDay')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={copyMonday}>
          {t('week.copyMonday')}
        </button>
        <button type="button" className="button" onClick={allAttended}>
          {t('week.allAttended')}
        </button>
      </div>
      {invalid && (
        <p role="alert" className="alert alert-error">
          {t('invalid')}
        </p>
      )}
      <StorageAlert error={error} />
      <WeekRate control={control} threshold={threshold} />
      <p role="status" className="plan-status">
        {status}
      </p>
      <div className="form-actions">
        <button type="submit" className="button button-primary button-large" disabled={isSubmitting}>
          {t('week.save')}
        </button>
      </div>
    </form>
  );
}

function UnitChoice({
  control,
  register,
}: {
  control: Control<AttendanceWeekValues, unknown, AttendanceWeekInput>;
  register: ReturnType<typeof useForm<AttendanceWeekValues, unknown, AttendanceWeekInput>>['register'];
}) {
  const { t } = useTranslation(['attendance', 'cases', 'plans']);
  const unit = useWatch({ control, name: 'unit' });
  return (
    <>
      {ATTENDANCE_UNITS.map((u) => (
        <label key={u} className={unit === u ? 'selected' : undefined}>
          <input type="radio" value={u} {...register('unit')} />
          {t(`unit.${u}`)}
        </label>
      ))}
    </>
  );
}

/** The rate of the week as typed, before saving: what the practitioner checks against the paper. */
function WeekRate({ control, threshold }: { control: Control<AttendanceWeekValues, unknown, AttendanceWeekInput>; threshold: number }) {
  const { t, i18n } = useTranslation(['attendance', 'cases', 'plans']);
  const values = useWatch({ control });
  const parsed = attendanceWeekSchema.safeParse(values);
  if (!parsed.success) return null;
  const entered = parsed.data.days.flatMap((d) => (d.entry ? [{ date: d.date, unit: parsed.data.unit, scheduled: d.entry.scheduled, attended: d.entry.attended }] : []));
  const totals = attendanceTotals(entered);
  if (totals.days === 0) return null;
  return (
    <p className="week-rate">
      {t('week.rate')}: <RateText {...totals} /> <ThresholdText over={isOverThreshold(totals, threshold)} threshold={threshold} />
      {totals.rate !== null && <span className="muted"> · {t('week.absence', { absence: formatNumber(totals.absence!, i18n.language) })}</span>}
    </p>
  );
}
