/** Types of the scoring engine's input and output. Pure. */
import type { NoPrimaryReason, ProvisionalReason } from './ranking';

export type { NoPrimaryReason, ProvisionalReason };

/** Who answered. Mothers, fathers and other caregivers are all "parent" informants when profiles combine. */
export const INFORMANT_KINDS = ['child', 'mother', 'father', 'parent', 'other-caregiver', 'teacher', 'practitioner'] as const;
export type InformantKind = (typeof INFORMANT_KINDS)[number];

export type Variant = 'original' | 'alternative';

export interface ScoreOptions {
  /** "alternative": alternative items (e.g. reworded items of a national adaptation) replace their originals. */
  variant?: Variant;
  /** Overrides the instrument's problematic-absence threshold (a setting: presets per country). */
  absenceThresholdPercent?: number;
  /** The threshold is for problematic absence only (the Kearney 2008 preset); all absence is shown, not compared. */
  absenceThresholdProblematicOnly?: boolean;
}

export const ANSWER_PROBLEM_CODES = ['answer.unknownItem', 'answer.unknownRating', 'answer.shape', 'answer.notNumber', 'answer.outOfRange', 'answer.absenceExceedsPeriod'] as const;
export type AnswerProblemCode = (typeof ANSWER_PROBLEM_CODES)[number];

/** An answer that does not fit the definition, naming the item (and rating). */
export interface AnswerProblem {
  code: AnswerProblemCode;
  item: string;
  rating?: string;
  params: Record<string, string | number>;
}

export interface ScaleScore {
  id: string;
  /** The rating scored, for multi-rating items (e.g. "intensity" or "impact"). */
  rating?: string;
  group?: string;
  method: 'mean' | 'sum';
  /** Null when fewer than `minAnswered` items have a value. Never NaN. */
  score: number | null;
  /** Items with a value (answered, or skipped by a condition that gives a value). */
  answered: number;
  /** Items that apply (a skipped item without a skipped value does not). */
  items: number;
  minAnswered: number;
  /** True when a score was given although some applicable items had no value. */
  prorated: boolean;
  /** Ids of applicable items without a value. */
  missing: string[];
  /** Items actually scored, after alternative items replaced their originals. */
  itemsUsed: string[];
  /** The lowest and highest score the scale can give. */
  range: { min: number; max: number };
}

export interface Ranking {
  rating?: string;
  tieMargin: number;
  /** No primary when the highest score is below this (the profile's floor, default 1). */
  floor: number;
  /** Scored scales, highest first (ties keep the definition's order). */
  order: { id: string; score: number }[];
  /** Every scale at most `tieMargin` below the highest. Empty when no function stands out (see noPrimary). */
  primary: string[];
  /** Set when primary is empty: nothing scored, the highest below the floor, or every scored scale tied. */
  noPrimary?: NoPrimaryReason;
  /** Set when there is a primary but a scale of the profile could not be scored. */
  provisional?: ProvisionalReason[];
}

export interface CategoryResult {
  id: string;
  days: number;
  percent: number | null;
  problematic: boolean;
}

export interface ClassificationReport {
  periodDays: number | null;
  totalDays: number;
  totalPercent: number | null;
  problematicDays: number;
  problematicPercent: number | null;
  categories: CategoryResult[];
  /** Categories with the most days (ties all listed); empty when no day was missed. */
  dominant: string[];
  thresholdPercent: number;
  /** All absence is compared with the threshold as well (false: problematic absence only). */
  thresholdForTotal: boolean;
  /** All absence (every reason) at or above the threshold; null when the period is unknown or zero, or !thresholdForTotal. */
  totalFlagged: boolean | null;
  /** Problematic absence (refusal, truancy, withdrawal, exclusion) at or above the threshold; null when the period is unknown or zero. */
  problematicFlagged: boolean | null;
}

export interface ScoreReport {
  instrument: { id: string; version: string; family: string };
  variant: Variant;
  /** Every required item that applies has an answer. */
  complete: boolean;
  /** Required items (or "item.rating") that apply and have no answer. */
  missingItems: string[];
  /** Items or ratings not asked because of a condition ("item" or "item.rating"). */
  skipped: string[];
  /** Answers given to something a condition skips: kept in the record, not scored. */
  ignored: string[];
  scales: ScaleScore[];
  ranking?: Ranking;
  /** Shortcut for ranking.primary (empty without a profile). */
  primary: string[];
  /** Shortcut for ranking.noPrimary. */
  noPrimary?: NoPrimaryReason;
  /** Shortcut for ranking.provisional. */
  provisional?: ProvisionalReason[];
  classification?: ClassificationReport;
}

export type ScoreResult = { ok: true; report: ScoreReport } | { ok: false; errors: AnswerProblem[] };
