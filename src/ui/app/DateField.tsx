import { useState } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDateInput, parseDateInput } from '../../format/date-input';
import { asLocalDate, isLocalDate } from '../../plan/dates';
import { TextField } from './TextField';

interface Props<T extends FieldValues, O> {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  className?: string;
  control: Control<T, unknown, O>;
  name: FieldPath<T>;
}

const shown = (value: unknown, language: string) => (isLocalDate(value) ? formatDateInput(value, language) : typeof value === 'string' ? value : '');

/**
 * A school day typed in the interface language ("3.12.2026", "03/12/2026") and kept in the form as
 * "YYYY-MM-DD". Text that is not a day stays in the form as typed, so the form's schema names it
 * ("not a real date") instead of the field silently dropping it.
 */
export function DateField<T extends FieldValues, O>({ id, label, hint, error, className, control, name }: Props<T, O>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { field } = useController<T, FieldPath<T>, O>({ control, name });
  // What the field shows, and for which form value and language: a value set from outside (a
  // reset, a suggestion) or a change of language shows anew; what the user typed stays as typed.
  const [state, setState] = useState({ value: field.value as unknown, language, text: shown(field.value, language) });
  if (state.value !== field.value || state.language !== language) setState({ value: field.value, language, text: shown(field.value, language) });
  const format = t('common:dateInput.hint', { example: formatDateInput(asLocalDate('2026-12-03'), language) });
  return (
    <TextField
      id={id}
      label={label}
      hint={hint ? `${hint} ${format}` : format}
      error={error}
      className={className}
      value={state.text}
      onChange={(text) => {
        const value = text.trim() === '' ? '' : (parseDateInput(text) ?? text);
        setState({ value, language, text });
        field.onChange(value);
      }}
      input={{ inputMode: 'text', autoComplete: 'off' }}
    />
  );
}
