/**
 * One settings form: saved against the revisions of its settings as it loaded them, so a save never
 * overwrites what another tab (or a restore) stored since; then it keeps what is typed and offers to
 * reload the stored values or compare them (ChangedElsewhere).
 */
import { useState, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { SettingKey, SettingRevs } from '../../storage/settings';
import { useDatabase } from '../app/database-context';
import { ChangedElsewhere, type CompareRow } from '../app/ChangedElsewhere';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { useLoadedRevs } from './loaded-revs';

interface Props<V extends FieldValues> {
  form: UseFormReturn<V>;
  /** The settings the form saves, and their stored revisions now. */
  keys: readonly SettingKey[];
  revs: SettingRevs;
  /** The form's values of what is stored now: for "reload" and the comparison. */
  stored: V;
  compare: (yours: V, stored: V) => CompareRow[];
  /** Writes the values (in one transaction on the settings), each setting against its loaded revision. */
  save: (values: V, loaded: Record<SettingKey, number>) => Promise<unknown>;
  /** The form's values after a save (e.g. a number as the locale writes it); the values as typed by default. */
  savedValues?: (values: V) => V;
  submitLabel: string;
  savedLabel: string;
  /** Where the "saved" message goes when it is not beside the button (the form is remounted, the message stays). */
  onSaved?: (text: string) => void;
  children: ReactNode;
}

export function SettingsForm<V extends FieldValues>({ form, keys, revs, stored, compare, save, savedValues = (v) => v, submitLabel, savedLabel, onSaved, children }: Props<V>) {
  const db = useDatabase();
  const { run, error } = useStorageAction();
  const base = useLoadedRevs(keys, revs);
  const [ownSaved, setOwnSaved] = useState('');
  const setSaved = onSaved ?? setOwnSaved;
  const {
    handleSubmit,
    reset,
    getValues,
    formState: { isSubmitting },
  } = form;

  const onSubmit = handleSubmit(async (values) => {
    if (await run(() => db.transaction('rw', db.settings, () => save(values, base.loaded)))) {
      await base.refresh(db);
      reset(savedValues(values));
      setSaved(savedLabel);
    }
  });

  return (
    <>
      {base.moved && (
        <ChangedElsewhere
          onReload={() => {
            reset(stored);
            base.take();
          }}
          compare={() => compare(getValues(), stored)}
        />
      )}
      <form noValidate onSubmit={(event) => void onSubmit(event)} onChange={() => setSaved('')} className="settings-form">
        {children}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {submitLabel}
          </button>
          {!onSaved && <SavedMessage text={ownSaved} />}
        </div>
        <StorageAlert error={error} />
      </form>
    </>
  );
}

export function SavedMessage({ text }: { text: string }) {
  return (
    <p role="status" className="saved-message">
      {text}
    </p>
  );
}
