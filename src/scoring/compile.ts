/**
 * A definition compiled once into a scorer: every lookup that does not depend on the answers
 * (which item a scale uses, which slot an answer fills, reverse keys, bounds, conditions) is
 * resolved here, so scoring one administration is a few passes over flat arrays. score() delegates
 * the answer check, the slot resolution and the per-scale math to it; ranking and classification
 * stay in score.ts.
 *
 * Cached per definition object (a WeakMap, like indexDefinition): definitions are immutable once
 * loaded, and a new object (an imported or edited pack) compiles anew. The compiled scorer gives
 * exactly the numbers of the straightforward algorithm (same summation order, same expressions).
 */
import type { Condition, InstrumentDefinition, Item } from '../instrument/schema';
import { compare, describeAllowedValues, indexDefinition, isAllowedValue, ratingsOf, responseScaleFor, scaleBounds, type IndexedDefinition } from '../instrument/model';
import type { AnswerProblem, ScaleScore, Variant } from './types';
import type { Answers, AnswerValue } from '../instrument/answers';

/** The state of one answer slot (an item, or one rating of a multi-rating item). */
export type Slot = { kind: 'value'; value: number; fromSkip: boolean } | { kind: 'missing' } | { kind: 'skipped' };

/** Slot states in the resolution's flat array. */
const MISSING = 0;
const ANSWERED = 1;
const SKIPPED = 2;
const FROM_SKIP = 3;

/** A condition with its answer location resolved at compile time. */
interface CompiledCondition {
  /** Index of the answer it reads in the per-call answer array; -1: an item the definition lacks (never answered). */
  readonly answer: number;
  readonly rating: string | undefined;
  readonly op: Condition['op'];
  readonly value: number;
}

interface CompiledSlot {
  /** Index of the item's answer in the per-call answer array. */
  readonly answer: number;
  readonly rating: string | undefined;
  readonly key: string;
  readonly ratingCondition: CompiledCondition | null;
  readonly skippedValue: number | undefined;
}

interface CompiledItem {
  readonly required: boolean;
  readonly condition: CompiledCondition | null;
  readonly slots: readonly CompiledSlot[];
  /** Index of the first slot in the flat arrays. */
  readonly first: number;
}

/** How an answer to one item (or one rating) is checked: the allowed values without lookups. */
interface ValueCheck {
  readonly index: IndexedDefinition;
  readonly item: Item;
  readonly rating: string | undefined;
  /** Ordinal scales: the allowed values; count scales: null (min/max/step below). */
  readonly options: readonly number[] | null;
  readonly hasScale: boolean;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

interface AnswerCheck {
  /** Index of this item id's answer in the per-call answer array. */
  readonly answer: number;
  /** Null for an item answered with one value. */
  readonly ratings: ReadonlyMap<string, ValueCheck> | null;
  /** The ratings in the definition's order (for the fast path). */
  readonly ratingIds: readonly string[];
  readonly ratingChecks: readonly ValueCheck[];
  readonly ratingList: string;
  readonly single: ValueCheck | null;
}

/** One ScaleScore's worth of work: which slots, reversed how. */
interface CompiledScaleRating {
  readonly id: string;
  readonly method: 'mean' | 'sum';
  readonly minAnswered: number;
  readonly rating: string | undefined;
  readonly group: string | undefined;
  readonly itemsUsed: readonly string[];
  /** Per item of the scale that exists: its id, its slot (-1: never answered), its reverse sum (NaN: not reversed). */
  readonly ids: readonly string[];
  readonly slots: Int32Array;
  readonly reverseSums: Float64Array;
  readonly min: number;
  readonly max: number;
}

/** The slots of one administration, resolved once. */
export class Resolution {
  readonly missingRequired: string[] = [];
  readonly skipped: string[] = [];
  readonly ignored: string[] = [];
  /** Plain arrays: allocating typed arrays costs more than the scoring of a short form. */
  readonly states: number[];
  readonly values: number[];

  constructor(
    /** Problems with the answers; when there are any, nothing else is filled in. */
    readonly errors: AnswerProblem[],
    private readonly keys: ReadonlyMap<string, number>,
    slotCount: number,
  ) {
    this.states = new Array<number>(slotCount).fill(MISSING);
    this.values = new Array<number>(slotCount).fill(0);
  }

  slot(itemId: string, ratingId?: string): Slot {
    const at = this.keys.get(slotKey(itemId, ratingId));
    const state = at === undefined ? MISSING : this.states[at]!;
    if (state === MISSING) return { kind: 'missing' };
    if (state === SKIPPED) return { kind: 'skipped' };
    return { kind: 'value', value: this.values[at!]!, fromSkip: state === FROM_SKIP };
  }
}

export interface CompiledScorer {
  readonly index: IndexedDefinition;
  /**
   * Checks the answers and resolves every slot. `errors` lists the problems in the order of the
   * answers' keys (then nothing is resolved); empty when every answer fits.
   */
  read(answers: Answers): Resolution;
  scoreScales(resolution: Resolution, variant: Variant): ScaleScore[];
}

const compiled = new WeakMap<InstrumentDefinition, CompiledScorer>();

export function compileDefinition(definition: InstrumentDefinition): CompiledScorer {
  let scorer = compiled.get(definition);
  if (!scorer) {
    scorer = compile(definition);
    compiled.set(definition, scorer);
  }
  return scorer;
}

function slotKey(itemId: string, ratingId?: string): string {
  return ratingId === undefined ? itemId : `${itemId}.${ratingId}`;
}

function compileCondition(condition: Condition | undefined, ownItem: string, answerIndex: ReadonlyMap<string, number>): CompiledCondition | null {
  if (!condition) return null;
  const answer = answerIndex.get(condition.item ?? ownItem) ?? -1;
  return { answer, rating: condition.rating, op: condition.op, value: condition.value };
}

function valueCheck(index: IndexedDefinition, item: Item, rating: string | undefined): ValueCheck {
  const scale = responseScaleFor(index, item, rating);
  if (!scale) return { index, item, rating, options: null, hasScale: false, min: 0, max: 0, step: 0 };
  if (scale.type === 'ordinal') return { index, item, rating, options: scale.options.map((o) => o.value), hasScale: true, min: 0, max: 0, step: 0 };
  return { index, item, rating, options: null, hasScale: true, min: scale.min, max: scale.max, step: scale.step };
}

function compile(definition: InstrumentDefinition): CompiledScorer {
  const index = indexDefinition(definition);

  // Each answer is read from the answers object once, into an array by item id (the order of the
  // index: the first of duplicate ids), and checked against that id's item.
  const answerIndex = new Map<string, number>();
  const checks = new Map<string, AnswerCheck>();
  const answerIds: string[] = [];
  for (const [itemId, item] of index.items) {
    const answer = answerIds.length;
    answerIndex.set(itemId, answer);
    answerIds.push(itemId);
    const ratings = ratingsOf(index, item);
    if (ratings === null) {
      checks.set(itemId, { answer, ratings: null, ratingIds: [], ratingChecks: [], ratingList: '', single: valueCheck(index, item, undefined) });
    } else {
      const map = new Map<string, ValueCheck>();
      for (const rating of ratings) if (!map.has(rating.id)) map.set(rating.id, valueCheck(index, item, rating.id));
      checks.set(itemId, {
        answer,
        ratings: map,
        ratingIds: [...map.keys()],
        ratingChecks: [...map.values()],
        ratingList: ratings.map((r) => r.id).join(', '),
        single: null,
      });
    }
  }

  // Slots in the order of the definition's items and their ratings; a later duplicate key wins.
  const items: CompiledItem[] = [];
  const keys = new Map<string, number>();
  let slotCount = 0;
  for (const item of definition.items) {
    const ratings = ratingsOf(index, item);
    const slots: CompiledSlot[] = (ratings === null ? [undefined] : ratings).map((rating) => ({
      answer: answerIndex.get(item.id)!,
      rating: rating?.id,
      key: slotKey(item.id, rating?.id),
      ratingCondition: compileCondition(rating?.condition, item.id, answerIndex),
      skippedValue: rating?.skippedValue,
    }));
    items.push({
      required: item.required !== false,
      condition: compileCondition(item.condition, item.id, answerIndex),
      slots,
      first: slotCount,
    });
    // Duplicate keys (an invalid definition): the key names the last slot, as a map of slots would.
    for (const slot of slots) keys.set(slot.key, slotCount++);
  }

  const scalesByVariant = new Map<Variant, readonly CompiledScaleRating[]>();
  const scalesFor = (variant: Variant): readonly CompiledScaleRating[] => {
    let list = scalesByVariant.get(variant);
    if (!list) {
      list = compileScales(index, keys, variant);
      scalesByVariant.set(variant, list);
    }
    return list;
  };

  return {
    index,
    read: (answers) => {
      let raw = readAnswers(checks, answerIds.length, answers);
      if (raw === null) {
        const errors = checkAnswers(checks, answers);
        if (errors.length > 0) return new Resolution(errors, keys, 0);
        raw = lookUpAnswers(answerIds, answers);
      }
      return resolve(items, keys, slotCount, raw);
    },
    scoreScales: (resolution, variant) => scoreScales(scalesFor(variant), resolution),
  };
}

/** In the alternative variant an alternative item takes its original's place on every scale. */
function itemsForVariant(index: IndexedDefinition, itemIds: readonly string[], variant: Variant): string[] {
  if (variant !== 'alternative') return [...itemIds];
  const replacement = new Map<string, string>();
  for (const item of index.definition.items) if (item.alternativeTo) replacement.set(item.alternativeTo, item.id);
  return itemIds.map((id) => replacement.get(id) ?? id);
}

function compileScales(index: IndexedDefinition, keys: ReadonlyMap<string, number>, variant: Variant): CompiledScaleRating[] {
  return index.definition.scales.flatMap((listed) => {
    const scale = index.scales.get(listed.id)!;
    const itemsUsed = itemsForVariant(index, scale.items, variant);
    const firstItem = index.items.get(itemsUsed[0] ?? '');
    const itemRatings = firstItem ? ratingsOf(index, firstItem) : null;
    const ratingIds: (string | undefined)[] = itemRatings === null ? [undefined] : (scale.ratings ?? itemRatings.map((r) => r.id));
    return ratingIds.map((ratingId): CompiledScaleRating => {
      const present = itemsUsed.map((id) => index.items.get(id)).filter((item): item is Item => item !== undefined);
      const reverseSums = new Float64Array(present.length);
      present.forEach((item, n) => {
        const responseScale = item.reverse ? responseScaleFor(index, item, ratingId) : undefined;
        const bounds = responseScale ? scaleBounds(responseScale) : undefined;
        reverseSums[n] = bounds ? bounds.min + bounds.max : NaN;
      });
      const responseScale = firstItem ? responseScaleFor(index, firstItem, ratingId) : undefined;
      const bounds = responseScale ? scaleBounds(responseScale) : { min: 0, max: 0 };
      return {
        id: scale.id,
        method: scale.method,
        minAnswered: scale.minAnswered,
        rating: ratingId,
        group: scale.group,
        itemsUsed,
        ids: present.map((item) => item.id),
        slots: Int32Array.from(present, (item) => keys.get(slotKey(item.id, ratingId)) ?? -1),
        reverseSums,
        min: bounds.min,
        max: bounds.max,
      };
    });
  });
}

/**
 * The common case in one pass: every answer fits. Returns the answers by item id, or null when
 * anything may be wrong, and then checkAnswers says exactly what. Stricter than checkAnswers is
 * safe (it only sends more cases to it); laxer is not.
 */
function readAnswers(checks: ReadonlyMap<string, AnswerCheck>, size: number, answers: Answers): unknown[] | null {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return null;
  const raw = new Array<unknown>(size);
  // for-in visits every own key (in Object.keys order) without making an array; it also visits
  // inherited enumerable keys, which are read as a lookup would read them.
  for (const itemId in answers) {
    const check = checks.get(itemId);
    if (check === undefined) return null;
    const answer: unknown = answers[itemId];
    raw[check.answer] = answer;
    if (answer === null || answer === undefined) continue;
    if (check.ratings === null) {
      if (typeof answer !== 'number' || !fits(check.single!, answer)) return null;
      continue;
    }
    if (typeof answer !== 'object') return null;
    const { ratingIds, ratingChecks } = check;
    let position = 0;
    for (const ratingId in answer) {
      // Answers usually list the ratings in the definition's order: no lookup then.
      const ratingCheck = ratingIds[position] === ratingId ? ratingChecks[position] : check.ratings.get(ratingId);
      position += 1;
      if (ratingCheck === undefined) return null;
      const value: unknown = (answer as Record<string, unknown>)[ratingId];
      if (value !== null && value !== undefined && (typeof value !== 'number' || !fits(ratingCheck, value))) return null;
    }
  }
  return raw;
}

/** Every item id's answer by a plain lookup (after checkAnswers found no problem). */
function lookUpAnswers(answerIds: readonly string[], answers: Answers): unknown[] {
  return answerIds.map((id) => answers[id]);
}

function checkAnswers(checks: ReadonlyMap<string, AnswerCheck>, answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ code: 'answer.shape', item: '', params: { expected: 'object' } }];
  }
  const itemIds = Object.keys(answers);
  for (let n = 0; n < itemIds.length; n += 1) {
    const itemId = itemIds[n]!;
    const answer = answers[itemId];
    const check = checks.get(itemId);
    if (!check) {
      problems.push({ code: 'answer.unknownItem', item: itemId, params: {} });
      continue;
    }
    if (answer === null || answer === undefined) continue;
    if (check.ratings === null) {
      if (typeof answer === 'object') {
        problems.push({ code: 'answer.shape', item: itemId, params: { expected: 'number' } });
      } else {
        checkValue(check.single!, answer, problems);
      }
      continue;
    }
    if (typeof answer !== 'object') {
      problems.push({ code: 'answer.shape', item: itemId, params: { expected: check.ratingList } });
      continue;
    }
    const ratingIds = Object.keys(answer);
    for (let r = 0; r < ratingIds.length; r += 1) {
      const ratingId = ratingIds[r]!;
      const value = (answer as Record<string, unknown>)[ratingId];
      const ratingCheck = check.ratings.get(ratingId);
      if (!ratingCheck) {
        problems.push({ code: 'answer.unknownRating', item: itemId, rating: ratingId, params: {} });
      } else if (value !== null && value !== undefined) {
        checkValue(ratingCheck, value, problems);
      }
    }
  }
  return problems;
}

/** Tolerance for the step check of count scales (as in isAllowedValue). */
const STEP_TOLERANCE = 1e-9;

/** A finite number the item's scale allows (any number when the item has no scale). */
function fits(check: ValueCheck, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (!check.hasScale) return true;
  const options = check.options;
  if (options !== null) {
    for (let n = 0; n < options.length; n += 1) if (options[n] === value) return true;
    return false;
  }
  if (value < check.min - STEP_TOLERANCE || value > check.max + STEP_TOLERANCE) return false;
  const steps = (value - check.min) / check.step;
  return Math.abs(steps - Math.round(steps)) < STEP_TOLERANCE * Math.max(1, Math.abs(steps));
}

function checkValue(check: ValueCheck, value: unknown, problems: AnswerProblem[]): void {
  if (typeof value === 'number' && fits(check, value)) return;
  // A problem: described with the model's own helpers (the rare path).
  const at = check.rating === undefined ? { item: check.item.id } : { item: check.item.id, rating: check.rating };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ code: 'answer.notNumber', ...at, params: { value: String(value) } });
    return;
  }
  // Recomputed from the definition so the wording is the model's; fits() agrees with isAllowedValue.
  const scale = responseScaleFor(check.index, check.item, check.rating);
  if (scale && !isAllowedValue(scale, value)) {
    problems.push({ code: 'answer.outOfRange', ...at, params: { value, allowed: describeAllowedValues(scale) } });
  }
}

function rawValue(raw: readonly unknown[], at: number, ratingId: string | undefined): number | null {
  if (at < 0) return null;
  const answer = raw[at] as AnswerValue | undefined;
  if (answer === null || answer === undefined) return null;
  if (typeof answer === 'number') return ratingId === undefined ? answer : null;
  if (ratingId === undefined) return null;
  const value = answer[ratingId];
  return typeof value === 'number' ? value : null;
}

/** True: ask; false: skip; null: cannot tell yet (the answer it depends on is missing). */
function holds(condition: CompiledCondition | null, raw: readonly unknown[]): boolean | null {
  if (condition === null) return true;
  const value = rawValue(raw, condition.answer, condition.rating);
  return value === null ? null : compare(condition.op, value, condition.value);
}

/** Shared by every resolution without problems (frozen: nobody may add to it). */
const noErrors: AnswerProblem[] = Object.freeze([]) as unknown as AnswerProblem[];

function resolve(items: readonly CompiledItem[], keys: ReadonlyMap<string, number>, slotCount: number, raw: readonly unknown[]): Resolution {
  const resolution = new Resolution(noErrors, keys, slotCount);
  const { states, values, missingRequired, skipped, ignored } = resolution;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const itemCondition = holds(item.condition, raw);
    for (let s = 0; s < item.slots.length; s += 1) {
      const slot = item.slots[s]!;
      const at = item.first + s;
      const ratingCondition = holds(slot.ratingCondition, raw);
      const value = rawValue(raw, slot.answer, slot.rating);
      // A condition that cannot be decided (the answer it looks at is missing) never skips: an
      // unanswered intensity must not look like "no impact". The slot is then missing, or scored
      // if the respondent answered it anyway.
      if (itemCondition === false || ratingCondition === false) {
        skipped.push(slot.key);
        if (value !== null) ignored.push(slot.key);
        const skippedValue = itemCondition === false ? undefined : slot.skippedValue;
        if (skippedValue === undefined) {
          states[at] = SKIPPED;
        } else {
          states[at] = FROM_SKIP;
          values[at] = skippedValue;
        }
      } else if (value === null) {
        states[at] = MISSING;
        // A rating not yet asked (its intensity is unanswered) is counted once, as that intensity.
        if (item.required && ratingCondition !== null) missingRequired.push(slot.key);
      } else {
        states[at] = ANSWERED;
        values[at] = value;
      }
    }
  }
  return resolution;
}

function scoreScales(scales: readonly CompiledScaleRating[], resolution: Resolution): ScaleScore[] {
  const { states, values } = resolution;
  const results: ScaleScore[] = new Array<ScaleScore>(scales.length);
  for (let c = 0; c < scales.length; c += 1) {
    const scale = scales[c]!;
    const { slots, reverseSums, ids } = scale;
    const missing: string[] = [];
    let sum = 0;
    let answered = 0;
    let applicable = 0;
    for (let n = 0; n < slots.length; n += 1) {
      const at = slots[n]!;
      const state = at < 0 ? MISSING : states[at]!;
      if (state === SKIPPED) continue;
      applicable += 1;
      if (state === MISSING) {
        missing.push(ids[n]!);
        continue;
      }
      const reverseSum = reverseSums[n]!;
      // A value given by a skip is already on the scale's own direction.
      sum += reverseSum === reverseSum && state === ANSWERED ? reverseSum - values[at]! : values[at]!;
      answered += 1;
    }
    const enough = answered > 0 && answered >= scale.minAnswered;
    const mean = enough ? sum / answered : null;
    const result: ScaleScore = {
      id: scale.id,
      method: scale.method,
      score: mean === null ? null : scale.method === 'mean' ? mean : mean * applicable,
      answered,
      items: applicable,
      minAnswered: scale.minAnswered,
      prorated: enough && answered < applicable,
      missing,
      itemsUsed: scale.itemsUsed.slice(),
      range: scale.method === 'mean' ? { min: scale.min, max: scale.max } : { min: scale.min * applicable, max: scale.max * applicable },
    };
    if (scale.rating !== undefined) result.rating = scale.rating;
    if (scale.group !== undefined) result.group = scale.group;
    results[c] = result;
  }
  return results;
}
