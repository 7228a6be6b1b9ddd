/**
 * What the chart-data functions take in. Structural types rather than the storage records, so
 * this folder stays pure (no Dexie): an AdministrationRecord fits `ChartAdministration` as it is,
 * and a Catalog fits `DefinitionSource`.
 */
import type { InstrumentDefinition } from '../instrument/schema';
import type { InformantKind, ScoreReport } from '../scoring/types';
import type { Answers } from '../instrument/answers';
import type { CombinedProfile } from '../scoring/combine';

export interface ChartAdministration {
  id: string;
  instrumentId: string;
  instrumentVersion: string;
  informant: InformantKind;
  status: 'draft' | 'complete';
  answers: Answers;
  startedAt: string;
  updatedAt: string;
  completedAt?: string;
  completedWithMissing?: boolean;
}

export interface DefinitionSource {
  /** "id@version" finds exactly that version (Catalog.find). */
  find(reference: string): InstrumentDefinition | undefined;
}

/** A completed administration scored with the exact definition it was given with. */
export interface ScoredAdministration {
  administration: ChartAdministration;
  definition: InstrumentDefinition;
  report: ScoreReport;
  /** ISO timestamp the charts place it at: completedAt (updatedAt for an old record without one). */
  date: string;
}

/** A series key: one informant, or the combined profile of a time point. */
export type SeriesKey = InformantKind | 'combined';

export interface ScaleRange {
  min: number;
  max: number;
}

/** The case's driving profile (drivingProfile, driving.ts), here so that the words about it (primary-status.ts) need not import its maker. */
export interface DrivingForm {
  administrationId: string;
  informant: InformantKind;
  /** "id@version" */
  instrument: string;
  definition: InstrumentDefinition;
  date: string;
}

export interface DrivingProfile {
  /** Stable while the forms exist: the family and the id of the time point's earliest form. */
  key: string;
  family: string;
  /** The newest form's definition: its profile ranks, its interpretations suggest. */
  definition: InstrumentDefinition;
  start: string;
  end: string;
  /** The forms it rests on: the latest of each informant, pupil first. */
  forms: DrivingForm[];
  combined: CombinedProfile;
}

export interface DrivingChoice {
  /** Every candidate, newest first. */
  options: DrivingProfile[];
  /** The profile that drives the case; null without any function-style form. */
  driving: DrivingProfile | null;
  /** True when the clinician's choice is driving (false: the default). */
  chosen: boolean;
  /** A choice was stored but no longer matches a candidate: the default is used. */
  choiceGone: boolean;
}
