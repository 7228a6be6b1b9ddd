/** The shipped instruments, loaded from disk and validated strictly, for tests. */
import { Catalog } from '../../src/instrument/catalog';
import type { InstrumentDefinition } from '../../src/instrument/schema';
import { loadShippedDefinitions } from '../../src/cli/io';

export const shippedCatalog = new Catalog(loadShippedDefinitions());

export function shipped(reference: string): InstrumentDefinition {
  const definition = shippedCatalog.find(reference);
  if (!definition) throw new Error(`no shipped instrument ${reference}`);
  return definition;
}
