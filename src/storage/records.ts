/** What Polku stores on the device (IndexedDB). Scores are never stored: they are derived. */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import type { InformantKind } from '../scoring/types';
import type { Answers } from '../instrument/answers';

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
  /**
   * The profile the clinician chose to drive the case (a key of src/charts/driving.ts); absent:
   * the most recent time point's combined profile.
   */
  profileChoice?: string;
  createdAt: string;
  updatedAt: string;
  /** Last change to the case or any of its administrations, for sorting and filtering. */
  lastActivityAt: string;
  /** Revision for optimistic concurrency (src/storage/revision.ts); absent means 0. */
  rev?: number;
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
  /** Revision for optimistic concurrency (src/storage/revision.ts); absent means 0. */
  rev?: number;
}

// ---------------------------------------------------------------------------------------------
// Database version 3: gradual-return plans, the attendance log, research-export projects.

/** A day on the school's calendar, "YYYY-MM-DD": a school day is a local day, with no time zone. */
export type LocalDate = string;

/** Who carries out or answers for a step (domain.md: pupil, parent, teacher, psychologist). */
export const STEP_RESPONSIBLE = ['pupil', 'parent', 'teacher', 'psychologist', 'other'] as const;
export type StepResponsible = (typeof STEP_RESPONSIBLE)[number];

export const STEP_STATUSES = ['planned', 'in-progress', 'achieved', 'revised'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface PlanStep {
  id: string;
  /** What the pupil does, e.g. "attends the first two lessons with the resource teacher". */
  action: string;
  startDate: LocalDate;
  reviewDate: LocalDate;
  successCriterion: string;
  /** Supports and adaptations at school and at home. */
  supports: string;
  responsible: StepResponsible[];
  /** Names or a description, e.g. who "other" is. */
  responsibleNote?: string;
  status: StepStatus;
  /** The step this one replaces (that step has status 'revised' and stays in the plan's history). */
  revisionOf?: string;
  /** The plan suggestion this step started from ("scale:index" of the definition's suggestions; older steps hold the scale only). */
  suggestedFor?: string;
}

export interface PlanContact {
  id: string;
  name: string;
  role: string;
  /** Phone, e-mail: free text. */
  reach?: string;
}

export interface PlanReview {
  id: string;
  date: LocalDate;
  notes: string;
}

/** A saved state of the plan before a change, so revisions keep their history. */
export interface PlanRevision {
  savedAt: string;
  goal: string;
  returnDate?: LocalDate;
  steps: PlanStep[];
}

export interface PlanRecord {
  id: string;
  caseId: string;
  title: string;
  goal: string;
  /** The agreed return date (Back2School: the first day back). */
  returnDate?: LocalDate;
  /** In order: the order is the plan's sequence of steps. */
  steps: PlanStep[];
  contacts: PlanContact[];
  reviews: PlanReview[];
  /** Earlier states, oldest first. */
  revisions: PlanRevision[];
  createdAt: string;
  updatedAt: string;
  /** Revision for optimistic concurrency (src/storage/revision.ts); absent means 0. */
  rev?: number;
}

export const ATTENDANCE_UNITS = ['lessons', 'hours'] as const;
export type AttendanceUnit = (typeof ATTENDANCE_UNITS)[number];

/** Distress 0–10 at three points of the day (domain.md). */
export interface DistressRatings {
  morning?: number;
  school?: number;
  evening?: number;
}

/** One school day of one case; unique per case and date. */
export interface AttendanceRecord {
  id: string;
  caseId: string;
  date: LocalDate;
  unit: AttendanceUnit;
  scheduled: number;
  attended: number;
  distress?: DistressRatings;
  note?: string;
  updatedAt: string;
  /** Revision for optimistic concurrency (src/storage/revision.ts); absent means 0. */
  rev?: number;
}

/** A research project: study IDs are stable within it and unlinkable across projects. */
export interface ExportProjectRecord {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Revision for optimistic concurrency (src/storage/revision.ts); absent means 0. */
  rev?: number;
}

/** The study ID a case has in one project; exists only on this device (and in its encrypted backups). */
export interface StudyIdRecord {
  /** `${projectId}:${caseId}` */
  id: string;
  projectId: string;
  caseId: string;
  studyId: string;
  assignedAt: string;
}
