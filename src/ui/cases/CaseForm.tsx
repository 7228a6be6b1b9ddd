import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { caseInputSchema, type CaseFormValues, type CaseInput } from '../../storage/case-input';
import { GENDERS } from '../../storage/records';

interface Props {
  initial: CaseFormValues;
  submitLabel: string;
  onSubmit: (values: CaseInput) => Promise<boolean>;
  onCancel: () => void;
  /** A message for the code field from the caller (e.g. the code is already taken). */
  codeError?: string | null;
}

/** Create and edit a case: react-hook-form with the same zod schema storage checks with. */
export function CaseForm({ initial, submitLabel, onSubmit, onCancel, codeError }: Props) {
  const { t } = useTranslation('cases');
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<CaseFormValues, unknown, CaseInput>({ resolver: zodResolver(caseInputSchema()), defaultValues: initial });

  const field = (name: keyof CaseFormValues, options: { type?: string; inputMode?: 'numeric'; autoComplete?: string } = {}) => {
    const message = name === 'code' && codeError ? codeError : errors[name]?.message ? t(String(errors[name]?.message)) : null;
    const id = `case-${name}`;
    return (
      <div className="field">
        <label htmlFor={id}>{t(`fields.${name}`)}</label>
        <input
          id={id}
          type={options.type ?? 'text'}
          inputMode={options.inputMode}
          autoComplete={options.autoComplete ?? 'off'}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : `${id}-hint`}
          {...register(name)}
        />
        {message ? (
          <span id={`${id}-error`} className="field-error">
            {message}
          </span>
        ) : (
          <span id={`${id}-hint`} className="field-hint">
            {t(`hints.${name}`)}
          </span>
        )}
      </div>
    );
  };

  return (
    <form className="case-form" onSubmit={handleSubmit(onSubmit)} noValidate>
      {field('code')}
      {field('displayName')}
      <div className="form-row">
        {field('birthYear', { inputMode: 'numeric' })}
        <div className="field">
          <label htmlFor="case-birthMonth">{t('fields.birthMonth')}</label>
          <select id="case-birthMonth" {...register('birthMonth')} aria-describedby="case-birthMonth-hint">
            <option value="">{t('notGiven')}</option>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {new Date(2020, i, 1).toLocaleString(t('locale'), { month: 'long' })}
              </option>
            ))}
          </select>
          <span id="case-birthMonth-hint" className="field-hint">
            {t('hints.birthMonth')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="case-gender">{t('fields.gender')}</label>
          <select id="case-gender" {...register('gender')}>
            <option value="">{t('notGiven')}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`gender.${g}`)}
              </option>
            ))}
          </select>
        </div>
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
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
