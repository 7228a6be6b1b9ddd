/**
 * The instrument catalog the screens read: every shipped definition, loaded lazily from
 * `instruments/` (precached with the app) and validated with the same schema as the CLI.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Catalog } from '../../instrument/catalog';
import { formatPath, validateDefinition } from '../../instrument/validate';

const shippedModules = import.meta.glob<unknown>('../../../instruments/*/*.json', { import: 'default' });

export async function loadShippedCatalog(): Promise<Catalog> {
  const definitions = await Promise.all(
    Object.entries(shippedModules).map(async ([path, load]) => {
      const result = validateDefinition(await load(), { requireAllLanguages: true });
      // Shipped files are checked by the tests; a failure here means a broken build, not user data.
      if (!result.ok) throw new Error(`${path}: ${result.problems.map((p) => `${formatPath(p.path)} ${p.code}`).join('; ')}`);
      return result.definition;
    }),
  );
  return new Catalog(definitions);
}

type CatalogState = { status: 'loading' } | { status: 'ready'; catalog: Catalog } | { status: 'failed'; detail: string };

const CatalogContext = createContext<CatalogState>({ status: 'loading' });

export function CatalogProvider({ children, load = loadShippedCatalog }: { children: ReactNode; load?: () => Promise<Catalog> }) {
  const [state, setState] = useState<CatalogState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (catalog) => live && setState({ status: 'ready', catalog }),
      (error: unknown) => live && setState({ status: 'failed', detail: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return <CatalogContext.Provider value={state}>{children}</CatalogContext.Provider>;
}

export function useCatalogState(): CatalogState {
  return useContext(CatalogContext);
}
