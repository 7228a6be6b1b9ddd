/**
 * The answer slots of a paper form and the rules of fast entry: which slots are asked, why a slot
 * is not asked, how a typed text becomes a value. No React here, so the grid and the summary share it.
 */
import type { InstrumentDefinition, Item, Rating, ResponseScale } from '../../instrument/schema';
import { indexDefinition, ratingsOf, responseScaleFor, scaleBounds } from '../../instrument/model';
import { answerOf, askedItems, askedRatings } from '../../instrument/flow';
import type { Answers } from '../../scoring/types';

/** One input of the grid: an item, or one rating of a multi-rating item. */
export interface PaperSlot {
  /** "item" or "item.rating", the same keys as missingAnswers(). */
  key: string;
  item: Item;
  rating?: Rating;
  scale: ResponseScale;
  /** Single-digit ordinal scale: a keystroke is an answer. Otherwise the value is committed on Enter/Tab/blur. */
  fast: boolean;
}

export function slotKey(itemId: string, ratingId?: string): string {
  return ratingId === undefined ? itemId : `${itemId}.${ratingId}`;
}

export function isFastScale(scale: ResponseScale): boolean {
  return scale.type === 'ordinal' && scale.options.every((option) => option.value >= 0 && option.value <= 9);
}

export function paperSlots(definition: InstrumentDefinition): PaperSlot[] {
  const index = indexDefinition(definition);
  return definition.items.flatMap((item) => {
    const ratings = ratingsOf(index, item);
    const list: (Rating | undefined)[] = ratings === null ? [undefined] : [...ratings];
    return list.flatMap((rating) => {
      const scale = responseScaleFor(index, item, rating?.id);
      if (!scale) return [];
      const slot: PaperSlot = { key: slotKey(item.id, rating?.id), item, scale, fast: isFastScale(scale) };
      if (rating) slot.rating = rating;
      return [slot];
    });
  });
}

/** Keys of the slots asked now, given the answers so far (the definition's conditions). */
export function askedSlotKeys(definition: InstrumentDefinition, answers: Answers): Set<string> {
  const keys = new Set<string>();
  for (const item of askedItems(definition, answers)) {
    for (const rating of askedRatings(definition, item, answers)) keys.add(slotKey(item.id, rating?.id));
  }
  return keys;
}

/** Why a slot is not asked: an item condition, or a rating condition (pending while the rating it looks at is empty). */
export type NotAskedReason =
  | { kind: 'item'; item: Item; rating?: Rating; value: number }
  | { kind: 'rating'; rating: Rating; value: number | null };

export function notAskedReason(definition: InstrumentDefinition, slot: PaperSlot, answers: Answers): NotAskedReason | null {
  const index = indexDefinition(definition);
  const itemCondition = slot.item.condition;
  if (itemCondition) {
    const decidingItem = index.items.get(itemCondition.item ?? slot.item.id);
    const value = answerOf(answers, itemCondition.item ?? slot.item.id, itemCondition.rating);
    if (decidingItem && value !== null && !askedItems(definition, answers).includes(slot.item)) {
      const decidingRating = itemCondition.rating === undefined ? undefined : ratingsOf(index, decidingItem)?.find((r) => r.id === itemCondition.rating);
      return decidingRating ? { kind: 'item', item: decidingItem, rating: decidingRating, value } : { kind: 'item', item: decidingItem, value };
    }
  }
  const ratingCondition = slot.rating?.condition;
  if (ratingCondition && ratingCondition.rating !== undefined) {
    const decidingRating = ratingsOf(index, slot.item)?.find((r) => r.id === ratingCondition.rating);
    if (decidingRating) return { kind: 'rating', rating: decidingRating, value: answerOf(answers, slot.item.id, decidingRating.id) };
  }
  return null;
}

/** Identifies a reason by what its words depend on (the same explanation repeats on many rows). */
export function reasonKey(reason: NotAskedReason | null): string {
  if (!reason) return '';
  return reason.kind === 'item' ? `item ${reason.item.id} ${reason.rating?.id ?? ''} ${reason.value}` : `rating ${reason.rating.id} ${reason.value}`;
}

export function slotValue(answers: Answers, slot: PaperSlot): number | null {
  return answerOf(answers, slot.item.id, slot.rating?.id);
}

/**
 * What a fast input's text change typed: the new characters around the previous value
 * (virtual keyboards and paste arrive as a change, not as a key press).
 */
export function typedText(previous: string, next: string): string {
  if (previous === '' || next.length <= previous.length) return next;
  if (next.startsWith(previous)) return next.slice(previous.length);
  if (next.endsWith(previous)) return next.slice(0, next.length - previous.length);
  return next;
}

/** How an input should bring up the on-screen keyboard. */
export function inputModeFor(scale: ResponseScale): 'numeric' | 'decimal' {
  if (scale.type === 'ordinal') return 'numeric';
  const { min } = scaleBounds(scale);
  return Number.isInteger(scale.step) && Number.isInteger(min) && min >= 0 ? 'numeric' : 'decimal';
}

/** Required slots asked now (what "answered / required" counts). */
export function requiredSlotCount(definition: InstrumentDefinition, answers: Answers): number {
  let count = 0;
  for (const item of askedItems(definition, answers)) {
    if (item.required === false) continue;
    count += askedRatings(definition, item, answers).length;
  }
  return count;
}
