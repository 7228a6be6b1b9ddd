import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { caseInputSchema, type CaseFormValues, type CaseInput } from '../../storage/case-input';
import { GENDERS } from '../../storage/records';
import { SelectField, TextField, useErrorText } from '../app/TextField';
import { ChangedElsewhere } from '../app/ChangedElsewhere';
import { readDraft, RestoredDraft, useFormDraft } from '../app/form-draft';
import { useDatabase } from '../app/database-context';

const FIELDS = ['code', 'displayName', 'birthYear', 'birthMonth', 'gender', 'school', 'className', 'notes'] as const;

interface Props {
  initial: CaseFormValues;
  submitLabel: string;
  onSubmit: (values: CaseInput) => Promise<boolean>;
  onCancel: () => void;
  /** A message for the code field from the caller (e.g. the code is already taken). */
  codeError?: string | null;
  /** The stored case as form values, when it changed (another tab saved) after the form was loaded. */
  storedNow?: CaseFormValues | null;
  /** Loads the stored case into the form (shown with `storedNow`). */
  onReload?: () => void;
  /** Editing a stored case: unsaved edits are kept as a draft under this key (src/ui/app/form-draft.tsx). */
  draft?: { key: string; rev: number; onDiscard: () => void };
}

/** Create and edit a case: react-hook-form with the same zod schema storage checks with. */
export function CaseForm({ initial, submitLabel, onSubmit, onCancel, codeError, storedNow, onReload, draft }: Props) {
  const { t } = useTranslation('cases');
  const sealer = useDatabase().keySession;
  const [restoredFrom] = useState(() => (draft ? readDraft<CaseFormValues, number>(draft.key, sealer) : null));
  const form = useForm<CaseFormValues, unknown, CaseInput>({ resolver: zodResolver(caseInputSchema()), defaultValues: restoredFrom?.values ?? initial });
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors, isSubmitting },
  } = form;
  const drafts = useFormDraft(draft?.key ?? '', form, draft?.rev ?? 0, restoredFrom);
  const submit = async (values: CaseInput) => {
    const ok = await onSubmit(values);
    if (ok) drafts.saved();
    return ok;
  };

  const errorText = useErrorText('cases');
  const field = (name: 'code' | 'displayName' | 'birthYear' | 'school' | 'className', input: { inputMode?: 'numeric' } = {}) => (
    <TextField
      id={`case-${name}`}
      label={t(`fields.${name}`)}
      hint={t(`hints.${name}`)}
      error={name === 'code' && codeError ? codeError : errorText(errors[name])}
      registration={register(name)}
      input={input}
    />
  );

  const text = (values: CaseFormValues, name: (typeof FIELDS)[number]) => String(values[name] ?? '');
  return (
    <form className="case-form" onSubmit={handleSubmit(submit)} noValidate>
      {draft && drafts.restored && (
        <RestoredDraft
          onDiscard={() => {
            drafts.load(initial);
            draft.onDiscard();
          }}
        />
      )}
      {storedNow && onReload && (
        <ChangedElsewhere
          onReload={onReload}
          compare={() => FIELDS.map((name) => ({ label: t(`fields.${name}`), yours: text(getValues(), name), stored: text(storedNow, name) }))}
        />
      )}
      {field('code')}
      {field('displayName')}
      <div className="form-row">
        {field('birthYear', { inputMode: 'numeric' })}
        <SelectField
          id="case-birthMonth"
          label={t('fields.birthMonth')}
          hint={t('hints.birthMonth')}
          registration={register('birthMonth')}
          options={[
            { value: '', label: t('notGiven') },
            ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: new Date(2020, i, 1).toLocaleString(t('locale'), { month: 'long' }) })),
          ]}
        />
        <SelectField
          id="case-gender"
          label={t('fields.gender')}
          registration={register('gender')}
          options={[{ value: '', label: t('notGiven') }, ...GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))]}
        />
      </div>
      <div className="form-row">
        {field('school')}
        {field('className')}
      </div>
      <div className="field">
        <label htmlFor="case-notes">{t('fields.notes')}</label>
        <textarea id="case-notes" rows={3} {...register('notes')} aria-describedby="case-notes-hint" />
        <span id="case-notes-hint" className="field-hint">
          {t('hints.notes')}
        </span>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {submitLabel}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            drafts.saved();
            onCancel();
          }}
        >
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
