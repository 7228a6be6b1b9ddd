import { useId } from 'react';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something is deleted for good; focus starts on cancel, so Enter never deletes by accident. */
export function ConfirmDelete({ title, text, confirmLabel, cancelLabel, onConfirm, onCancel }: Props) {
  const id = useId();
  return (
    <div className="panel panel-danger" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-text`}>{text}</p>
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button" autoFocus onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
