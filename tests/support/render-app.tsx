/**
 * Renders the app's routes at a path, as a user would see them: real translations, the real
 * shipped instruments, and a fresh fake-indexeddb database per test.
 */
import type { ReactNode } from 'react';
import { act, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import { AppRoutes } from '../../src/ui/App';
import { LockGate } from '../../src/ui/app/Lock';
import { setupI18n } from '../../src/ui/i18n';
import { DatabaseProvider } from '../../src/ui/app/database-context';
import { CatalogProvider } from '../../src/ui/instruments/catalog-context';
import type { InstrumentDefinition, Language } from '../../src/instrument/schema';
import type { PolkuDatabase } from '../../src/storage/db';
import { shippedCatalog } from './shipped';
import { testDatabase } from './db';

const loadShippedFromDisk = () => Promise.resolve([...shippedCatalog.all()]);

type RenderOptions = {
  language?: Language;
  db?: PolkuDatabase;
  initialNamespaces?: readonly string[];
  loadShipped?: () => Promise<InstrumentDefinition[]>;
};

/**
 * The app's providers (translations, database, shipped catalog, router at `path`) around `ui`.
 * By default every translation namespace is loaded up front and the shipped catalog comes from disk.
 */
export async function renderWithProviders(
  ui: ReactNode,
  path: string,
  { language = 'en', db = testDatabase(), initialNamespaces, loadShipped = loadShippedFromDisk }: RenderOptions = {},
) {
  const i18n = await setupI18n(language, initialNamespaces ? { initial: initialNamespaces } : {});
  let view!: ReturnType<typeof render>;
  await act(async () => {
    view = render(
      <I18nextProvider i18n={i18n}>
        <DatabaseProvider db={db}>
          <CatalogProvider loadShipped={loadShipped}>
            <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
          </CatalogProvider>
        </DatabaseProvider>
      </I18nextProvider>,
    );
  });
  return { i18n, db, view };
}

export function renderApp(path: string, options: RenderOptions = {}) {
  return renderWithProviders(
    <LockGate>
      <AppRoutes />
    </LockGate>,
    path,
    options,
  );
}
