import type { Ref } from 'react';

interface Props {
  label: string;
  className: string;
  value: string;
  onChange: (digits: string) => void;
  /** Entry paused after too many wrong PINs. */
  blocked: boolean;
  invalid: boolean;
  /** Id of the message that explains a wrong or paused PIN. */
  messageId?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** The practitioner PIN field of the lock and hand-over screens: digits only, never shown. */
export function PinInput({ label, className, value, onChange, blocked, invalid, messageId, inputRef }: Props) {
  return (
    <label className={className}>
      <span>{label}</span>
      <input
        ref={inputRef}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={value}
        disabled={blocked}
        aria-describedby={messageId}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))}
      />
    </label>
  );
}
