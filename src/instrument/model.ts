/**
 * Lookups over a definition that validation, scoring and the UI all need. Pure.
 */
import type { InstrumentDefinition, Item, Rating, RatingSet, ResponseScale, Scale, Condition } from './schema';

export interface IndexedDefinition {
  readonly definition: InstrumentDefinition;
  readonly items: ReadonlyMap<string, Item>;
  readonly responseScales: ReadonlyMap<string, ResponseScale>;
  readonly ratingSets: ReadonlyMap<string, RatingSet>;
  readonly scales: ReadonlyMap<string, Scale>;
}

const cache = new WeakMap<InstrumentDefinition, IndexedDefinition>();

/** Maps by id; the first of duplicate ids wins (validation reports duplicates). */
export function indexDefinition(definition: InstrumentDefinition): IndexedDefinition {
  const cached = cache.get(definition);
  if (cached) return cached;
  const byId = <T extends { id: string }>(list: readonly T[] | undefined): Map<string, T> => {
    const map = new Map<string, T>();
    for (const entry of list ?? []) if (!map.has(entry.id)) map.set(entry.id, entry);
    return map;
  };
  const indexed: IndexedDefinition = {
    definition,
    items: byId(definition.items),
    responseScales: byId(definition.responseScales),
    ratingSets: byId(definition.ratingSets),
    scales: byId(definition.scales),
  };
  cache.set(definition, indexed);
  return indexed;
}

/** The ratings of a multi-rating item, or null for an item answered with one value. */
export function ratingsOf(index: IndexedDefinition, item: Item): readonly Rating[] | null {
  if (item.ratingSet === undefined) return null;
  return index.ratingSets.get(item.ratingSet)?.ratings ?? [];
}

/** The response scale an item (or one of its ratings) is answered on. */
export function responseScaleFor(index: IndexedDefinition, item: Item, ratingId?: string): ResponseScale | undefined {
  const ratings = ratingsOf(index, item);
  if (ratings === null) return item.responseScale === undefined ? undefined : index.responseScales.get(item.responseScale);
  const rating = ratings.find((r) => r.id === ratingId);
  return rating ? index.responseScales.get(rating.responseScale) : undefined;
}

export function scaleBounds(scale: ResponseScale): { min: number; max: number } {
  if (scale.type === 'count') return { min: scale.min, max: scale.max };
  const values = scale.options.map((o) => o.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** Tolerance for the step check of count scales (0.5-day steps are exact in binary; others may not be). */
const STEP_TOLERANCE = 1e-9;

export function isAllowedValue(scale: ResponseScale, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (scale.type === 'ordinal') return scale.options.some((o) => o.value === value);
  if (value < scale.min - STEP_TOLERANCE || value > scale.max + STEP_TOLERANCE) return false;
  const steps = (value - scale.min) / scale.step;
  return Math.abs(steps - Math.round(steps)) < STEP_TOLERANCE * Math.max(1, Math.abs(steps));
}

/** Human-readable description of the allowed values, e.g. "0–6" or "0–20 in steps of 0.5". */
export function describeAllowedValues(scale: ResponseScale): string {
  if (scale.type === 'ordinal') {
    const values = scale.options.map((o) => o.value);
    const { min, max } = scaleBounds(scale);
    const contiguous = values.length === max - min + 1;
    return contiguous ? `${min}–${max}` : values.join(', ');
  }
  return scale.step === 1 ? `${scale.min}–${scale.max}` : `${scale.min}–${scale.max} in steps of ${scale.step}`;
}

/** The condition operators by number: the compiled scorer (scoring/compile.ts) compares numbers, not strings, on every call. */
const OPERATORS: readonly Condition['op'][] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];

/** The operator's number; -1 for one the schema does not know. */
export function operatorCode(op: Condition['op']): number {
  return OPERATORS.indexOf(op);
}

/** `left op right` for an operator's number; undefined (neither true nor false) for an operator the schema does not know. */
export function compareByCode(code: number, left: number, right: number): boolean | undefined {
  switch (code) {
    case 0:
      return left === right;
    case 1:
      return left !== right;
    case 2:
      return left > right;
    case 3:
      return left >= right;
    case 4:
      return left < right;
    case 5:
      return left <= right;
  }
  return undefined;
}

export function compare(op: Condition['op'], left: number, right: number): boolean {
  return compareByCode(operatorCode(op), left, right) as boolean;
}

/** Items that the default (original) variant scores; alternatives replace them in the alternative variant. */
export function isAlternative(item: Item): boolean {
  return item.alternativeTo !== undefined;
}
