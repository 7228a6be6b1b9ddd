/**
 * Unsaved form values, kept in this tab's sessionStorage as they are typed, so a form that is
 * unmounted — the app lock (which removes every screen from the page), a header link, a reload —
 * comes back as it was, with a notice. sessionStorage belongs to the tab and is gone when the tab
 * closes; closing with unsaved changes asks first (beforeunload). A draft is removed when the form
 * is saved, cancelled or discarded, and a case's drafts when the case is deleted. The draft keeps
 * the revision the form was loaded with, so a restored draft is still checked against newer saves.
 * Drafts hold health data: they are sealed with the session's key (issue 17), so nothing is kept
 * while locked and a draft from before a reload opens only after the unlock.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { TextSealer } from '../../platform/unsaved-answers';
import { useDatabase } from './database-context';

const PREFIX = 'polku:draft:';

export interface FormDraft<T, M> {
  values: T;
  /** What the form was loaded from (a revision, the attendance week's base). */
  base: M;
}

/** A draft's key: the kind of form, the case it belongs to, and what it edits. */
export function draftKey(kind: string, caseId: string, what = ''): string {
  return `${PREFIX}${kind}:${caseId}:${what}`;
}

/** The draft under `key`, opened; null if there is none or it does not open (another key, altered). */
export function readDraft<T, M>(key: string, sealer: TextSealer): FormDraft<T, M> | null {
  try {
    const text = globalThis.sessionStorage?.getItem(key);
    return text ? (JSON.parse(sealer.openText(key, text)) as FormDraft<T, M>) : null;
  } catch {
    return null;
  }
}

function writeDraft(key: string, draft: FormDraft<unknown, unknown>, sealer: TextSealer): void {
  try {
    globalThis.sessionStorage?.setItem(key, sealer.sealText(key, JSON.stringify(draft)));
  } catch {
    // Locked, storage full or blocked: the form still works, only without a draft.
  }
}

export function clearDraft(key: string): void {
  globalThis.sessionStorage?.removeItem(key);
}

/** Forgets every draft of a case (it was deleted). */
export function clearCaseDrafts(caseId: string): void {
  const storage = globalThis.sessionStorage;
  if (!storage) return;
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => Boolean(k?.startsWith(PREFIX) && k.includes(`:${caseId}:`)));
  for (const key of keys) storage.removeItem(key);
}

/**
 * Keeps the form's values as a draft under `key` (none when `key` is empty) while they differ from what was loaded or saved,
 * and asks before the tab is closed with a draft unsaved. `restored`: the form started from a draft.
 * Call `saved()` after a successful save, `discard()` when the user throws the changes away.
 */
export function useFormDraft<T extends FieldValues, M, O = T>(key: string, form: UseFormReturn<T, unknown, O>, base: M, restoredFrom: FormDraft<T, M> | null) {
  const sealer = useDatabase().keySession;
  const [dirty, setDirty] = useState(restoredFrom !== null);
  const [restored, setRestored] = useState(restoredFrom !== null);
  const latestBase = useRef(base);
  const quiet = useRef(false);
  useEffect(() => {
    latestBase.current = base;
  });
  useEffect(() => {
    // No key: a form without drafts (creating a record), so nothing is kept.
    if (!key) return;
    const subscription = form.watch(() => {
      if (quiet.current) return;
      writeDraft(key, { values: form.getValues(), base: latestBase.current }, sealer);
      setDirty(true);
    });
    return () => subscription.unsubscribe();
  }, [form, key, sealer]);
  useLeaveWarning(dirty);
  const forget = () => {
    clearDraft(key);
    setDirty(false);
    setRestored(false);
  };
  return {
    dirty,
    restored,
    /** After a successful save: nothing is unsaved any more. */
    saved: forget,
    /** Puts values in the form that are not the user's edits (stored values after a save or a reload). */
    load: (values: T) => {
      quiet.current = true;
      try {
        form.reset(values);
      } finally {
        quiet.current = false;
      }
      forget();
    },
  };
}

/** Asks before the tab is closed or left for another site while `dirty`. */
export function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only with a returnValue.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}

/** Says that the form shows unsaved changes kept from before (the lock, leaving the page), with a way to throw them away. */
export function RestoredDraft({ onDiscard }: { onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice restored-draft" role="status">
      <p>{t('draft.restored')}</p>
      <button type="button" className="button" onClick={onDiscard}>
        {t('draft.discard')}
      </button>
    </div>
  );
}
