/** Synthetic but valid answers for the shipped instruments: random values on each item's own scale, some missing. */
import { compare, indexDefinition, ratingsOf, responseScaleFor } from '../../src/instrument/model';
import type { InstrumentDefinition, ResponseScale } from '../../src/instrument/schema';
import type { Answers } from '../../src/instrument/answers';

/** A small seeded generator (mulberry32), so every run scores the same administrations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function valueOn(scale: ResponseScale, random: () => number): number {
  if (scale.type === 'ordinal') return pick(random, scale.options).value;
  const steps = Math.floor((scale.max - scale.min) / scale.step);
  return scale.min + Math.floor(random() * (steps + 1)) * scale.step;
}

/**
 * Random valid answers to one definition. `missingRate`: the share of items left unanswered
 * (omitted or null). The absence checklist gets a period and a few reasons that fit inside it.
 */
export function randomAnswers(definition: InstrumentDefinition, random: () => number, missingRate = 0.05): Answers {
  const index = indexDefinition(definition);
  const answers: Answers = {};
  if (definition.classification) {
    const scale = responseScaleFor(index, index.items.get(definition.classification.periodItem)!)!;
    const period = scale.type === 'count' ? Math.max(5, Math.min(scale.max, 5 + Math.floor(random() * 40))) : valueOn(scale, random);
    answers[definition.classification.periodItem] = period;
    let left = period;
    const reasons = definition.items.filter((i) => i.id !== definition.classification!.periodItem);
    for (let n = Math.floor(random() * 5); n > 0 && left >= 0.5; n -= 1) {
      const reason = pick(random, reasons);
      const days = Math.floor(random() * Math.min(left, 10) * 2 + 1) / 2;
      answers[reason.id] = ((answers[reason.id] as number | undefined) ?? 0) + days;
      left -= days;
    }
    return answers;
  }
  for (const item of definition.items) {
    if (random() < missingRate) {
      if (random() < 0.5) answers[item.id] = null;
      continue;
    }
    const ratings = ratingsOf(index, item);
    if (ratings === null) {
      const scale = responseScaleFor(index, item);
      if (scale) answers[item.id] = valueOn(scale, random);
      continue;
    }
    const value: Record<string, number | null> = {};
    for (const rating of ratings) {
      // A rating asked only under a condition (impact when intensity > 0) is left out when it would be skipped.
      const condition = rating.condition;
      const other = condition?.rating === undefined ? undefined : value[condition.rating];
      if (condition && typeof other === 'number' && !compare(condition.op, other, condition.value)) continue;
      const scale = responseScaleFor(index, item, rating.id);
      if (scale) value[rating.id] = valueOn(scale, random);
    }
    answers[item.id] = value;
  }
  return answers;
}
