/**
 * The rules of fast paper entry over the answer slots (./answer-slots): why a slot is not asked,
 * what a keystroke typed, how many answers are required. No React here, so the grid and the summary share it.
 */
import type { InstrumentDefinition, Item, Rating, ResponseScale } from '../../instrument/schema';
import { indexDefinition, ratingsOf, scaleBounds } from '../../instrument/model';
import { answerOf, askedItems, askedRatings } from '../../instrument/flow';
import type { Answers } from '../../instrument/answers';
import { answerSlots, askedSlotKeys, type AnswerSlot } from './answer-slots';

/** Why a slot is not asked: an item condition, or a rating condition (pending while the rating it looks at is empty). */
export type NotAskedReason = { kind: 'item'; item: Item; rating?: Rating; value: number } | { kind: 'rating'; rating: Rating; value: number | null };

export function notAskedReason(definition: InstrumentDefinition, slot: AnswerSlot, answers: Answers): NotAskedReason | null {
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

/** Where focus moves in the grid: the next or previous asked slot, or the first or last one. */
export type Direction = 1 | -1 | 'first' | 'last';

/**
 * The key's move in the grid, or null when the key is not a move. Enter and the up/down arrows move
 * in every input; in a count input the left/right arrows and Home/End move the caret instead.
 */
export function directionOfKey(key: string, shiftKey: boolean, fast: boolean): Direction | null {
  if (key === 'Enter') return shiftKey ? -1 : 1;
  if (key === 'ArrowDown') return 1;
  if (key === 'ArrowUp') return -1;
  if (!fast) return null;
  if (key === 'ArrowRight') return 1;
  if (key === 'ArrowLeft') return -1;
  if (key === 'Home') return 'first';
  if (key === 'End') return 'last';
  return null;
}

/**
 * The slot focus moves to from `from`, skipping slots not asked with these answers; undefined
 * when there is none that way (past the last one focus goes to the check button).
 */
export function nextSlot(definition: InstrumentDefinition, answers: Answers, from: AnswerSlot, direction: Direction): AnswerSlot | undefined {
  const slots = answerSlots(definition);
  const open = askedSlotKeys(definition, answers);
  const enabled = slots.filter((slot) => open.has(slot.key));
  if (direction === 'first') return enabled[0];
  if (direction === 'last') return enabled[enabled.length - 1];
  const position = slots.indexOf(from);
  return direction === 1 ? enabled.find((slot) => slots.indexOf(slot) > position) : enabled.findLast((slot) => slots.indexOf(slot) < position);
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
