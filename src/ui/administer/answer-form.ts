/**
 * The form behind the questionnaire runner: one text field per answer (an item, or one rating of
 * a multi-rating item), validated by a zod schema built from the definition. The database stays
 * the source of truth: the form starts from the stored answers and every valid change is saved.
 *
 * Field names are positional (`i3`, `i3r1`) because item ids may be digits or contain dots, which
 * react-hook-form would read as array indexes or nested paths.
 */
import { z } from 'zod';
import type { InstrumentDefinition, Item, Rating, ResponseScale } from '../../instrument/schema';
import { answerOf } from '../../instrument/flow';
import { indexDefinition, isAllowedValue, ratingsOf, responseScaleFor } from '../../instrument/model';
import type { Answers } from '../../scoring/types';
import { parseDecimal } from '../../format/number';

export type AnswerFormValues = Record<string, string>;

export interface AnswerField {
  name: string;
  item: Item;
  rating?: Rating;
  scale: ResponseScale;
}

/** Message code of a value the scale does not allow (translated as administer:field.notAllowed). */
export const NOT_ALLOWED = 'notAllowed';

const fieldsCache = new WeakMap<InstrumentDefinition, AnswerField[]>();

/** Every answer the definition can hold, in form order. */
export function answerFields(definition: InstrumentDefinition): AnswerField[] {
  const cached = fieldsCache.get(definition);
  if (cached) return cached;
  const index = indexDefinition(definition);
  const fields: AnswerField[] = [];
  definition.items.forEach((item, itemIndex) => {
    const ratings = ratingsOf(index, item);
    if (ratings === null) {
      const scale = responseScaleFor(index, item);
      if (scale) fields.push({ name: `i${itemIndex}`, item, scale });
      return;
    }
    ratings.forEach((rating, ratingIndex) => {
      const scale = responseScaleFor(index, item, rating.id);
      if (scale) fields.push({ name: `i${itemIndex}r${ratingIndex}`, item, rating, scale });
    });
  });
  fieldsCache.set(definition, fields);
  return fields;
}

export function fieldFor(definition: InstrumentDefinition, itemId: string, ratingId?: string): AnswerField | undefined {
  return answerFields(definition).find((field) => field.item.id === itemId && field.rating?.id === ratingId);
}

/** A stored value as the field shows it, with the decimal separator of the given locale. */
export function formatAnswerValue(value: number | null, locale: string): string {
  if (value === null) return '';
  return value.toLocaleString(locale, { useGrouping: false, maximumFractionDigits: 10 });
}

export function isAllowedText(scale: ResponseScale, text: string): boolean {
  // "" is no answer (null); "2,5" and "2.5" are both 2.5; anything else is NaN.
  const value = parseDecimal(text);
  return value === null || isAllowedValue(scale, value);
}

/** The schema of the whole form: every field empty or one of its scale's allowed values. */
export function answerFormSchema(definition: InstrumentDefinition) {
  const shape: Record<string, z.ZodType<string, string>> = {};
  for (const field of answerFields(definition)) {
    shape[field.name] = z.string().refine((text) => isAllowedText(field.scale, text), { message: NOT_ALLOWED });
  }
  return z.object(shape);
}

/** The stored answers as form values. */
export function toFormValues(definition: InstrumentDefinition, answers: Answers, locale: string): AnswerFormValues {
  const values: AnswerFormValues = {};
  for (const field of answerFields(definition)) values[field.name] = formatAnswerValue(answerOf(answers, field.item.id, field.rating?.id), locale);
  return values;
}


/** The next value of a count field for − / +: whole steps from the scale's minimum, inside its bounds. */
export function stepValue(scale: Extract<ResponseScale, { type: 'count' }>, current: number | null, direction: 1 | -1): number {
  const base = current === null || !Number.isFinite(current) ? (direction === 1 ? scale.min : scale.min + scale.step) : current;
  const steps = Math.round((base - scale.min) / scale.step) + direction;
  const value = scale.min + steps * scale.step;
  const clamped = Math.min(scale.max, Math.max(scale.min, value));
  // Keep 0.1-style steps free of binary noise.
  return Number(clamped.toFixed(10));
}
