/**
 * The one way charts get scores: every completed administration scored with the exact definition
 * it was given with (id@version), in date order. Drafts, administrations whose definition is not on
 * this device, and stored answers that no longer score are left out (the case page's timeline
 * already says why for each of them).
 */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import { localize } from '../instrument/text';
import { score } from '../scoring/score';
import type { ScoreOptions } from '../scoring/types';
import type { ChartAdministration, DefinitionSource, ScaleRange, ScoredAdministration } from './types';

export function administrationDate(administration: ChartAdministration): string {
  return administration.completedAt ?? administration.updatedAt;
}

export function scoreAdministrations(
  administrations: readonly ChartAdministration[],
  catalog: DefinitionSource,
  options: Pick<ScoreOptions, 'absenceThresholdPercent' | 'absenceThresholdProblematicOnly'> = {},
): ScoredAdministration[] {
  const scored: ScoredAdministration[] = [];
  for (const administration of administrations) {
    if (administration.status !== 'complete') continue;
    const definition = catalog.find(`${administration.instrumentId}@${administration.instrumentVersion}`);
    if (!definition) continue;
    const result = score(definition, administration.answers, options);
    if (!result.ok) continue;
    scored.push({ administration, definition, report: result.report, date: administrationDate(administration) });
  }
  // Oldest first; the same instant keeps the input order (Array.prototype.sort is stable).
  return scored.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
}

/** A "function-style" profile: ranked scales with a single rating each (function forms, SRAS-R keys). */
export function hasFunctionProfile(definition: InstrumentDefinition): boolean {
  return definition.profile !== undefined && definition.profile.rating === undefined;
}

/** Forms with multi-rating scales and groups of them (quality/function forms). */
export function hasRatingSets(definition: InstrumentDefinition): boolean {
  return (definition.ratingSets?.length ?? 0) > 0 && definition.scales.length > 0;
}

export function scaleLabel(definition: InstrumentDefinition, scaleId: string, language: Language): string {
  const scale = definition.scales.find((s) => s.id === scaleId);
  return scale ? localize(scale.label, language).text : scaleId;
}

export function reference(definition: Pick<InstrumentDefinition, 'id' | 'version'>): string {
  return `${definition.id}@${definition.version}`;
}

/** The range a scale's scores can take, from the report (the same for every scale of a function profile). */
export function rangeOf(scored: ScoredAdministration, scaleIds: readonly string[], rating?: string): ScaleRange {
  const scale = scored.report.scales.find((s) => scaleIds.includes(s.id) && s.rating === rating);
  return scale ? { ...scale.range } : { min: 0, max: 0 };
}
