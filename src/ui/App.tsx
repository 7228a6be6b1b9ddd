import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { Layout } from './app/Layout';
import { DatabaseProvider } from './app/database-context';
import { NotFound } from './app/NotFound';
import { CatalogProvider } from './instruments/catalog-context';
import { LibraryPage } from './instruments/LibraryPage';
import { PreviewPage } from './instruments/PreviewPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/instruments" replace />} />
        <Route path="instruments" element={<LibraryPage />} />
        <Route path="instruments/:id/:version" element={<PreviewPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App({ i18n }: { i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <DatabaseProvider>
        <CatalogProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </CatalogProvider>
      </DatabaseProvider>
    </I18nextProvider>
  );
}
