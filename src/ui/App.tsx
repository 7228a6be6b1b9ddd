import { Suspense, useEffect } from 'react';
import { BrowserRouter, matchRoutes, useRoutes, type RouteObject } from 'react-router';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { Layout } from './app/Layout';
import { Loading } from './app/Loading';
import { LockGate } from './app/Lock';
import { DatabaseProvider } from './app/database-context';
import { NotFound } from './app/NotFound';
import { lazyScreen, namespacesOnly, type LazyScreen, type Preloadable } from './app/lazy-screen';
import { HandoverGuard } from './administer/HandoverGuard';
import { CatalogProvider, loadShippedDefinitions } from './instruments/catalog-context';
import { afterFirstScreen } from './app/first-screen';

// The passphrase screen (LockGate) is the first screen; every screen behind it loads when it is
// opened, so that the first visit stays within its budget. The screen of the address the page was
// loaded at (and the layout's texts) are fetched while the passphrase is typed (all are precached,
// so this costs nothing offline): after unlocking it renders without waiting (app/lazy-screen.tsx).
const CasesPage = lazyScreen(() => import('./cases/CasesPage'), 'CasesPage', ['cases']);
const CasePage = lazyScreen(() => import('./cases/CasePage'), 'CasePage', ['cases', 'validation', 'charts', 'plans', 'audit', 'attendance']);
const AdministerPage = lazyScreen(() => import('./administer/AdministerPage'), 'AdministerPage', ['administer', 'cases', 'paper', 'validation']);
const HandoverPage = lazyScreen(() => import('./administer/Handover'), 'HandoverPage', ['administer']);
const LibraryPage = lazyScreen(() => import('./instruments/LibraryPage'), 'LibraryPage', ['library', 'validation']);
const PreviewPage = lazyScreen(() => import('./instruments/PreviewPage'), 'PreviewPage', ['library']);
const SettingsPage = lazyScreen(() => import('./settings/SettingsPage'), 'SettingsPage', ['settings', 'backup', 'lock', 'audit', 'charts']);
const PlanPage = lazyScreen(() => import('./plans/PlanPage'), 'PlanPage', ['plans', 'attendance', 'cases', 'validation']);
const AttendancePage = lazyScreen(() => import('./plans/AttendancePage'), 'AttendancePage', ['attendance', 'cases', 'plans']);
const ReportPage = lazyScreen(() => import('./report/ReportPage'), 'ReportPage', ['report', 'cases']);
const ResearchPage = lazyScreen(() => import('./research/ResearchPage'), 'ResearchPage', ['research', 'cases']);

/** Routes whose `handle` is what to fetch ahead for them (preloadRoute). */
const route = (path: string | undefined, Screen: LazyScreen): RouteObject => ({ ...(path ? { path } : { index: true }), element: <Screen />, handle: Screen });

const ROUTES: RouteObject[] = [
  // Hand-over: the pupil or parent sees only the questionnaire, outside the practitioner's layout.
  {
    path: 'handover/:administrationId',
    // No word before the questionnaire's language is known: the interface language may be another.
    element: (
      <Suspense fallback={<div className="handover" aria-busy="true" />}>
        <HandoverPage />
      </Suspense>
    ),
    handle: HandoverPage,
  },
  {
    element: (
      <HandoverGuard>
        <Layout />
      </HandoverGuard>
    ),
    // The backup reminder in the header.
    handle: namespacesOnly(['backup']),
    children: [
      route(undefined, CasesPage),
      route('cases/:caseId', CasePage),
      route('cases/:caseId/plans/:planId', PlanPage),
      route('cases/:caseId/attendance', AttendancePage),
      route('cases/:caseId/report', ReportPage),
      route('administrations/:administrationId', AdministerPage),
      route('instruments', LibraryPage),
      route('instruments/:id/:version', PreviewPage),
      route('research', ResearchPage),
      route('settings', SettingsPage),
      { path: '*', element: <NotFound /> },
    ],
  },
];

/** Fetches the code and texts of the screen at `pathname` (and of the layout around it); failures are left to the screen. */
export function preloadRoute(pathname: string, i18n: I18n): Promise<void> {
  const handles = (matchRoutes(ROUTES, pathname) ?? []).map((match) => match.route.handle as Preloadable | undefined);
  return Promise.all(handles.map((handle) => handle?.preload(i18n))).then(
    () => undefined,
    () => undefined,
  );
}

function RouteTree() {
  return useRoutes(ROUTES);
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <RouteTree />
    </Suspense>
  );
}

// The shipped instruments (fourteen chunks) are needed only behind the lock.
const loadShippedAfterFirstScreen = () => afterFirstScreen().then(loadShippedDefinitions);

export function App({ i18n }: { i18n: I18n }) {
  // Fetched after the first screen, while the passphrase is typed: the screen is ready at the unlock.
  useEffect(() => {
    void afterFirstScreen().then(() => preloadRoute(globalThis.location.pathname, i18n));
  }, [i18n]);
  return (
    <I18nextProvider i18n={i18n}>
      <DatabaseProvider>
        <CatalogProvider loadShipped={loadShippedAfterFirstScreen}>
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
