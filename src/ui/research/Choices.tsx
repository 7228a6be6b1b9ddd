/** Radio and checkbox choices with one explaining sentence each: researchers are not always technical. */
import type { ReactNode } from 'react';

export interface Option<T extends string> {
  value: T;
  label: string;
  hint: string;
}

export function RadioChoices<T extends string>({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: Option<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="choice-group" aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${name}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="choice-list">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={`${name}-${option.value}-hint`}
            />
            <span>
              <span className="choice-label">{option.label}</span>
              <span id={`${name}-${option.value}-hint`} className="field-hint">
                {option.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function CheckChoice({
  id,
  label,
  hint,
  checked,
  onChange,
  children,
}: {
  id: string;
  label: ReactNode;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children?: ReactNode;
}) {
  return (
    <label className="choice" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={`${id}-hint`} />
      <span>
        <span className="choice-label">{label}</span>
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
        {children}
      </span>
    </label>
  );
}
