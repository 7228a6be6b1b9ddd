/**
 * The form behind the questionnaire runner: one text field per answer slot (an item, or one rating
 * of a multi-rating item; named by the slot's positional name), validated by a zod schema built from
 * the definition. The database stays the source of truth: the form starts from the stored answers
 * and every valid change is saved.
 */
import { z } from 'zod';
import type { InstrumentDefinition, ResponseScale } from '../../instrument/schema';
import { isAllowedValue } from '../../instrument/model';
import type { Answers } from '../../instrument/answers';
import { parseDecimal } from '../../format/number';
import { answerSlots, slotValue } from './answer-slots';

export type AnswerFormValues = Record<string, string>;

/** Message code of a value the scale does not allow (translated as administer:field.notAllowed). */
export const NOT_ALLOWED = 'notAllowed';

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
  for (const slot of answerSlots(definition)) {
    shape[slot.name] = z.string().refine((text) => isAllowedText(slot.scale, text), { message: NOT_ALLOWED });
  }
  return z.object(shape);
}

/** The stored answers as form values. */
export function toFormValues(definition: InstrumentDefinition, answers: Answers, locale: string): AnswerFormValues {
  const values: AnswerFormValues = {};
  for (const slot of answerSlots(definition)) values[slot.name] = formatAnswerValue(slotValue(answers, slot), locale);
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
