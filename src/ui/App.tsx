/**
 * The app behind the key: the database, the router, the catalog and the routes. The page loads this
 * module once the first screen (the key screen, ui/Root.tsx) is shown; every screen behind it loads
 * when it is opened, so that the first visit stays within its budget. The screen of the address the
 * page was loaded at (and the layout's texts) are fetched while the passphrase is typed (all are
 * precached, so this costs nothing offline): after unlocking it renders without waiting
 * (app/lazy-screen.tsx).
 */
import { Suspense } from 'react';
import { BrowserRouter, matchRoutes, useRoutes, type RouteObject } from 'react-router';
import type { i18n as I18n } from 'i18next';
import { Layout } from './app/Layout';
import { Loading } from './app/Loading';
import { LockWatch } from './app/Lock';
import { NotFound } from './app/NotFound';
import { lazyScreen, namespacesOnly, type LazyScreen, type Preloadable } from './app/lazy-screen';
import { HandoverGuard } from './administer/HandoverGuard';
import { CatalogProvider, loadShippedDefinitions } from './instruments/catalog-context';
import type { InstrumentDefinition } from '../instrument/schema';

export { database } from '../storage/db';
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

let shipped: Promise<InstrumentDefinition[]> | undefined;
/** The shipped instruments (fourteen chunks), read once: Root asks for them while the passphrase is typed, so that the catalog is ready at the unlock. */
export function loadShipped(): Promise<InstrumentDefinition[]> {
  shipped ??= loadShippedDefinitions();
  return shipped;
}

/** Everything shown while the page holds the key (under KeyGate, ui/Root.tsx). */
export function BehindKey() {
  return (
    <CatalogProvider loadShipped={loadShipped}>
      <BrowserRouter>
        <LockWatch>
          <AppRoutes />
        </LockWatch>
      </BrowserRouter>
    </CatalogProvider>
  );
}
