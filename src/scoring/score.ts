/**
 * score(definition, answers): the whole scoring of one administration. Pure and total: it returns
 * a report or typed errors, never NaN, never throws on incomplete or wrong answers.
 */
import type { InstrumentDefinition, Item, Rating, Condition } from '../instrument/schema';
import {
  compare,
  describeAllowedValues,
  indexDefinition,
  isAllowedValue,
  ratingsOf,
  responseScaleFor,
  scaleBounds,
  type IndexedDefinition,
} from '../instrument/model';
import type {
  AnswerProblem,
  Answers,
  AnswerValue,
  ClassificationReport,
  Ranking,
  ScaleScore,
  ScoreOptions,
  ScoreReport,
  ScoreResult,
} from './types';

import { SCORE_EPSILON, provisionalReasons, rankRules, rankScores } from './ranking';

export { SCORE_EPSILON, rankScores };

/** The state of one answer slot (an item, or one rating of a multi-rating item). */
type Slot =
  | { kind: 'value'; value: number; fromSkip: boolean }
  | { kind: 'missing' }
  | { kind: 'skipped' };

export function score(definition: InstrumentDefinition, answers: Answers, options: ScoreOptions = {}): ScoreResult {
  const index = indexDefinition(definition);
  const errors = checkAnswers(index, answers);
  if (errors.length > 0) return { ok: false, errors };

  const resolver = new SlotResolver(index, answers);
  const variant = options.variant ?? 'original';
  const scales = definition.scales.flatMap((scale) => scoreScale(index, resolver, scale.id, variant));
  const ranking = definition.profile ? rankScales(definition.profile, scales) : undefined;

  let classification: ClassificationReport | undefined;
  if (definition.classification) {
    const classified = classify(index, resolver, options.absenceThresholdPercent, options.absenceThresholdProblematicOnly === true);
    if ('error' in classified) return { ok: false, errors: [classified.error] };
    classification = classified;
  }

  const report: ScoreReport = {
    instrument: { id: definition.id, version: definition.version, family: definition.family },
    variant,
    complete: resolver.missingRequired.length === 0,
    missingItems: resolver.missingRequired,
    skipped: resolver.skipped,
    ignored: resolver.ignored,
    scales,
    primary: ranking?.primary ?? [],
  };
  if (ranking?.noPrimary) report.noPrimary = ranking.noPrimary;
  if (ranking?.provisional) report.provisional = ranking.provisional;
  if (ranking) report.ranking = ranking;
  if (classification) report.classification = classification;
  return { ok: true, report };
}

function checkAnswers(index: IndexedDefinition, answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ code: 'answer.shape', item: '', params: { expected: 'object' } }];
  }
  for (const [itemId, answer] of Object.entries(answers)) {
    const item = index.items.get(itemId);
    if (!item) {
      problems.push({ code: 'answer.unknownItem', item: itemId, params: {} });
      continue;
    }
    if (answer === null || answer === undefined) continue;
    const ratings = ratingsOf(index, item);
    if (ratings === null) {
      if (typeof answer === 'object') {
        problems.push({ code: 'answer.shape', item: itemId, params: { expected: 'number' } });
      } else {
        checkValue(index, item, undefined, answer, problems);
      }
      continue;
    }
    if (typeof answer !== 'object') {
      problems.push({ code: 'answer.shape', item: itemId, params: { expected: ratings.map((r) => r.id).join(', ') } });
      continue;
    }
    for (const [ratingId, value] of Object.entries(answer)) {
      if (!ratings.some((r) => r.id === ratingId)) {
        problems.push({ code: 'answer.unknownRating', item: itemId, rating: ratingId, params: {} });
      } else if (value !== null && value !== undefined) {
        checkValue(index, item, ratingId, value, problems);
      }
    }
  }
  return problems;
}

function checkValue(index: IndexedDefinition, item: Item, ratingId: string | undefined, value: unknown, problems: AnswerProblem[]): void {
  const at = ratingId === undefined ? { item: item.id } : { item: item.id, rating: ratingId };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ code: 'answer.notNumber', ...at, params: { value: String(value) } });
    return;
  }
  const scale = responseScaleFor(index, item, ratingId);
  if (scale && !isAllowedValue(scale, value)) {
    problems.push({ code: 'answer.outOfRange', ...at, params: { value, allowed: describeAllowedValues(scale) } });
  }
}

/** Resolves every slot once: answered, missing, or skipped by a condition. */
class SlotResolver {
  readonly missingRequired: string[] = [];
  readonly skipped: string[] = [];
  readonly ignored: string[] = [];
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly index: IndexedDefinition,
    private readonly answers: Answers,
  ) {
    for (const item of index.definition.items) this.resolveItem(item);
  }

  slot(itemId: string, ratingId?: string): Slot {
    return this.slots.get(slotKey(itemId, ratingId)) ?? { kind: 'missing' };
  }

  private rawValue(itemId: string, ratingId?: string): number | null {
    const answer: AnswerValue | undefined = this.answers[itemId];
    if (answer === null || answer === undefined) return null;
    if (typeof answer === 'number') return ratingId === undefined ? answer : null;
    if (ratingId === undefined) return null;
    const value = answer[ratingId];
    return typeof value === 'number' ? value : null;
  }

  /** True: ask; false: skip; null: cannot tell yet (the answer it depends on is missing). */
  private conditionHolds(condition: Condition, ownItem: string): boolean | null {
    const value = this.rawValue(condition.item ?? ownItem, condition.rating);
    return value === null ? null : compare(condition.op, value, condition.value);
  }

  private resolveItem(item: Item): void {
    const required = item.required !== false;
    const itemCondition = item.condition ? this.conditionHolds(item.condition, item.id) : true;
    const ratings = ratingsOf(this.index, item);
    const ratingList: (Rating | undefined)[] = ratings === null ? [undefined] : [...ratings];
    for (const rating of ratingList) {
      const key = slotKey(item.id, rating?.id);
      const ratingCondition = rating?.condition ? this.conditionHolds(rating.condition, item.id) : true;
      const value = this.rawValue(item.id, rating?.id);
      // A condition that cannot be decided (the answer it looks at is missing) never skips: an
      // unanswered intensity must not look like "no impact". The slot is then missing, or scored
      // if the respondent answered it anyway.
      if (itemCondition === false || ratingCondition === false) {
        this.skipped.push(key);
        if (value !== null) this.ignored.push(key);
        const skippedValue = itemCondition === false ? undefined : rating?.skippedValue;
        this.slots.set(key, skippedValue === undefined ? { kind: 'skipped' } : { kind: 'value', value: skippedValue, fromSkip: true });
      } else if (value === null) {
        this.slots.set(key, { kind: 'missing' });
        // A rating not yet asked (its intensity is unanswered) is counted once, as that intensity.
        if (required && ratingCondition !== null) this.missingRequired.push(key);
      } else {
        this.slots.set(key, { kind: 'value', value, fromSkip: false });
      }
    }
  }
}

function slotKey(itemId: string, ratingId?: string): string {
  return ratingId === undefined ? itemId : `${itemId}.${ratingId}`;
}

/** In the alternative variant an alternative item takes its original's place on every scale. */
function itemsForVariant(index: IndexedDefinition, itemIds: readonly string[], variant: ScoreOptions['variant']): string[] {
  if (variant !== 'alternative') return [...itemIds];
  const replacement = new Map<string, string>();
  for (const item of index.definition.items) if (item.alternativeTo) replacement.set(item.alternativeTo, item.id);
  return itemIds.map((id) => replacement.get(id) ?? id);
}

function scoreScale(index: IndexedDefinition, resolver: SlotResolver, scaleId: string, variant: ScoreOptions['variant']): ScaleScore[] {
  const scale = index.scales.get(scaleId)!;
  const itemsUsed = itemsForVariant(index, scale.items, variant);
  const firstItem = index.items.get(itemsUsed[0] ?? '');
  const itemRatings = firstItem ? ratingsOf(index, firstItem) : null;
  const ratingIds: (string | undefined)[] = itemRatings === null ? [undefined] : (scale.ratings ?? itemRatings.map((r) => r.id));

  return ratingIds.map((ratingId) => {
    const values: number[] = [];
    const missing: string[] = [];
    let applicable = 0;
    for (const itemId of itemsUsed) {
      const item = index.items.get(itemId);
      if (!item) continue;
      const slot = resolver.slot(itemId, ratingId);
      if (slot.kind === 'skipped') continue;
      applicable += 1;
      if (slot.kind === 'missing') {
        missing.push(itemId);
        continue;
      }
      values.push(item.reverse && !slot.fromSkip ? reverse(index, item, ratingId, slot.value) : slot.value);
    }
    const responseScale = firstItem ? responseScaleFor(index, firstItem, ratingId) : undefined;
    const bounds = responseScale ? scaleBounds(responseScale) : { min: 0, max: 0 };
    const answered = values.length;
    const enough = answered > 0 && answered >= scale.minAnswered;
    const mean = enough ? values.reduce((a, b) => a + b, 0) / answered : null;
    const result: ScaleScore = {
      id: scale.id,
      method: scale.method,
      score: mean === null ? null : scale.method === 'mean' ? mean : mean * applicable,
      answered,
      items: applicable,
      minAnswered: scale.minAnswered,
      prorated: enough && answered < applicable,
      missing,
      itemsUsed,
      range: scale.method === 'mean' ? bounds : { min: bounds.min * applicable, max: bounds.max * applicable },
    };
    if (ratingId !== undefined) result.rating = ratingId;
    if (scale.group !== undefined) result.group = scale.group;
    return result;
  });
}

function reverse(index: IndexedDefinition, item: Item, ratingId: string | undefined, value: number): number {
  const scale = responseScaleFor(index, item, ratingId);
  if (!scale) return value;
  const { min, max } = scaleBounds(scale);
  return min + max - value;
}

function rankScales(profile: NonNullable<InstrumentDefinition['profile']>, scales: readonly ScaleScore[]): Ranking {
  const entries = profile.scales.map((id) => ({
    id,
    score: scales.find((s) => s.id === id && s.rating === profile.rating)?.score ?? null,
  }));
  const rules = rankRules(profile);
  const ranking: Ranking = { tieMargin: profile.tieMargin, floor: rules.floor, ...rankScores(entries, rules) };
  const provisional = provisionalReasons(entries.filter((e) => e.score === null).map((e) => e.id));
  if (ranking.primary.length > 0 && provisional.length > 0) ranking.provisional = provisional;
  if (profile.rating !== undefined) ranking.rating = profile.rating;
  return ranking;
}

function classify(
  index: IndexedDefinition,
  resolver: SlotResolver,
  thresholdOverride: number | undefined,
  problematicOnly: boolean,
): ClassificationReport | { error: AnswerProblem } {
  const classification = index.definition.classification!;
  const valueOf = (itemId: string): number | null => {
    const slot = resolver.slot(itemId);
    return slot.kind === 'value' ? slot.value : null;
  };
  const periodDays = valueOf(classification.periodItem);
  // An unanswered reason on a checklist means no day was missed for it.
  const categories = classification.categories.map((category) => ({
    id: category.id,
    problematic: category.problematic,
    days: category.reasons.reduce((sum, reason) => sum + (valueOf(reason) ?? 0), 0),
  }));
  const totalDays = categories.reduce((sum, c) => sum + c.days, 0);
  const problematicDays = categories.filter((c) => c.problematic).reduce((sum, c) => sum + c.days, 0);
  if (periodDays !== null && totalDays > periodDays + SCORE_EPSILON) {
    return {
      error: {
        code: 'answer.absenceExceedsPeriod',
        item: classification.periodItem,
        params: { days: totalDays, period: periodDays },
      },
    };
  }
  const percentOf = (days: number): number | null => (periodDays !== null && periodDays > 0 ? (days / periodDays) * 100 : null);
  const thresholdPercent = thresholdOverride ?? classification.threshold.percent;
  const mostDays = Math.max(0, ...categories.map((c) => c.days));
  const known = periodDays !== null && periodDays > 0;
  // Compare days, not rounded percentages: 2 of 20 days is exactly 10 %.
  const reaches = (days: number) => days * 100 >= thresholdPercent * periodDays! - SCORE_EPSILON;
  // All absence is compared too unless the instrument or the preset (Kearney 2008) says the threshold is for problematic absence only.
  const thresholdForTotal = classification.threshold.basis === 'all-absence' && !problematicOnly;
  return {
    periodDays,
    totalDays,
    totalPercent: percentOf(totalDays),
    problematicDays,
    problematicPercent: percentOf(problematicDays),
    categories: categories.map((c) => ({ ...c, percent: percentOf(c.days) })),
    dominant: mostDays > 0 ? categories.filter((c) => c.days === mostDays).map((c) => c.id) : [],
    thresholdPercent,
    thresholdForTotal,
    totalFlagged: known && thresholdForTotal ? reaches(totalDays) : null,
    problematicFlagged: known ? reaches(problematicDays) : null,
  };
}
