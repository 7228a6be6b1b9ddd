/**
 * The instrument catalog the screens read: the shipped definitions (loaded lazily from
 * `instruments/`, precached with the app) plus packs imported on this device, with the versions
 * retired on this device. Shipped definitions are validated at build and test time (the CLI's
 * `instrument:check` and src/ui/startup.test.tsx) and load without zod; an imported pack is
 * validated with the same schema as the CLI once, on import or restore, and trusted from IndexedDB.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Catalog } from '../../instrument/catalog';
import type { InstrumentDefinition } from '../../instrument/schema';
import { useImportedPacks, useInstrumentStatuses } from '../app/reads';

const shippedModules = import.meta.glob<unknown>('../../../instruments/*/*.json', { import: 'default' });

/**
 * The shipped definitions as they are in the build: checked strictly when the build is tested
 * (validating a shipped file gives the file back unchanged, a test says), so the browser does not
 * load zod to check them again on every start.
 */
export async function loadShippedDefinitions(): Promise<InstrumentDefinition[]> {
  return Promise.all(Object.values(shippedModules).map(async (load) => (await load()) as InstrumentDefinition));
}

export type CatalogState = { status: 'loading' } | { status: 'ready'; catalog: Catalog } | { status: 'failed'; detail: string };

const CatalogContext = createContext<CatalogState>({ status: 'loading' });

export function CatalogProvider({ children, loadShipped = loadShippedDefinitions }: { children: ReactNode; loadShipped?: () => Promise<InstrumentDefinition[]> }) {
  const [shipped, setShipped] = useState<{ definitions: InstrumentDefinition[] } | { error: string } | undefined>();
  useEffect(() => {
    let live = true;
    loadShipped().then(
      (definitions) => live && setShipped({ definitions }),
      (error: unknown) => live && setShipped({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [loadShipped]);
  const packs = useImportedPacks();
  const statuses = useInstrumentStatuses();

  const state = useMemo<CatalogState>(() => {
    if (shipped && 'error' in shipped) return { status: 'failed', detail: shipped.error };
    if (!shipped || !packs || !statuses) return { status: 'loading' };
    // A pack is validated once, when it enters the device (import, or restore with the same
    // schema): from IndexedDB it is trusted, so neither start-up nor an import waits for zod.
    const catalog = new Catalog([...shipped.definitions, ...packs.map((pack) => pack.definition)], {
      retired: new Set(statuses.filter((s) => s.retired).map((s) => s.ref)),
      imported: new Set(packs.map((p) => p.ref)),
    });
    return { status: 'ready', catalog };
  }, [shipped, packs, statuses]);

  return <CatalogContext.Provider value={state}>{children}</CatalogContext.Provider>;
}

export function useCatalogState(): CatalogState {
  return useContext(CatalogContext);
}
