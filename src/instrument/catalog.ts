/**
 * A set of instrument definitions (shipped and imported) and how a reference such as
 * "srasr-key-child@1.0.0" or "srasr-key-child" finds one. Pure.
 */
import type { InstrumentDefinition } from './schema';

export function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number[], string] => {
    const [core = '', pre = ''] = v.split('-', 2);
    return [core.split('.').map(Number), pre];
  };
  const [coreA, preA] = parse(a);
  const [coreB, preB] = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const diff = (coreA[i] ?? 0) - (coreB[i] ?? 0);
    if (diff !== 0) return diff;
  }
  // A pre-release (1.0.0-rc.1) comes before its release (1.0.0).
  if (preA === preB) return 0;
  if (preA === '') return 1;
  if (preB === '') return -1;
  return preA < preB ? -1 : 1;
}

export function referenceOf(definition: Pick<InstrumentDefinition, 'id' | 'version'>): string {
  return `${definition.id}@${definition.version}`;
}

export class Catalog {
  private readonly definitions: InstrumentDefinition[];

  constructor(definitions: readonly InstrumentDefinition[]) {
    this.definitions = [...definitions].sort((a, b) => a.id.localeCompare(b.id) || compareVersions(b.version, a.version));
  }

  all(): readonly InstrumentDefinition[] {
    return this.definitions;
  }

  /** Every version of each instrument, newest first, grouped by id in id order. */
  byId(): Map<string, InstrumentDefinition[]> {
    const groups = new Map<string, InstrumentDefinition[]>();
    for (const d of this.definitions) groups.set(d.id, [...(groups.get(d.id) ?? []), d]);
    return groups;
  }

  /** "id@version" finds that version; a bare id finds the newest version that is not retired. */
  find(reference: string): InstrumentDefinition | undefined {
    const at = reference.lastIndexOf('@');
    if (at > 0) {
      const id = reference.slice(0, at);
      const version = reference.slice(at + 1);
      return this.definitions.find((d) => d.id === id && d.version === version);
    }
    return this.definitions.find((d) => d.id === reference && d.status !== 'retired');
  }

  /** The newest non-retired version of the instrument, if it is newer than the given one. */
  newerThan(definition: Pick<InstrumentDefinition, 'id' | 'version'>): InstrumentDefinition | undefined {
    const newest = this.find(definition.id);
    return newest && compareVersions(newest.version, definition.version) > 0 ? newest : undefined;
  }
}
