/** Building blocks for the chart-data tests: administrations with known scale means. */
import { Catalog } from '../instrument/catalog';
import { answersByScale } from '../storage/example-case';
import type { InformantKind } from '../scoring/types';
import type { Answers } from '../instrument/answers';
import { shipped, shippedCatalog } from '../../tests/support/shipped';
import type { ChartAdministration } from './types';

const DAY = 24 * 60 * 60 * 1000;
export const T0 = Date.parse('2026-01-05T09:00:00.000Z');
export const day = (n: number) => new Date(T0 + n * DAY).toISOString();

let counter = 0;

export function administration(
  reference: string,
  informant: InformantKind,
  answers: Answers | Record<string, number[]>,
  dayNumber: number,
  extra: Partial<ChartAdministration> = {},
): ChartAdministration {
  const [instrumentId, instrumentVersion] = reference.split('@') as [string, string];
  counter += 1;
  const byScale = Object.values(answers).some((v) => Array.isArray(v));
  // Lists per scale are spread over the shipped form's items (a test's newer version keeps them).
  const definition = byScale ? shipped(instrumentId) : undefined;
  return {
    id: `a${counter}`,
    instrumentId,
    instrumentVersion,
    informant,
    status: 'complete',
    answers: definition ? answersByScale(definition, answers as Record<string, number[]>) : (answers as Answers),
    startedAt: day(dayNumber),
    updatedAt: day(dayNumber),
    completedAt: day(dayNumber),
    ...extra,
  };
}

/** function-child 1.1.0: the shipped 1.0.0 under a new version, for version changes over time. */
export function catalogWithNewVersion(): Catalog {
  const next = { ...shipped('function-child@1.0.0'), version: '1.1.0' };
  return new Catalog([...shippedCatalog.all(), next]);
}

export { shipped, shippedCatalog };
