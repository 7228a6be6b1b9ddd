/**
 * The instrument catalog the screens read: the shipped definitions (loaded lazily from
 * `instruments/`, precached with the app) plus packs imported on this device, with the versions
 * retired on this device. Everything is validated with the same schema as the CLI.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Catalog } from '../../instrument/catalog';
import type { InstrumentDefinition } from '../../instrument/schema';
import type { validateDefinition } from '../../instrument/validate';
import { useDatabase } from '../app/database-context';

const shippedModules = import.meta.glob<unknown>('../../../instruments/*/*.json', { import: 'default' });
// Validation (zod) loads with the instruments, after the first screen is up.
const validation = () => import('../../instrument/validate');

export async function loadShippedDefinitions(): Promise<InstrumentDefinition[]> {
  const { formatPath, validateDefinition } = await validation();
  return Promise.all(
    Object.entries(shippedModules).map(async ([path, load]) => {
      const result = validateDefinition(await load(), { requireAllLanguages: true });
      // Shipped files are checked by the tests; a failure here means a broken build, not user data.
      if (!result.ok) throw new Error(`${path}: ${result.problems.map((p) => `${formatPath(p.path)} ${p.code}`).join('; ')}`);
      return result.definition;
    }),
  );
}

export type CatalogState = { status: 'loading' } | { status: 'ready'; catalog: Catalog } | { status: 'failed'; detail: string };

const CatalogContext = createContext<CatalogState>({ status: 'loading' });

export function CatalogProvider({ children, loadShipped = loadShippedDefinitions }: { children: ReactNode; loadShipped?: () => Promise<InstrumentDefinition[]> }) {
  const db = useDatabase();
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
  const [validate, setValidate] = useState<typeof validateDefinition>();
  useEffect(() => {
    let live = true;
    void validation().then((module) => live && setValidate(() => module.validateDefinition));
    return () => {
      live = false;
    };
  }, []);
  const packs = useLiveQuery(() => db.instrumentPacks.toArray(), [db]);
  const statuses = useLiveQuery(() => db.instrumentStatus.toArray(), [db]);

  const state = useMemo<CatalogState>(() => {
    if (shipped && 'error' in shipped) return { status: 'failed', detail: shipped.error };
    if (!shipped || !packs || !statuses || !validate) return { status: 'loading' };
    // An imported pack was validated when it was imported; check again in case the format moved on.
    const imported = packs.flatMap((pack) => {
      const result = validate(pack.definition, { requireAllLanguages: false });
      return result.ok ? [result.definition] : [];
    });
    const catalog = new Catalog([...shipped.definitions, ...imported], {
      retired: new Set(statuses.filter((s) => s.retired).map((s) => s.ref)),
      imported: new Set(packs.map((p) => p.ref)),
    });
    return { status: 'ready', catalog };
  }, [shipped, packs, statuses, validate]);

  return <CatalogContext.Provider value={state}>{children}</CatalogContext.Provider>;
}

export function useCatalogState(): CatalogState {
  return useContext(CatalogContext);
}
