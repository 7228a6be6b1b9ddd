import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { Layout } from './app/Layout';
import { Loading } from './app/Loading';
import { LockGate } from './app/Lock';
import { DatabaseProvider } from './app/database-context';
import { NotFound } from './app/NotFound';
import { HandoverGuard } from './administer/HandoverGuard';
import { CatalogProvider } from './instruments/catalog-context';

// The passphrase screen (LockGate) is the first screen; every screen behind it loads when it is
// opened — the case list too, fetched while the passphrase is typed (all of them are precached, so
// this costs nothing offline) — the first visit stays within its budget.
const named = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) => lazy(async () => ({ default: (await load())[name] }));
const loadCasesPage = () => import('./cases/CasesPage');
const CasesPage = named(loadCasesPage, 'CasesPage');
const CasePage = named(() => import('./cases/CasePage'), 'CasePage');
const AdministerPage = named(() => import('./administer/AdministerPage'), 'AdministerPage');
const HandoverPage = named(() => import('./administer/Handover'), 'HandoverPage');
const LibraryPage = named(() => import('./instruments/LibraryPage'), 'LibraryPage');
const PreviewPage = named(() => import('./instruments/PreviewPage'), 'PreviewPage');
const SettingsPage = named(() => import('./settings/SettingsPage'), 'SettingsPage');
const PlanPage = named(() => import('./plans/PlanPage'), 'PlanPage');
const AttendancePage = named(() => import('./plans/AttendancePage'), 'AttendancePage');
const ReportPage = named(() => import('./report/ReportPage'), 'ReportPage');
const ResearchPage = named(() => import('./research/ResearchPage'), 'ResearchPage');

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        {/* Hand-over: the pupil or parent sees only the questionnaire, outside the practitioner's layout. */}
        <Route
          path="handover/:administrationId"
          element={
            // No word before the questionnaire's language is known: the interface language may be another.
            <Suspense fallback={<div className="handover" aria-busy="true" />}>
              <HandoverPage />
            </Suspense>
          }
        />
        <Route
          element={
            <HandoverGuard>
              <Layout />
            </HandoverGuard>
          }
        >
          <Route index element={<CasesPage />} />
          <Route path="cases/:caseId" element={<CasePage />} />
          <Route path="cases/:caseId/plans/:planId" element={<PlanPage />} />
          <Route path="cases/:caseId/attendance" element={<AttendancePage />} />
          <Route path="cases/:caseId/report" element={<ReportPage />} />
          <Route path="administrations/:administrationId" element={<AdministerPage />} />
          <Route path="instruments" element={<LibraryPage />} />
          <Route path="instruments/:id/:version" element={<PreviewPage />} />
          <Route path="research" element={<ResearchPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App({ i18n }: { i18n: I18n }) {
  // Fetched after the first screen, while the passphrase is typed: the list is ready at the unlock.
  useEffect(() => {
    loadCasesPage().catch(() => undefined);
  }, []);
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
