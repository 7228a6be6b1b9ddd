import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFieldArray, useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { Catalog } from '../../instrument/catalog';
import {
  isLocalDate,
  localDateOf,
  planInputSchema,
  reviseStep,
  summarizePlan,
  type PlanFormValues,
  type PlanInput,
  type PlanStepFormValues,
  type PlanSuggestion,
} from '../../plan';
import { newId } from '../../storage/db';
import { createPlan, deletePlan, updatePlan } from '../../storage/plans';
import { STEP_RESPONSIBLE, type AdministrationRecord, type CaseRecord, type PlanRecord, type PlanStep } from '../../storage/records';
import { useDatabase } from '../app/database-context';
import { CaseGate } from '../app/CaseGate';
import { NotFound } from '../app/NotFound';
import { useCaseAdministrations, usePlan } from '../app/reads';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { ConfirmDelete } from '../app/ConfirmDelete';
import { ChangedElsewhere } from '../app/ChangedElsewhere';
import { draftKey, readDraft, RestoredDraft, useFormDraft } from '../app/form-draft';
import { revOf } from '../../storage/revision';
import { DateField } from '../app/DateField';
import { FieldShell, TextField, useErrorText } from '../app/TextField';
import { useCatalogState } from '../instruments/catalog-context';
import { formatDay } from '../../format/locale';
import { PlanSuggestions } from './PlanSuggestions';
import { RevisionHistory } from './RevisionHistory';
import './plans.css';

export function PlanPage() {
  const { caseId = '', planId = '' } = useParams();
  const { t } = useTranslation('plans');
  const plan = usePlan(planId === 'new' ? null : planId);
  const administrations = useCaseAdministrations(caseId);
  const catalogState = useCatalogState();
  const missing = (record: CaseRecord | null) => <NotFound title={t('planMissing')} back={{ to: record ? `/cases/${record.id}` : '/', label: t('backToCase') }} />;

  return (
    <CaseGate caseId={caseId} waitFor={[plan, administrations, catalogState.status === 'loading' ? undefined : catalogState]} missing={missing(null)}>
      {(record, plan, administrations, catalogState) =>
        planId !== 'new' && (plan === null || plan.caseId !== caseId) ? (
          missing(record)
        ) : (
          <PlanEditor
            key={plan?.id ?? 'new'}
            record={record}
            plan={plan}
            administrations={administrations.filter((a) => a.status === 'complete')}
            catalog={catalogState.status === 'ready' ? catalogState.catalog : null}
          />
        )
      }
    </CaseGate>
  );
}

function blankStep(): PlanStepFormValues {
  return { id: newId(), action: '', startDate: '', reviewDate: '', successCriterion: '', supports: '', responsible: [], status: 'planned' };
}

function formValuesOf(plan: PlanRecord | null, defaultTitle: string): PlanFormValues {
  if (!plan) return { title: defaultTitle, goal: '', returnDate: '', steps: [], contacts: [], reviews: [] };
  return {
    title: plan.title,
    goal: plan.goal,
    returnDate: plan.returnDate ?? '',
    steps: plan.steps.map((s) => ({ ...s, responsible: [...s.responsible], responsibleNote: s.responsibleNote ?? '' })),
    contacts: plan.contacts.map((c) => ({ ...c, reach: c.reach ?? '' })),
    reviews: plan.reviews.map((r) => ({ ...r })),
  };
}

/** The plan's parts as text, one row each, for comparing two versions side by side. */
function usePlanComparison() {
  const { t, i18n } = useTranslation('plans');
  // Form values: a day not (yet) valid shows as typed.
  const day = (date: string | undefined) => (isLocalDate(date) ? formatDay(date, i18n.language) : (date ?? ''));
  return (yours: PlanFormValues, stored: PlanFormValues) => {
    const rows = (v: PlanFormValues) => ({
      [t('fields.title')]: v.title,
      [t('fields.goal')]: v.goal,
      [t('fields.returnDate')]: day(v.returnDate),
      [t('steps')]: v.steps.map((s, i) => `${i + 1}. ${s.action} (${t(`status.${s.status}`)}; ${day(s.startDate)}–${day(s.reviewDate)})`).join('\n'),
      [t('contacts')]: v.contacts.map((c) => [c.name, c.role, c.reach].filter(Boolean).join(', ')).join('\n'),
      [t('reviews')]: v.reviews.map((r) => `${day(r.date)}: ${r.notes}`).join('\n'),
    });
    const mine = rows(yours);
    const theirs = rows(stored);
    return Object.keys(mine).map((label) => ({ label, yours: mine[label] ?? '', stored: theirs[label] ?? '' }));
  };
}

interface EditorProps {
  record: CaseRecord;
  plan: PlanRecord | null;
  administrations: AdministrationRecord[];
  catalog: Catalog | null;
}

function PlanEditor({ record, plan, administrations, catalog }: EditorProps) {
  const { t, i18n } = useTranslation('plans');
  const db = useDatabase();
  const navigate = useNavigate();
  const location = useLocation();
  const errorText = useErrorText('plans');
  const { run, error } = useStorageAction();
  const comparePlan = usePlanComparison();
  const [saved, setSaved] = useState<boolean>(Boolean((location.state as { saved?: boolean } | null)?.saved));
  const [invalid, setInvalid] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // Unsaved edits kept from before (the lock, a header link), restored with a notice.
  const draftId = draftKey('plan', record.id, plan?.id ?? 'new');
  const [draft] = useState(() => readDraft<PlanFormValues, number>(draftId, db.keySession));
  // The revision the form was loaded with: a save is checked against it (src/storage/revision.ts).
  const [loadedRev, setLoadedRev] = useState(() => draft?.base ?? revOf(plan));
  const today = localDateOf(new Date());

  const form = useForm<PlanFormValues, unknown, PlanInput>({ resolver: zodResolver(planInputSchema), defaultValues: draft?.values ?? formValuesOf(plan, t('defaultTitle')) });
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = form;
  const drafts = useFormDraft(draftId, form, loadedRev, draft);
  const steps = useFieldArray({ control, name: 'steps', keyName: 'key' });
  const contacts = useFieldArray({ control, name: 'contacts', keyName: 'key' });
  const reviews = useFieldArray({ control, name: 'reviews', keyName: 'key' });
  const stepValues = useWatch({ control, name: 'steps' });

  const changed = () => {
    setSaved(false);
    setInvalid(false);
  };
  /** A click handler that edits the plan's lists and marks the form as changed. */
  const editing = (edit: () => void) => () => {
    edit();
    changed();
  };

  const save = async () => {
    const values = getValues();
    await run(async () => {
      if (plan) {
        const updated = await updatePlan(db, plan.id, values, loadedRev);
        setLoadedRev(revOf(updated));
        drafts.saved();
        setSaved(true);
      } else {
        const created = await createPlan(db, record.id, values);
        drafts.saved();
        navigate(`/cases/${record.id}/plans/${created.id}`, { replace: true, state: { saved: true } });
      }
    });
  };

  const accept = (suggestion: PlanSuggestion) => {
    changed();
    steps.append({ ...blankStep(), action: suggestion.text, suggestedFor: suggestion.key, responsibleNote: '' });
    setAnnouncement(t('suggestions.added', { number: steps.fields.length + 1 }));
  };

  const move = (index: number, delta: number) => {
    steps.move(index, index + delta);
    changed();
    setAnnouncement(t('step.moved', { number: index + delta + 1 }));
  };

  const revise = (index: number) => {
    const current = getValues('steps') as PlanStep[];
    const next = reviseStep(current, current[index]!.id, newId());
    setValue(`steps.${index}.status`, 'revised');
    steps.insert(index + 1, { ...next[index + 1]!, responsibleNote: next[index + 1]!.responsibleNote ?? '' }, { focusName: `steps.${index + 1}.action` });
    changed();
    setAnnouncement(t('step.revisedAnnouncement', { number: index + 1 }));
  };

  const stepErrors = (errors as FieldErrors<PlanFormValues>).steps;
  const summary = plan ? summarizePlan(plan, today) : null;

  return (
    <article className="page plan-page" aria-labelledby="plan-title">
      <p>
        <Link to={`/cases/${record.id}`}>← {t('backToCaseCode', { code: record.code })}</Link>
      </p>
      <div className="page-head">
        <h1 id="plan-title">{plan ? plan.title : t('newPlan')}</h1>
        {plan && (
          <div className="form-actions">
            <Link className="button" to={`/cases/${record.id}/attendance`}>
              {t('attendanceLink')}
            </Link>
            <button type="button" className="button button-danger" onClick={() => setConfirmingDelete(true)}>
              {t('deletePlan')}
            </button>
          </div>
        )}
      </div>
      <p className="lead">{t('intro')}</p>
      {record.example && <p className="notice">{t('exampleNotice')}</p>}
      {summary && (
        <p className="muted">
          {t(`state.${summary.state}`)} · {t('achievedCount', { achieved: summary.achievedCount, count: summary.stepCount })}
          {summary.nextReview && ` · ${t('nextReview', { date: formatDay(summary.nextReview, i18n.language) })}`}
        </p>
      )}
      <StorageAlert error={error} />
      {drafts.restored && (
        <RestoredDraft
          onDiscard={() => {
            drafts.load(formValuesOf(plan, t('defaultTitle')));
            setLoadedRev(revOf(plan));
          }}
        />
      )}
      {plan && revOf(plan) !== loadedRev && (
        <ChangedElsewhere
          onReload={() => {
            drafts.load(formValuesOf(plan, t('defaultTitle')));
            setLoadedRev(revOf(plan));
            changed();
          }}
          compare={() => comparePlan(getValues(), formValuesOf(plan, t('defaultTitle')))}
        />
      )}

      {plan && confirmingDelete && (
        <ConfirmDelete
          title={t('deleteTitle', { title: plan.title })}
          text={t('deleteText')}
          confirmLabel={t('deleteConfirm')}
          cancelLabel={t('cancel')}
          onConfirm={() =>
            run(async () => {
              await deletePlan(db, plan.id, loadedRev);
              drafts.saved();
              navigate(`/cases/${record.id}`);
            })
          }
          onCancel={() => setConfirmingDelete(false)}
        />
      )}

      {catalog && (
        <PlanSuggestions
          administrations={administrations}
          catalog={catalog}
          profileChoice={record.profileChoice}
          taken={new Set(stepValues.flatMap((s) => (s.suggestedFor ? [s.suggestedFor] : [])))}
          onAccept={accept}
        />
      )}

      <form
        className="plan-form"
        noValidate
        onChange={changed}
        onSubmit={handleSubmit(save, () => {
          setSaved(false);
          setInvalid(true);
        })}
      >
        <section className="panel" aria-labelledby="plan-basics">
          <h2 id="plan-basics">{t('basics')}</h2>
          <TextField id="plan-title-field" label={t('fields.title')} error={errorText(errors.title)} registration={register('title')} />
          <FieldShell id="plan-goal" label={t('fields.goal')} hint={t('hints.goal')} error={errorText(errors.goal)}>
            {(a11y) => <textarea rows={2} {...a11y} {...register('goal')} />}
          </FieldShell>
          <DateField
            id="plan-returnDate"
            className="field-narrow"
            label={t('fields.returnDate')}
            hint={t('hints.returnDate')}
            error={errorText(errors.returnDate)}
            control={control}
            name="returnDate"
          />
        </section>

        <section aria-labelledby="plan-steps">
          <h2 id="plan-steps">{t('steps')}</h2>
          <p className="muted">{t('stepsIntro')}</p>
          {steps.fields.length === 0 && <p>{t('noSteps')}</p>}
          <ol className="plan-steps">
            {steps.fields.map((field, index) => {
              const status = stepValues?.[index]?.status ?? field.status;
              const prefix = `steps.${index}` as const;
              const id = `step-${index}`;
              const number = index + 1;
              const err = stepErrors?.[index];
              if (status === 'revised') {
                return (
                  <li key={field.key} className="plan-step plan-step-revised">
                    <h3>
                      {t('step.title', { number })} <span className="badge badge-muted">{t('status.revised')}</span>
                    </h3>
                    <p>{stepValues?.[index]?.action ?? field.action}</p>
                    <p className="muted">
                      {t('step.period', {
                        start: isLocalDate(field.startDate) ? formatDay(field.startDate, i18n.language) : '—',
                        review: isLocalDate(field.reviewDate) ? formatDay(field.reviewDate, i18n.language) : '—',
                      })}
                    </p>
                  </li>
                );
              }
              return (
                <li key={field.key} className="plan-step">
                  <fieldset aria-labelledby={`${id}-legend`}>
                    <div className="plan-step-head">
                      <h3 id={`${id}-legend`}>
                        {t('step.title', { number })} <span className={status === 'achieved' ? 'badge badge-achieved' : 'badge'}>{t(`status.${status}`)}</span>
                        {field.suggestedFor && <span className="badge badge-muted">{t('step.fromSuggestion')}</span>}
                      </h3>
                    </div>
                    <FieldShell id={`${id}-action`} label={t('fields.action')} hint={t('hints.action')} error={errorText(err?.action)}>
                      {(a11y) => <textarea rows={2} {...a11y} {...register(`${prefix}.action`)} />}
                    </FieldShell>
                    <div className="form-row">
                      <DateField id={`${id}-startDate`} label={t('fields.startDate')} error={errorText(err?.startDate)} control={control} name={`${prefix}.startDate`} />
                      <DateField id={`${id}-reviewDate`} label={t('fields.reviewDate')} error={errorText(err?.reviewDate)} control={control} name={`${prefix}.reviewDate`} />
                      <FieldShell id={`${id}-status`} label={t('fields.status')}>
                        {(a11y) => (
                          <select {...a11y} {...register(`${prefix}.status`)}>
                            {(['planned', 'in-progress', 'achieved'] as const).map((s) => (
                              <option key={s} value={s}>
                                {t(`status.${s}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </FieldShell>
                    </div>
                    <FieldShell id={`${id}-successCriterion`} label={t('fields.successCriterion')} hint={t('hints.successCriterion')} error={errorText(err?.successCriterion)}>
                      {(a11y) => <textarea rows={2} {...a11y} {...register(`${prefix}.successCriterion`)} />}
                    </FieldShell>
                    <FieldShell id={`${id}-supports`} label={t('fields.supports')} hint={t('hints.supports')} error={errorText(err?.supports)}>
                      {(a11y) => <textarea rows={2} {...a11y} {...register(`${prefix}.supports`)} />}
                    </FieldShell>
                    <fieldset className="checkbox-group" aria-describedby={err?.responsible ? `${id}-responsible-error` : undefined}>
                      <legend>{t('fields.responsible')}</legend>
                      {STEP_RESPONSIBLE.map((r) => (
                        <label key={r}>
                          <input type="checkbox" value={r} {...register(`${prefix}.responsible`)} aria-invalid={err?.responsible ? true : undefined} />
                          {t(`responsible.${r}`)}
                        </label>
                      ))}
                      {err?.responsible && (
                        <p id={`${id}-responsible-error`} className="field-error">
                          {errorText(err.responsible as { message?: string })}
                        </p>
                      )}
                    </fieldset>
                    <TextField
                      id={`${id}-responsibleNote`}
                      label={t('fields.responsibleNote')}
                      hint={t('hints.responsibleNote')}
                      error={errorText(err?.responsibleNote)}
                      registration={register(`${prefix}.responsibleNote`)}
                    />
                    <div className="form-actions plan-step-actions" role="group" aria-label={t('step.actions', { number })}>
                      <button type="button" className="button" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('step.moveUpLabel', { number })}>
                        ↑ {t('step.moveUp')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={index === steps.fields.length - 1}
                        onClick={() => move(index, 1)}
                        aria-label={t('step.moveDownLabel', { number })}
                      >
                        ↓ {t('step.moveDown')}
                      </button>
                      {status !== 'achieved' && (
                        <button
                          type="button"
                          className="button"
                          onClick={() => {
                            setValue(`${prefix}.status`, 'achieved');
                            changed();
                            setAnnouncement(t('step.achievedAnnouncement', { number }));
                          }}
                        >
                          {t('step.markAchieved')}
                        </button>
                      )}
                      <button type="button" className="button" onClick={() => revise(index)}>
                        {t('step.revise')}
                      </button>
                      <button
                        type="button"
                        className="button button-danger"
                        onClick={() => {
                          steps.remove(index);
                          changed();
                          setAnnouncement(t('step.removed', { number }));
                        }}
                        aria-label={t('step.removeLabel', { number })}
                      >
                        {t('step.remove')}
                      </button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button type="button" className="button" onClick={editing(() => steps.append({ ...blankStep(), responsibleNote: '' }))}>
            + {t('addStep')}
          </button>
        </section>

        <PlanList
          id="plan-contacts"
          title={t('contacts')}
          empty={contacts.fields.length === 0 ? t('noContacts') : null}
          add={t('addContact')}
          onAdd={editing(() => contacts.append({ id: newId(), name: '', role: '', reach: '' }))}
        >
          {contacts.fields.map((field, index) => (
            <div key={field.key} className="form-row plan-row" role="group" aria-label={t('contactLabel', { number: index + 1 })}>
              <TextField
                id={`contact-${index}-name`}
                label={t('fields.contactName')}
                error={errorText(errors.contacts?.[index]?.name)}
                registration={register(`contacts.${index}.name`)}
              />
              <TextField
                id={`contact-${index}-role`}
                label={t('fields.contactRole')}
                error={errorText(errors.contacts?.[index]?.role)}
                registration={register(`contacts.${index}.role`)}
              />
              <TextField
                id={`contact-${index}-reach`}
                label={t('fields.contactReach')}
                error={errorText(errors.contacts?.[index]?.reach)}
                registration={register(`contacts.${index}.reach`)}
              />
              <RemoveButton className="button plan-row-remove" label={t('removeContactLabel', { number: index + 1 })} onClick={editing(() => contacts.remove(index))} />
            </div>
          ))}
        </PlanList>

        <PlanList
          id="plan-reviews"
          title={t('reviews')}
          empty={reviews.fields.length === 0 ? t('noReviews') : null}
          add={t('addReview')}
          onAdd={editing(() => reviews.append({ id: newId(), date: today, notes: '' }))}
        >
          {reviews.fields.map((field, index) => (
            <div key={field.key} className="plan-row" role="group" aria-label={t('reviewLabel', { number: index + 1 })}>
              <div className="form-row">
                <DateField
                  id={`review-${index}-date`}
                  label={t('fields.meetingDate')}
                  error={errorText(errors.reviews?.[index]?.date)}
                  control={control}
                  name={`reviews.${index}.date`}
                />
                <FieldShell id={`review-${index}-notes`} className="grow" label={t('fields.meetingNotes')} error={errorText(errors.reviews?.[index]?.notes)}>
                  {(a11y) => <textarea rows={3} {...a11y} {...register(`reviews.${index}.notes`)} />}
                </FieldShell>
              </div>
              <RemoveButton label={t('removeReviewLabel', { number: index + 1 })} onClick={editing(() => reviews.remove(index))} />
            </div>
          ))}
        </PlanList>

        {invalid && (
          <p role="alert" className="alert alert-error">
            {t('invalid')}
          </p>
        )}
        <p role="status" className="plan-status">
          {saved ? t('saved') : announcement}
        </p>
        <div className="form-actions plan-save">
          <button type="submit" className="button button-primary button-large" disabled={isSubmitting}>
            {plan ? t('save') : t('create')}
          </button>
          <Link className="button button-large" to={`/cases/${record.id}`}>
            {t('close')}
          </Link>
        </div>
      </form>

      {plan && <RevisionHistory plan={plan} />}
    </article>
  );
}

/** A list part of the plan (contacts, reviews): its rows, a line when there are none, and "+ add". */
function PlanList({ id, title, empty, add, onAdd, children }: { id: string; title: string; empty: string | null; add: string; onAdd: () => void; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty && <p className="muted">{empty}</p>}
      {children}
      <button type="button" className="button" onClick={onAdd}>
        + {add}
      </button>
    </section>
  );
}

/** "Remove" on a row; `label` names the row for screen readers ("Remove contact 2"). */
function RemoveButton({ label, onClick, className = 'button' }: { label: string; onClick: () => void; className?: string }) {
  const { t } = useTranslation('plans');
  return (
    <button type="button" className={className} onClick={onClick} aria-label={label}>
      {t('remove')}
    </button>
  );
}
