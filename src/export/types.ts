/**
 * What a research export is built from and how. Pure: the builder only ever sees what may leave
 * the device (a study ID, birth year and month for computing ages, gender, and the answers); the
 * storage layer maps records to this shape, so names, codes, schools, notes, practitioners and
 * database ids cannot reach a file even by mistake.
 */
import type { InstrumentDefinition } from '../instrument/schema';
import type { Answers } from '../instrument/answers';

export interface ExportAdministration {
  instrumentId: string;
  instrumentVersion: string;
  /** child, mother, father, other-caregiver, teacher, practitioner */
  informant: string;
  /** The language it was answered in. */
  language: string;
  mode: string;
  completedWithMissing?: boolean;
  answers: Answers;
  /** When it was completed (ISO timestamp). Used for ages and intervals; never written out. */
  at: string;
}

export interface ExportCase {
  studyId: string;
  /** Used for ages and the nominal school year; never written out. */
  birthYear: number;
  birthMonth?: number;
  gender?: string;
  /** The fictional example case: left out unless asked for. */
  example?: boolean;
  /** Every completed administration of the case (the filter is applied by the builder). */
  administrations: ExportAdministration[];
}

export interface ExportInput {
  cases: ExportCase[];
  /** Every definition the administrations may refer to (id@version). */
  definitions: readonly InstrumentDefinition[];
}

export interface ExportFilter {
  /** Local dates "YYYY-MM-DD", inclusive. */
  from?: string;
  to?: string;
  /** Instrument ids; empty or missing: every instrument. */
  instruments?: string[];
  /** Informants; empty or missing: every informant. */
  informants?: string[];
  includeExample?: boolean;
}

export const FORMATS = ['wide', 'long', 'codebook', 'json', 'fhir'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportOptions {
  filter: ExportFilter;
  /** Age at administration in whole years, in 3-year bands, or left out. */
  age: 'years' | 'bands' | 'none';
  gender: boolean;
  /** The nominal school year (grade), derived from the birth year and the date. */
  schoolYear: boolean;
  /** As recorded (mother, father …) or only the role (parent). */
  informant: 'detailed' | 'role';
  /** Days since the case's first questionnaire, or the calendar year and month. */
  dates: 'interval' | 'year-month';
  formats: ExportFormat[];
  separator: ',' | ';';
  bom: boolean;
  /** Smallest group of cases the small-cell check accepts. */
  k: number;
  /** The absence checklist's problematic-absence threshold (the device's setting). */
  absenceThresholdPercent?: number;
  /** The threshold is for problematic absence only (the Kearney 2008 preset). */
  absenceThresholdProblematicOnly?: boolean;
}

export const DEFAULT_OPTIONS: ExportOptions = {
  filter: {},
  age: 'years',
  gender: true,
  schoolYear: false,
  informant: 'detailed',
  dates: 'interval',
  formats: ['wide', 'long', 'codebook', 'json'],
  separator: ',',
  bom: false,
  k: 5,
};

export type Cell = string | number | null;

export interface ExportFile {
  /** Path inside the zip, e.g. "wide/function-child.csv". */
  path: string;
  content: string;
}
