/** What Polku stores on the device (IndexedDB). Scores are never stored: they are derived. */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import type { Answers, InformantKind } from '../scoring/types';

export const GENDERS = ['girl', 'boy', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export interface CaseRecord {
  id: string;
  /** Pseudonymous code, generated and editable, unique on this device. */
  code: string;
  /** Kept on this device only; never exported. */
  displayName?: string;
  birthYear: number;
  birthMonth?: number;
  gender?: Gender;
  school?: string;
  className?: string;
  notes?: string;
  /** Loaded from the example ("load an example case"): fictional. */
  example?: boolean;
  createdAt: string;
  updatedAt: string;
  /** Last change to the case or any of its administrations, for sorting and filtering. */
  lastActivityAt: string;
}

export const ADMINISTRATION_MODES = ['self-report', 'interview', 'paper'] as const;
export type AdministrationMode = (typeof ADMINISTRATION_MODES)[number];

export const ADMINISTRATION_INFORMANTS = ['child', 'mother', 'father', 'other-caregiver', 'teacher', 'practitioner'] as const satisfies readonly InformantKind[];
export type AdministrationInformant = (typeof ADMINISTRATION_INFORMANTS)[number];

export interface AdministrationRecord {
  id: string;
  caseId: string;
  instrumentId: string;
  instrumentVersion: string;
  /** Content hash of the exact definition it was given with (src/instrument/hash.ts). */
  definitionHash: string;
  informant: AdministrationInformant;
  /** The language it was answered in: independent of the interface language. */
  language: Language;
  mode: AdministrationMode;
  status: 'draft' | 'complete';
  answers: Answers;
  /** Index of the screen to resume at (one item per screen). */
  position: number;
  /** Completed on purpose with required answers missing; reports say so. */
  completedWithMissing?: boolean;
  administeredBy?: string;
  startedAt: string;
  updatedAt: string;
  completedAt?: string;
}

export interface InstrumentPackRecord {
  /** "id@version" */
  ref: string;
  id: string;
  version: string;
  definition: InstrumentDefinition;
  hash: string;
  fileName?: string;
  importedAt: string;
}

export interface InstrumentStatusRecord {
  ref: string;
  retired: boolean;
  changedAt: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}
