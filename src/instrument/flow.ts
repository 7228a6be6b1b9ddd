/**
 * Which items and ratings are asked, given the answers so far: the runner, the paper grid and
 * the summary all follow the definition's conditions the same way. Pure.
 */
import type { Answers, AnswerValue } from './answers';
import type { Condition, InstrumentDefinition, Item, Rating } from './schema';
import { compare, indexDefinition, ratingsOf } from './model';

export function answerOf(answers: Answers, itemId: string, ratingId?: string): number | null {
  const answer: AnswerValue | undefined = answers[itemId];
  if (answer === null || answer === undefined) return null;
  if (typeof answer === 'number') return ratingId === undefined ? answer : null;
  if (ratingId === undefined) return null;
  return answer[ratingId] ?? null;
}

/** True: asked; false: skipped; the answer it depends on is missing counts as asked. */
function holds(condition: Condition | undefined, answers: Answers, ownItem: string): boolean {
  if (!condition) return true;
  const value = answerOf(answers, condition.item ?? ownItem, condition.rating);
  return value === null || compare(condition.op, value, condition.value);
}

/** Ratings of an item that are asked now (a single-answer item gives [undefined]). */
export function askedRatings(definition: InstrumentDefinition, item: Item, answers: Answers): (Rating | undefined)[] {
  const ratings = ratingsOf(indexDefinition(definition), item);
  if (ratings === null) return [undefined];
  return ratings.filter((rating) => {
    if (!rating.condition) return true;
    // A rating's condition only applies once the rating it looks at is answered.
    const value = answerOf(answers, item.id, rating.condition.rating);
    return value !== null && compare(rating.condition.op, value, rating.condition.value);
  });
}

/** Items asked now, in the form's order. Alternative items are asked only in forms that list them. */
export function askedItems(definition: InstrumentDefinition, answers: Answers): Item[] {
  return definition.items.filter((item) => holds(item.condition, answers, item.id));
}

/** Required answers (item or item.rating keys) still missing among what is asked now. */
export function missingAnswers(definition: InstrumentDefinition, answers: Answers): string[] {
  const missing: string[] = [];
  for (const item of askedItems(definition, answers)) {
    if (item.required === false) continue;
    for (const rating of askedRatings(definition, item, answers)) {
      if (answerOf(answers, item.id, rating?.id) === null) missing.push(rating ? `${item.id}.${rating.id}` : item.id);
    }
  }
  return missing;
}

/** One answer given: a value for an item, or for one rating of a multi-rating item; null clears it. */
export interface AnswerChange {
  itemId: string;
  ratingId?: string;
  value: number | null;
}

/**
 * The answers after one change, the one rule every entry mode follows (runner, interview, paper,
 * hand-over; storage applies it on every save): a multi-rating item keeps its other ratings, and a
 * rating whose condition no longer holds is cleared with it (the impact once the intensity is 0),
 * so no stale rating is kept.
 */
export function applyAnswer(definition: InstrumentDefinition, answers: Answers, change: AnswerChange): Answers {
  const next = setSlot(answers, change.itemId, change.ratingId, change.value);
  const item = indexDefinition(definition).items.get(change.itemId);
  const ratings = item ? ratingsOf(indexDefinition(definition), item) : null;
  if (!item || ratings === null) return next;
  // Exactly what the runner asks: a rating not asked now (also while its intensity is unanswered) is cleared.
  const asked = new Set(askedRatings(definition, item, next).map((rating) => rating?.id));
  let result = next;
  for (const rating of ratings) {
    if (!asked.has(rating.id) && answerOf(result, item.id, rating.id) !== null) result = setSlot(result, item.id, rating.id, null);
  }
  return result;
}

function setSlot(answers: Answers, itemId: string, ratingId: string | undefined, value: number | null): Answers {
  const next: Answers = { ...answers };
  if (ratingId === undefined) {
    if (value === null) delete next[itemId];
    else next[itemId] = value;
    return next;
  }
  const previous = answers[itemId];
  const ratings: Record<string, number | null> = previous !== null && typeof previous === 'object' ? { ...previous } : {};
  if (value === null) delete ratings[ratingId];
  else ratings[ratingId] = value;
  if (Object.keys(ratings).length === 0) delete next[itemId];
  else next[itemId] = ratings;
  return next;
}
