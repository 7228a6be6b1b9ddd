import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './ui/Root';
import { FIRST_SCREEN_NAMESPACES, setupI18n } from './ui/i18n';
import { setUpdateState } from './ui/app/update-state';
import { afterFirstScreen } from './ui/app/first-screen';
import { keyringHint } from './storage/key-probe';
import './ui/styles.css';

// Which build this is (set by deployments and by the update test); shown nowhere, it only makes
// a new build's files differ.
document.documentElement.dataset.build = import.meta.env.VITE_BUILD_ID ?? 'local';

// Inside another site's frame (a host that does not send frame-ancestors, docs/security.md):
// render nothing, so nothing of Polku can be shown or clicked there.
const framed = window.self !== window.top;

if (framed) document.body.replaceChildren();
else {
  // The first screen's texts (in the entry's chunk; the rest load on demand) and whether a
  // passphrase is set: the first screen is set-up or unlock (ui/Root.tsx).
  const [i18n, keyring] = await Promise.all([setupI18n(undefined, { initial: FIRST_SCREEN_NAMESPACES }), keyringHint()]);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root i18n={i18n} keyring={keyring} />
    </StrictMode>,
  );
}

// The service worker (production builds only), registered once the first screen is shown so that
// its module is not one more request before it: precaches the app for offline use and asks
// before activating a new version (UpdateBanner).
if (import.meta.env.PROD && 'serviceWorker' in navigator && !framed) {
  // Not later than a few seconds either: a start that never shows its screen (a broken build) must
  // still hear of the update that fixes it.
  await Promise.race([afterFirstScreen(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  const { registerSW } = await import('virtual:pwa-register');
  const updateServiceWorker = registerSW({
    onNeedRefresh: () =>
      setUpdateState({
        needRefresh: true,
        apply: async () => {
          // The plugin reloads only for updates it found itself; one the browser found (a new
          // deployment noticed on navigation) needs this, or the new version would wait.
          navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
          await updateServiceWorker(true);
        },
      }),
    onOfflineReady: () => setUpdateState({ offlineReady: true }),
  });
}
