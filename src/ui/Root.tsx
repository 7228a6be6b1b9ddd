/**
 * The app as the page starts it. The first screen is the key screen (KeyGate), drawn with React,
 * the translations and a probe of IndexedDB alone (storage/key-probe.ts); the rest — the database
 * code with Dexie, the router, the catalog, the screens (App.tsx) — loads once it is shown, while
 * the passphrase is typed. Dexie's code alone took about 80 ms before the first screen on this
 * machine, four times that on a tablet (docs/performance.md).
 */
import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { DatabaseProvider } from './app/database-context';
import { afterFirstScreen } from './app/first-screen';
import { KeyGate } from './app/KeyGate';
import { KeyringHint } from './app/KeyScreen';

type AppModule = typeof import('./App');

let appModule: Promise<AppModule> | undefined;
function loadApp(): Promise<AppModule> {
  appModule ??= import('./App');
  return appModule;
}

/** `keyring`: the probe's answer (undefined: not known, so the app's code is needed at once to tell). */
export function Root({ i18n, keyring }: { i18n: I18n; keyring: boolean | undefined }) {
  const loading = useMemo(() => (keyring === undefined ? Promise.resolve() : afterFirstScreen()).then(loadApp), [keyring]);
  const databaseLoading = useMemo(() => loading.then((app) => app.database()), [loading]);
  const [app, setApp] = useState<AppModule | null>(null);
  useEffect(() => {
    let live = true;
    loading.then(
      (loaded) => {
        if (!live) return;
        setApp(loaded);
        // The shipped instruments and the screen of this address (code and texts), fetched while
        // the passphrase is typed; a failure is the catalog's and the screen's to show.
        loaded.loadShipped().catch(() => undefined);
        void loaded.preloadRoute(globalThis.location.pathname, i18n);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [loading, i18n]);
  return (
    <I18nextProvider i18n={i18n}>
      <KeyringHint.Provider value={keyring}>
        <DatabaseProvider db={app?.database() ?? null} loading={databaseLoading}>
          {/* Only with the key, which the database (loaded with the app) gives: `app` is there. */}
          <KeyGate>{app && <app.BehindKey />}</KeyGate>
        </DatabaseProvider>
      </KeyringHint.Provider>
    </I18nextProvider>
  );
}
