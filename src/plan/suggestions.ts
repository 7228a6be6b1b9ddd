/**
 * Starting points for a plan: the kinds of steps the instrument's interpretation texts suggest
 * for the primary function(s) of the profile that drives the case (src/charts/driving.ts). The
 * clinician accepts, edits or ignores each; nothing here decides for them.
 */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import { localize } from '../instrument/text';

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
