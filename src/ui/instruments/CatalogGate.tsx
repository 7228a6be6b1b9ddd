import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import type { CatalogState } from './catalog-context';
import { Loading } from '../app/Loading';

/** Renders its children once the catalog is loaded; a loading line or the error otherwise. */
export function CatalogGate({ state, children }: { state: CatalogState; children: (catalog: Catalog) => ReactNode }) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <p role="alert" className="error">{t('app.loadFailed', { detail: state.detail })}</p>;
  return <>{children(state.catalog)}</>;
}
