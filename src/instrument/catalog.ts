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

export interface CatalogEntryInfo {
  /** Where the definition came from: shipped with the app, or imported on this device. */
  source: 'shipped' | 'imported';
}

export class Catalog {
  private readonly definitions: InstrumentDefinition[];
  private readonly retired: ReadonlySet<string>;
  private readonly sources: ReadonlyMap<string, CatalogEntryInfo['source']>;

  /**
   * `retired` holds "id@version" references retired on this device (a setting, so the definition
   * itself stays unchanged and old administrations keep their content hash).
   */
  constructor(definitions: readonly InstrumentDefinition[], options: { retired?: ReadonlySet<string>; imported?: ReadonlySet<string> } = {}) {
    this.definitions = [...definitions].sort((a, b) => a.id.localeCompare(b.id) || compareVersions(b.version, a.version));
    this.retired = options.retired ?? new Set();
    const imported = options.imported ?? new Set<string>();
    this.sources = new Map(this.definitions.map((d) => [referenceOf(d), imported.has(referenceOf(d)) ? 'imported' : 'shipped']));
  }

  /** Retired by its own status or on this device: it scores old administrations but starts no new one. */
  isRetired(definition: Pick<InstrumentDefinition, 'id' | 'version' | 'status'>): boolean {
    return definition.status === 'retired' || this.retired.has(referenceOf(definition));
  }

  sourceOf(definition: Pick<InstrumentDefinition, 'id' | 'version'>): CatalogEntryInfo['source'] {
    return this.sources.get(referenceOf(definition)) ?? 'shipped';
  }

  /** Newest usable version of each instrument, for starting a new administration. */
  startable(): InstrumentDefinition[] {
    return [...this.byId().values()].map((versions) => versions.find((d) => !this.isRetired(d) && d.status !== 'draft')).filter((d): d is InstrumentDefinition => d !== undefined);
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
    return this.definitions.find((d) => d.id === reference && !this.isRetired(d));
  }

  /** The newest non-retired version of the instrument, if it is newer than the given one. */
  newerThan(definition: Pick<InstrumentDefinition, 'id' | 'version'>): InstrumentDefinition | undefined {
    const newest = this.find(definition.id);
    return newest && compareVersions(newest.version, definition.version) > 0 ? newest : undefined;
  }
}
