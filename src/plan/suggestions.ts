/**
 * Starting points for a plan: the case's primary function(s) from its latest completed
 * function-style or SRAS-R-key forms, combined across informants (src/scoring/combine.ts), and
 * the kinds of steps the instrument's interpretation texts suggest for them. The clinician
 * accepts, edits or ignores each; nothing here decides for them.
 */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import { localize } from '../instrument/text';
import { combineProfiles, type CombinedProfile } from '../scoring/combine';
import { score } from '../scoring/score';
import { INFORMANT_KINDS, type Answers, type InformantKind } from '../scoring/types';

/** Families whose profile is the four functions (avoidance, escape, attention, tangible). */
export const FUNCTION_FAMILIES = ['function', 'srasr'] as const;

export interface CompletedAdministration {
  informant: InformantKind;
  completedAt: string;
  definition: InstrumentDefinition;
  answers: Answers;
}

export interface CasePrimaryFunctions {
  family: string;
  /** The definition of the latest form: its profile ranks, its interpretations suggest. */
  definition: InstrumentDefinition;
  combined: CombinedProfile;
  primary: string[];
  /** When the latest form used was completed. */
  latestAt: string;
}

/**
 * Takes the family of the most recently completed function-style form, then the latest form of
 * each informant in that family, and combines them. Null without any such form, or when none
 * can be scored.
 */
export function casePrimaryFunctions(administrations: readonly CompletedAdministration[]): CasePrimaryFunctions | null {
  const candidates = administrations.filter((a) => (FUNCTION_FAMILIES as readonly string[]).includes(a.definition.family) && a.definition.profile);
  if (candidates.length === 0) return null;
  const newestFirst = [...candidates].sort((a, b) => (a.completedAt < b.completedAt ? 1 : a.completedAt > b.completedAt ? -1 : 0));
  const latest = newestFirst[0]!;
  const family = latest.definition.family;
  const perInformant = new Map<InformantKind, CompletedAdministration>();
  for (const a of newestFirst) if (a.definition.family === family && !perInformant.has(a.informant)) perInformant.set(a.informant, a);
  // Child first, then the parents: the order reports and charts list informants in.
  const ordered = [...perInformant.values()].sort((a, b) => INFORMANT_KINDS.indexOf(a.informant) - INFORMANT_KINDS.indexOf(b.informant));
  const reports = ordered.flatMap((a) => {
    const result = score(a.definition, a.answers);
    return result.ok ? [{ informant: a.informant, report: result.report }] : [];
  });
  if (reports.length === 0) return null;
  const combined = combineProfiles(family, latest.definition.profile!, reports);
  if (combined.primary.length === 0) return null;
  return { family, definition: latest.definition, combined, primary: combined.primary, latestAt: latest.completedAt };
}

export interface PlanSuggestion {
  /** Stable within a definition: "scale:index". */
  key: string;
  scale: string;
  text: string;
  /** The language was missing; the English text is shown (the UI marks it). */
  fallback: boolean;
}

/** The suggested kinds of steps for the given scales, in the order of `scales`, localized. */
export function planSuggestions(definition: InstrumentDefinition, scales: readonly string[], language: Language): PlanSuggestion[] {
  return scales.flatMap((scale) =>
    (definition.interpretations ?? [])
      .filter((i) => i.scale === scale)
      .flatMap((i) => i.suggestions ?? [])
      .map((text, index) => ({ key: `${scale}:${index}`, scale, ...localize(text, language) })),
  );
}
