import type { InputHTMLAttributes } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  label: string;
  hint?: string;
  /** Already translated; shown instead of the hint, and the input is marked invalid. */
  error?: string | null;
  registration: UseFormRegisterReturn;
  className?: string;
  input?: Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'autoComplete'>;
}

/** A labelled text input with its hint and error wired to aria-describedby, for every form. */
export function TextField({ id, label, hint, error, registration, className, input = {} }: Props) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type={input.type ?? 'text'} inputMode={input.inputMode} autoComplete={input.autoComplete ?? 'off'} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...registration} />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Form errors carry i18n keys (from the zod schemas); this turns one into words of a namespace. */
export function useErrorText(namespace: string): (error: Pick<FieldError, 'message'> | undefined) => string | null {
  const { t } = useTranslation(namespace);
  return (error) => (error?.message ? t(error.message) : null);
}
