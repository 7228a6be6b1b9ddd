/**
 * Paper entry's answers on their way to the database. Keystrokes arrive faster than renders, so an
 * accepted value goes into the local answers at once (the next input is enabled or disabled before
 * focus moves) and is saved in the order typed; a failed save puts back what the database holds.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { InstrumentDefinition } from '../../instrument/schema';
import { isAllowedValue } from '../../instrument/model';
import { applyAnswer } from '../../instrument/flow';
import { parseDecimal } from '../../format/number';
import type { Answers } from '../../instrument/answers';
import { flushDraft, saveAnswer } from '../../storage/administrations';
import type { AdministrationRecord } from '../../storage/records';
import { useDatabase } from '../app/database-context';
import { usePageLeave } from '../app/use-page-leave';
import { answerSlots, slotChange, slotValue, type AnswerSlot } from './answer-slots';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * `run` stores and reports a failure (useStorageAction); `typed` gives the text being typed into
 * count inputs by slot key, written too when the tab closes.
 */
export function useSaveQueue(
  record: AdministrationRecord,
  definition: InstrumentDefinition,
  run: (action: () => Promise<unknown>) => Promise<boolean>,
  typed: () => Record<string, string>,
) {
  const db = useDatabase();
  const [answers, setAnswers] = useState<Answers>(record.answers);
  const [state, setState] = useState<SaveState>('idle');
  // Handlers read and write these synchronously: keystrokes arrive faster than renders.
  const answersRef = useRef<Answers>(record.answers);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);

  // Follow the stored answers (another tab may have typed some in) whenever none of ours is on
  // its way: then the stored record holds all of ours, and a count being typed keeps its text.
  const latestRecord = useRef(record);
  useLayoutEffect(() => {
    latestRecord.current = record;
    if (pending.current > 0 || record.answers === answersRef.current) return;
    answersRef.current = record.answers;
    setAnswers(record.answers);
  }, [record]);

  // Closing the tab: values accepted but not yet stored, and a count still being typed, are written.
  usePageLeave(() => {
    const drafts = Object.entries(typed());
    if (pending.current === 0 && drafts.length === 0) return;
    const slots = answerSlots(definition);
    let next = answersRef.current;
    for (const [key, text] of drafts) {
      const slot = slots.find((s) => s.key === key);
      const parsed = parseDecimal(text);
      if (slot && (parsed === null || isAllowedValue(slot.scale, parsed))) next = applyAnswer(definition, next, slotChange(slot, parsed));
    }
    // Every slot as this tab holds it: accepted values not yet stored and counts being typed.
    const changes = slots.map((slot) => slotChange(slot, slotValue(next, slot)));
    flushDraft(db, definition, latestRecord.current, changes);
  });

  /** Saves in the order typed; a failed save puts back what the database holds for that answer (or what was there before). */
  const persist = (slot: AnswerSlot, value: number | null, previous: number | null) => {
    pending.current += 1;
    setState('saving');
    queue.current = queue.current.then(async () => {
      const ok = await run(() => saveAnswer(db, definition, record.id, slotChange(slot, value)));
      pending.current -= 1;
      if (ok) {
        if (pending.current === 0) setState('saved');
        return;
      }
      setState('failed');
      const stored = await db.administrations.get(record.id).catch(() => undefined);
      // The whole item as stored (a cleared rating of it comes back too), or the value before.
      const restored = { ...answersRef.current };
      const storedItem = stored?.answers[slot.item.id];
      if (storedItem === undefined || storedItem === null) delete restored[slot.item.id];
      else restored[slot.item.id] = storedItem;
      answersRef.current = stored ? restored : applyAnswer(definition, answersRef.current, slotChange(slot, previous));
      setAnswers(answersRef.current);
    });
  };

  /**
   * Stores a value locally at once, rendered before this returns (so the next input is enabled or
   * disabled before focus moves), and saves it. `alongside` sets other state in the same render.
   */
  const accept = (slot: AnswerSlot, value: number | null, alongside?: () => void) => {
    const previous = slotValue(answersRef.current, slot);
    const next = applyAnswer(definition, answersRef.current, slotChange(slot, value));
    answersRef.current = next;
    flushSync(() => {
      setAnswers(next);
      alongside?.();
    });
    persist(slot, value, previous);
  };

  return {
    /** The answers as rendered. */
    answers,
    state,
    /** The answers with every value accepted so far, also those not rendered yet. */
    current: () => answersRef.current,
    accept,
    /** Resolves once every save queued so far has finished. */
    settled: () => queue.current,
  };
}
