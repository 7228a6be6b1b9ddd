/**
 * The answer slots of a form, one model for the runner and paper entry: an item, or one rating of
 * a multi-rating item, with its response scale. No React here.
 */
import type { InstrumentDefinition, Item, Rating, ResponseScale } from '../../instrument/schema';
import { indexDefinition, ratingsOf, responseScaleFor } from '../../instrument/model';
import { answerOf, askedItems, askedRatings, type AnswerChange } from '../../instrument/flow';
import type { Answers } from '../../instrument/answers';

export interface AnswerSlot {
  /** "item" or "item.rating", the same keys as missingAnswers(). */
  key: string;
  /**
   * The runner's form field name. Positional (`i3`, `i3r1`) because item ids may be digits or
   * contain dots, which react-hook-form would read as array indexes or nested paths.
   */
  name: string;
  item: Item;
  rating?: Rating;
  scale: ResponseScale;
  /** Single-digit ordinal scale: on paper a keystroke is an answer. Otherwise the value is committed on Enter/Tab/blur. */
  fast: boolean;
}

export function slotKey(itemId: string, ratingId?: string): string {
  return ratingId === undefined ? itemId : `${itemId}.${ratingId}`;
}

export function isFastScale(scale: ResponseScale): boolean {
  return scale.type === 'ordinal' && scale.options.every((option) => option.value >= 0 && option.value <= 9);
}

const slotsCache = new WeakMap<InstrumentDefinition, AnswerSlot[]>();

/** Every answer the definition can hold, in form order. */
export function answerSlots(definition: InstrumentDefinition): AnswerSlot[] {
  const cached = slotsCache.get(definition);
  if (cached) return cached;
  const index = indexDefinition(definition);
  const slots = definition.items.flatMap((item, itemIndex) => {
    const ratings = ratingsOf(index, item);
    const list: (Rating | undefined)[] = ratings === null ? [undefined] : [...ratings];
    return list.flatMap((rating, ratingIndex) => {
      const scale = responseScaleFor(index, item, rating?.id);
      if (!scale) return [];
      const name = rating ? `i${itemIndex}r${ratingIndex}` : `i${itemIndex}`;
      const slot: AnswerSlot = { key: slotKey(item.id, rating?.id), name, item, scale, fast: isFastScale(scale) };
      if (rating) slot.rating = rating;
      return [slot];
    });
  });
  slotsCache.set(definition, slots);
  return slots;
}

export function slotFor(definition: InstrumentDefinition, itemId: string, ratingId?: string): AnswerSlot | undefined {
  return answerSlots(definition).find((slot) => slot.item.id === itemId && slot.rating?.id === ratingId);
}

export function slotValue(answers: Answers, slot: AnswerSlot): number | null {
  return answerOf(answers, slot.item.id, slot.rating?.id);
}

/** A value given for the slot, as applyAnswer and storage's saveAnswer take it. */
export function slotChange(slot: AnswerSlot, value: number | null): AnswerChange {
  return { itemId: slot.item.id, ...(slot.rating ? { ratingId: slot.rating.id } : {}), value };
}

/** Keys of the slots asked now, given the answers so far (the definition's conditions). */
export function askedSlotKeys(definition: InstrumentDefinition, answers: Answers): Set<string> {
  const keys = new Set<string>();
  for (const item of askedItems(definition, answers)) {
    for (const rating of askedRatings(definition, item, answers)) keys.add(slotKey(item.id, rating?.id));
  }
  return keys;
}
