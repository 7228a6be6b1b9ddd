/**
 * What the chart-data functions take in. Structural types rather than the storage records, so
 * this folder stays pure (no Dexie): an AdministrationRecord fits `ChartAdministration` as it is,
 * and a Catalog fits `DefinitionSource`.
 */
import type { InstrumentDefinition } from '../instrument/schema';
import type { InformantKind, ScoreReport } from '../scoring/types';
import type { Answers } from '../instrument/answers';

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
