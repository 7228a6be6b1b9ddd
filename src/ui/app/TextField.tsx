import type { InputHTMLAttributes, ReactNode } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  label: string;
  hint?: string;
  /** Already translated; shown instead of the hint, and the input is marked invalid. */
  error?: string | null;
  /** A react-hook-form field, or `value` and `onChange` for a field kept in component state. */
  registration?: UseFormRegisterReturn;
  value?: string;
  onChange?: (value: string) => void;
  /** Further ids describing the input (e.g. a strength meter). */
  describedBy?: string;
  className?: string;
  input?: Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'autoComplete' | 'spellCheck'>;
}

/** A labelled text input with its hint and error wired to aria-describedby, for every form. */
export function TextField({ id, label, hint, error, registration, value, onChange, describedBy, className, input = {} }: Props) {
  const binding = registration ?? { value, onChange: (event: { target: { value: string } }) => onChange?.(event.target.value) };
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} describedBy={describedBy} className={className}>
      {(a11y) => <input {...a11y} type={input.type ?? 'text'} inputMode={input.inputMode} autoComplete={input.autoComplete ?? 'off'} spellCheck={input.spellCheck} {...binding} />}
    </FieldShell>
  );
}

/** A labelled select of a react-hook-form field. */
export function SelectField({
  id,
  label,
  hint,
  registration,
  options,
  className,
}: Pick<Props, 'id' | 'label' | 'hint' | 'className'> & { registration: UseFormRegisterReturn; options: readonly { value: string; label: string; lang?: string }[] }) {
  return (
    <FieldShell id={id} label={label} hint={hint} className={className}>
      {(a11y) => (
        <select {...a11y} {...registration}>
          {options.map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface ShellProps extends Pick<Props, 'id' | 'label' | 'hint' | 'error' | 'describedBy' | 'className'> {
  children: (a11y: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

/** A label, hint and error around any control (input, textarea, select), wired for screen readers. */
export function FieldShell({ id, label, hint, error, describedBy: extra, className, children }: ShellProps) {
  const describedBy = [hint && `${id}-hint`, extra, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true as const } : {}) })}
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
