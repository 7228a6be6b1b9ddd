/**
 * A definition compiled once into a scorer: every lookup that does not depend on the answers
 * (which item a scale uses, which slot an answer fills, reverse keys, bounds, conditions) is
 * resolved here, so scoring one administration is a few passes over flat arrays. score() delegates
 * the answer check, the slot resolution and the per-scale math to it; ranking and classification
 * stay in score.ts.
 *
 * Cached per definition object (a WeakMap, like indexDefinition), and what it compiles to by
 * content: definitions are immutable once loaded, and a definition loaded again (from storage, a
 * pack, a backup) with the same content shares the compiled form. The compiled scorer gives
 * exactly the numbers of the straightforward algorithm (same summation order, same expressions).
 */
import { canonicalJson } from '../instrument/hash';
import { LANGUAGES } from '../instrument/languages';
import type { Condition, InstrumentDefinition, Item } from '../instrument/schema';
import {
  compareByCode,
  describeAllowedValues,
  indexDefinition,
  isAllowedValue,
  operatorCode,
  ratingsOf,
  responseScaleFor,
  scaleBounds,
  type IndexedDefinition,
} from '../instrument/model';
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
  /** The operator by number (operatorCode in instrument/model). */
  readonly op: number;
  readonly value: number;
}

/** One slot of a multi-rating item: everything resolving it reads, in one object. */
interface CompiledRatingSlot {
  readonly key: string;
  readonly rating: string;
  /** Where the rating's value is kept in the per-call answer array when it was read. */
  readonly read: number;
  readonly condition: CompiledCondition | null;
  /** The slot of this item (counted from its first) whose value the condition reads; -1: read it from the answers. */
  readonly from: number;
  readonly skippedValue: number | undefined;
}

interface CompiledItem {
  readonly required: boolean;
  readonly condition: CompiledCondition | null;
  /** Index of the item's answer in the per-call answer array. */
  readonly answer: number;
  /** The slot's key for an item answered with one value; '' for a multi-rating item. */
  readonly key: string;
  /** Null for an item answered with one value (one slot). */
  readonly ratings: readonly CompiledRatingSlot[] | null;
  /** Index of the first slot in the flat arrays. */
  readonly first: number;
}

/** How a value is checked: any number, a contiguous run of integers, a list of options, or a count scale. */
const ANY = 0;
const INTEGERS = 1;
const OPTIONS = 2;
const COUNT = 3;

/** How an answer to one item (or one rating) is checked: the allowed values without lookups. */
interface ValueCheck {
  readonly index: IndexedDefinition;
  readonly item: Item;
  readonly rating: string | undefined;
  /** A rating's place in the per-call answer array (after the items' answers); -1 for an item. */
  readonly slot: number;
  readonly kind: number;
  /** OPTIONS: the allowed values. */
  readonly options: readonly number[];
  /** INTEGERS: the lowest and highest value; COUNT: the bounds, with the step. */
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

  constructor(
    /** Problems with the answers; when there are any, nothing else is filled in. */
    readonly errors: AnswerProblem[],
    private readonly keys: ReadonlyMap<string, number>,
    /** Plain arrays, filled slot by slot: allocating typed arrays costs more than the scoring of a short form. */
    readonly states: number[],
    readonly values: number[],
  ) {}

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
  /** Per scale of the profile (in its order): where scoreScales puts its score for the profile's rating (-1: nowhere). */
  profileScales(variant: Variant): Int32Array;
}

/** Everything compiled from a definition's content: shared by every definition object with that content. */
interface CompiledContent {
  read(answers: Answers): Resolution;
  scoreScales(resolution: Resolution, variant: Variant): ScaleScore[];
  profileScales(variant: Variant): Int32Array;
}

const compiled = new WeakMap<InstrumentDefinition, CompiledScorer>();

/**
 * Compiled content by content key (see contentKey). Definitions are loaded again and again (from
 * storage, from a pack, in a worker): the same content compiles once. Bounded, oldest out first,
 * so edited packs do not pile up.
 */
const byContent = new Map<string, CompiledContent>();
const CONTENT_CACHE_SIZE = 64;

export function compileDefinition(definition: InstrumentDefinition): CompiledScorer {
  let scorer = compiled.get(definition);
  if (!scorer) {
    // Each definition object has a scorer of its own (its own index); what they compile to is shared.
    const content = compiledContent(definition);
    scorer = { index: indexDefinition(definition), read: content.read, scoreScales: content.scoreScales, profileScales: content.profileScales };
    compiled.set(definition, scorer);
  }
  return scorer;
}

function compiledContent(definition: InstrumentDefinition): CompiledContent {
  const key = contentKey(definition);
  let content = byContent.get(key);
  if (!content) {
    content = compile(definition);
    if (byContent.size >= CONTENT_CACHE_SIZE) byContent.delete(byContent.keys().next().value!);
    byContent.set(key, content);
  }
  return content;
}

/** A text in the languages (the only objects whose keys are all language codes). */
function isLocalizedText(value: object): boolean {
  let any = false;
  for (const [key, text] of Object.entries(value)) {
    if (!(LANGUAGES as readonly string[]).includes(key) || typeof text !== 'string') return false;
    any = true;
  }
  return any;
}

/**
 * The definition's content as far as scoring goes: its canonical JSON (instrument/hash) without
 * the texts, which scoring never reads. Two definitions with the same key score alike; anything
 * that is not a text counts, so a field added to the format later counts too. Exact (no digest
 * that could collide): the key is a few kilobytes.
 */
export function contentKey(definition: InstrumentDefinition): string {
  return canonicalJson(withoutTexts(definition));
}

function withoutTexts(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return value.map((entry) => (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && isLocalizedText(entry) ? null : withoutTexts(entry)));
  const kept: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && isLocalizedText(entry)) continue;
    kept[key] = withoutTexts(entry);
  }
  return kept;
}

function slotKey(itemId: string, ratingId?: string): string {
  return ratingId === undefined ? itemId : `${itemId}.${ratingId}`;
}

function compileCondition(condition: Condition | undefined, ownItem: string, answerIndex: ReadonlyMap<string, number>): CompiledCondition | null {
  if (!condition) return null;
  const answer = answerIndex.get(condition.item ?? ownItem) ?? -1;
  return { answer, rating: condition.rating, op: operatorCode(condition.op), value: condition.value };
}

function valueCheck(index: IndexedDefinition, item: Item, rating: string | undefined, slot: number): ValueCheck {
  const scale = responseScaleFor(index, item, rating);
  // One literal for every kind: the checks share one shape, so reading them stays monomorphic.
  const check = (kind: number, options: readonly number[], min: number, max: number, step: number): ValueCheck => ({ index, item, rating, slot, kind, options, min, max, step });
  if (!scale) return check(ANY, [], 0, 0, 0);
  if (scale.type === 'count') return check(COUNT, [], scale.min, scale.max, scale.step);
  const options = scale.options.map((o) => o.value);
  const { min, max } = scaleBounds(scale);
  // 0, 1, …, 6 in any order: a range check says the same as looking through the options.
  const integers = options.every((value) => Number.isInteger(value)) && new Set(options).size === max - min + 1;
  return integers ? check(INTEGERS, options, min, max, 0) : check(OPTIONS, options, 0, 0, 0);
}

function compile(definition: InstrumentDefinition): CompiledContent {
  const index = indexDefinition(definition);

  // Each answer is read from the answers object once, into an array by item id (the order of the
  // index: the first of duplicate ids), and checked against that id's item.
  // The values of the ratings read on the way are kept after the answers, so resolving reads each once.
  const answerIndex = new Map<string, number>();
  const checks: AnswerCheck[] = [];
  const answerIds = [...index.items.keys()];
  let rawSize = answerIds.length;
  for (const [itemId, item] of index.items) {
    const answer = answerIndex.size;
    answerIndex.set(itemId, answer);
    const ratings = ratingsOf(index, item);
    if (ratings === null) {
      checks.push({ answer, ratings: null, ratingIds: [], ratingChecks: [], ratingList: '', single: valueCheck(index, item, undefined, -1) });
    } else {
      const map = new Map<string, ValueCheck>();
      for (const rating of ratings) if (!map.has(rating.id)) map.set(rating.id, valueCheck(index, item, rating.id, rawSize++));
      checks.push({
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
    const answer = answerIndex.get(item.id)!;
    const ratingSlots =
      ratings === null
        ? null
        : ratings.map((rating): CompiledRatingSlot => {
            const condition = compileCondition(rating.condition, item.id, answerIndex);
            return {
              key: slotKey(item.id, rating.id),
              rating: rating.id,
              read: checks[answer]!.ratings!.get(rating.id)!.slot,
              condition,
              // A rating asked after another rating of the same item (impact after intensity) reads the value already read.
              from: condition === null || condition.answer !== answer || condition.rating === undefined ? -1 : ratings.findIndex((r) => r.id === condition.rating),
              skippedValue: rating.skippedValue,
            };
          });
    const key = ratingSlots === null ? slotKey(item.id) : '';
    items.push({ required: item.required !== false, condition: compileCondition(item.condition, item.id, answerIndex), answer, key, ratings: ratingSlots, first: slotCount });
    // Duplicate keys (an invalid definition): the key names the last slot, as a map of slots would.
    if (ratingSlots === null) keys.set(key, slotCount++);
    else for (const slot of ratingSlots) keys.set(slot.key, slotCount++);
  }

  // Copied for each administration: one allocation of the right size, already packed (no holes).
  const zeros = new Array<number>(slotCount).fill(0);

  // Compiled on first use; every variant but the alternative one scores the original items. Two
  // fields, not a map by variant: they are looked up on every call.
  let originalScales: readonly CompiledScaleRating[] | null = null;
  let alternativeScales: readonly CompiledScaleRating[] | null = null;
  const scalesFor = (variant: Variant): readonly CompiledScaleRating[] =>
    variant === 'alternative' ? (alternativeScales ??= compileScales(index, keys, 'alternative')) : (originalScales ??= compileScales(index, keys, 'original'));
  let originalProfile: Int32Array | null = null;
  let alternativeProfile: Int32Array | null = null;
  const profileFor = (list: readonly CompiledScaleRating[]): Int32Array => {
    const profile = definition.profile;
    // The first score of the scale for the profile's rating, as a search of the scores would find it.
    return Int32Array.from(profile?.scales ?? [], (id) => list.findIndex((s) => s.id === id && s.rating === profile!.rating));
  };
  const profileScales = (variant: Variant): Int32Array =>
    variant === 'alternative' ? (alternativeProfile ??= profileFor(scalesFor(variant))) : (originalProfile ??= profileFor(scalesFor(variant)));

  return {
    read: (answers) => {
      let raw = new Array<unknown>(rawSize);
      if (!readAnswers(checks, answerIds, answerIndex, raw, answers)) {
        const errors = checkAnswers(answerIndex, checks, answers);
        if (errors.length > 0) return new Resolution(errors, keys, [], []);
        raw = lookUpAnswers(answerIds, answers, rawSize);
      }
      return resolve(items, keys, zeros, raw);
    },
    scoreScales: (resolution, variant) => scoreScales(scalesFor(variant), resolution),
    profileScales,
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
 * The common case: every answer fits. Puts the answers by item id into raw (empty before) and
 * returns true, or false when anything may be wrong, and then checkAnswers says exactly what.
 * Stricter than checkAnswers is safe (it only sends more cases to it); laxer is not.
 */
function readAnswers(checks: readonly AnswerCheck[], answerIds: readonly string[], answerIndex: ReadonlyMap<string, number>, raw: unknown[], answers: Answers): boolean {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return false;
  const count = answerIds.length;
  let next = 0;
  // for-in visits every own key (in Object.keys order) without making an array; it also visits
  // inherited enumerable keys, which are read as a lookup would read them.
  for (const itemId in answers) {
    // Answers usually list the items in the definition's order (some left out): no lookup then.
    const at = next < count && answerIds[next] === itemId ? next : (answerIndex.get(itemId) ?? -1);
    if (at < 0) return false;
    next = at + 1;
    raw[at] = answers[itemId];
  }
  // Then each answer's value or ratings, in a pass of their own: the answer objects' addresses are
  // all known by then, so the processor can fetch them from memory side by side (this function
  // alone took about a sixth less time than with one pass).
  for (let at = 0; at < count; at += 1) {
    const answer = raw[at];
    if (answer === null || answer === undefined) continue;
    const check = checks[at]!;
    if (check.ratings === null) {
      if (typeof answer !== 'number' || !fits(check.single!, answer)) return false;
      continue;
    }
    if (typeof answer !== 'object') return false;
    const { ratingIds, ratingChecks } = check;
    let position = 0;
    for (const ratingId in answer) {
      // The same for the ratings.
      const ratingCheck = ratingIds[position] === ratingId ? ratingChecks[position] : check.ratings.get(ratingId);
      position += 1;
      if (ratingCheck === undefined) return false;
      const value: unknown = (answer as Record<string, unknown>)[ratingId];
      raw[ratingCheck.slot] = value;
      if (value !== null && value !== undefined && (typeof value !== 'number' || !fits(ratingCheck, value))) return false;
    }
  }
  return true;
}

/** Every item id's answer by a plain lookup (after checkAnswers found no problem); the ratings are looked up when resolving. */
function lookUpAnswers(answerIds: readonly string[], answers: Answers, size: number): unknown[] {
  const raw = new Array<unknown>(size);
  for (let n = 0; n < answerIds.length; n += 1) raw[n] = answers[answerIds[n]!];
  return raw;
}

function checkAnswers(answerIndex: ReadonlyMap<string, number>, checks: readonly AnswerCheck[], answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ code: 'answer.shape', item: '', params: { expected: 'object' } }];
  }
  const itemIds = Object.keys(answers);
  for (let n = 0; n < itemIds.length; n += 1) {
    const itemId = itemIds[n]!;
    const answer = answers[itemId];
    const at = answerIndex.get(itemId);
    const check = at === undefined ? undefined : checks[at];
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
  const kind = check.kind;
  // NaN fails every comparison, ±Infinity every range.
  if (kind === INTEGERS) return value >= check.min && value <= check.max && Math.floor(value) === value;
  if (!Number.isFinite(value)) return false;
  if (kind === ANY) return true;
  if (kind === OPTIONS) {
    const options = check.options;
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
function holds(condition: CompiledCondition | null, raw: readonly unknown[]): boolean | null | undefined {
  if (condition === null) return true;
  const value = rawValue(raw, condition.answer, condition.rating);
  return value === null ? null : compareByCode(condition.op, value, condition.value);
}

/** Shared by every resolution without problems (frozen: nobody may add to it). */
const noErrors: AnswerProblem[] = Object.freeze([]) as unknown as AnswerProblem[];

function resolve(items: readonly CompiledItem[], keys: ReadonlyMap<string, number>, zeros: readonly number[], raw: readonly unknown[]): Resolution {
  // Every slot starts MISSING (0) with the value 0; only the others are written below.
  const states = zeros.slice();
  const values = zeros.slice();
  const resolution = new Resolution(noErrors, keys, states, values);
  const { missingRequired, skipped, ignored } = resolution;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const itemCondition = item.condition === null || holds(item.condition, raw);
    const answer = raw[item.answer];
    const ratings = item.ratings;
    if (ratings === null) {
      // One slot, no rating condition.
      const key = item.key;
      const value = typeof answer === 'number' ? answer : null;
      if (itemCondition === false) {
        skipped.push(key);
        if (value !== null) ignored.push(key);
        states[item.first] = SKIPPED;
      } else if (value === null) {
        if (item.required) missingRequired.push(key);
      } else {
        states[item.first] = ANSWERED;
        values[item.first] = value;
      }
      continue;
    }
    // Every rating's value first (answered or missing), so a rating condition on another rating
    // of the item reads it from there; then each slot's final state.
    const first = item.first;
    for (let s = 0; s < ratings.length; s += 1) {
      // Read on the way in; a rating the answer did not list (or a slow path) is looked up.
      const slot = ratings[s]!;
      let value = raw[slot.read];
      // (The answer object is touched only then: reading it again costs a cache miss.)
      if (value === undefined && answer !== null && answer !== undefined && typeof answer !== 'number') value = (answer as Record<string, unknown>)[slot.rating];
      if (typeof value === 'number') {
        states[first + s] = ANSWERED;
        values[first + s] = value;
      }
    }
    for (let s = 0; s < ratings.length; s += 1) {
      const at = first + s;
      const { key, condition, from } = ratings[s]!;
      let ratingCondition: boolean | null | undefined = true;
      if (condition !== null) {
        // The slot it reads still holds what was read unless a condition skipped it already: then read again.
        const state = from < 0 ? SKIPPED : states[first + from];
        ratingCondition = state === ANSWERED ? compareByCode(condition.op, values[first + from]!, condition.value) : state === MISSING ? null : holds(condition, raw);
      }
      const answered = states[at] === ANSWERED;
      // A condition that cannot be decided (the answer it looks at is missing) never skips: an
      // unanswered intensity must not look like "no impact". The slot is then missing, or scored
      // if the respondent answered it anyway.
      if (itemCondition === false || ratingCondition === false) {
        skipped.push(key);
        if (answered) ignored.push(key);
        const skippedValue = itemCondition === false ? undefined : ratings[s]!.skippedValue;
        if (skippedValue === undefined) {
          states[at] = SKIPPED;
        } else {
          states[at] = FROM_SKIP;
          values[at] = skippedValue;
        }
      } else if (!answered) {
        // A rating not yet asked (its intensity is unanswered) is counted once, as that intensity.
        if (item.required && ratingCondition !== null) missingRequired.push(key);
      }
    }
  }
  return resolution;
}

/** A fresh copy of a list: a literal for the short lists scales have (slice() is a builtin call, several times dearer). */
function copyOf(list: readonly string[]): string[] {
  switch (list.length) {
    case 0:
      return [];
    case 1:
      return [list[0]!];
    case 2:
      return [list[0]!, list[1]!];
    case 3:
      return [list[0]!, list[1]!, list[2]!];
    case 4:
      return [list[0]!, list[1]!, list[2]!, list[3]!];
  }
  return list.slice();
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
    const { id, method, minAnswered, rating, group } = scale;
    const score = mean === null ? null : method === 'mean' ? mean : mean * applicable;
    const prorated = enough && answered < applicable;
    const itemsUsed = copyOf(scale.itemsUsed);
    const range = method === 'mean' ? { min: scale.min, max: scale.max } : { min: scale.min * applicable, max: scale.max * applicable };
    // One literal per shape, keys in the same order: adding keys afterwards costs a map transition each.
    results[c] =
      rating === undefined
        ? group === undefined
          ? { id, method, score, answered, items: applicable, minAnswered, prorated, missing, itemsUsed, range }
          : { id, method, score, answered, items: applicable, minAnswered, prorated, missing, itemsUsed, range, group }
        : group === undefined
          ? { id, method, score, answered, items: applicable, minAnswered, prorated, missing, itemsUsed, range, rating }
          : { id, method, score, answered, items: applicable, minAnswered, prorated, missing, itemsUsed, range, rating, group };
  }
  return results;
}
