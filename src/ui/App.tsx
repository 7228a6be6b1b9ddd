import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { Layout } from './app/Layout';
import { LockGate } from './app/Lock';
import { DatabaseProvider } from './app/database-context';
import { NotFound } from './app/NotFound';
import { AdministerPage } from './administer/AdministerPage';
import { HandoverGuard, HandoverPage } from './administer/Handover';
import { CasePage } from './cases/CasePage';
import { CasesPage } from './cases/CasesPage';
import { CatalogProvider } from './instruments/catalog-context';
import { LibraryPage } from './instruments/LibraryPage';
import { PreviewPage } from './instruments/PreviewPage';
import { SettingsPage } from './settings/SettingsPage';

export function AppRoutes() {
  return (
    <Routes>
      {/* Hand-over: the pupil or parent sees only the questionnaire, outside the practitioner's layout. */}
      <Route path="handover/:administrationId" element={<HandoverPage />} />
      <Route
        element={
          <HandoverGuard>
            <Layout />
          </HandoverGuard>
        }
      >
        <Route index element={<CasesPage />} />
        <Route path="cases/:caseId" element={<CasePage />} />
        <Route path="administrations/:administrationId" element={<AdministerPage />} />
        <Route path="instruments" element={<LibraryPage />} />
        <Route path="instruments/:id/:version" element={<PreviewPage />} />
        <Route path="settings" element={<SettingsPage />} />
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
            <LockGate>
              <AppRoutes />
            </LockGate>
          </BrowserRouter>
        </CatalogProvider>
      </DatabaseProvider>
    </I18nextProvider>
  );
}
