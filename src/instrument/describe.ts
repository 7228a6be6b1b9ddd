/**
 * Plain facts about a definition for previews and reports: which items a condition looks at,
 * how many items a form has. Pure; the UI words them with its translations.
 */
import type { InstrumentDefinition } from './schema';
import { indexDefinition, ratingsOf } from './model';

export interface DefinitionSummary {
  items: number;
  /** Answer slots: an item with two ratings counts twice. */
  answers: number;
  scales: number;
  hasText: boolean;
}

export function summarize(definition: InstrumentDefinition): DefinitionSummary {
  const index = indexDefinition(definition);
  const answers = definition.items.reduce((n, item) => n + (ratingsOf(index, item)?.length ?? 1), 0);
  return { items: definition.items.length, answers, scales: definition.scales.length, hasText: !definition.transcriptionKey };
}

/** Display numbers of a scale's items, e.g. ["1", "5", "9"]. */
export function itemNumbers(definition: InstrumentDefinition, itemIds: readonly string[]): string[] {
  const index = indexDefinition(definition);
  return itemIds.map((id) => index.items.get(id)?.number ?? id);
}
