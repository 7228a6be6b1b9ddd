/**
 * An administration with the exact definition it was given with (id@version, checked against the
 * stored content hash), and the newer version if one is installed. Live: re-renders on change.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { contentHash } from '../../instrument/hash';
import type { InstrumentDefinition } from '../../instrument/schema';
import type { AdministrationRecord } from '../../storage/records';
import { useDatabase } from '../app/database-context';
import { useCatalogState } from '../instruments/catalog-context';

export type LoadedAdministration =
  | { status: 'loading' }
  | { status: 'missing' }
  /** The definition version it was given with is not installed on this device. */
  | { status: 'no-definition'; record: AdministrationRecord }
  | {
      status: 'ready';
      record: AdministrationRecord;
      definition: InstrumentDefinition;
      /** A newer version of the instrument is installed (a draft is still finished on its own version). */
      newer?: InstrumentDefinition;
      /** False when the installed id@version differs in content from what the answers were given with. */
      hashMatches: boolean | undefined;
    };

export function useAdministration(id: string): LoadedAdministration {
  const db = useDatabase();
  const catalogState = useCatalogState();
  const record = useLiveQuery(async () => (await db.administrations.get(id)) ?? null, [db, id]);
  const definition = catalogState.status === 'ready' && record ? catalogState.catalog.find(`${record.instrumentId}@${record.instrumentVersion}`) : undefined;
  const [hashMatches, setHashMatches] = useState<boolean | undefined>();
  useEffect(() => {
    let live = true;
    if (definition && record) void contentHash(definition).then((hash) => live && setHashMatches(hash === record.definitionHash));
    return () => {
      live = false;
    };
  }, [definition, record?.definitionHash]); // eslint-disable-line react-hooks/exhaustive-deps

  if (record === undefined || catalogState.status !== 'ready') return { status: 'loading' };
  if (record === null) return { status: 'missing' };
  if (!definition) return { status: 'no-definition', record };
  const newer = catalogState.catalog.newerThan(definition);
  return { status: 'ready', record, definition, ...(newer ? { newer } : {}), hashMatches };
}
