/**
 * The baseline for part 3: a plain React "hello" page (react and react-dom only), built in a temp
 * directory with this repo's Vite, React plugin and PWA plugin (same service worker settings),
 * so the only difference from Polku is the app itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export const HELLO_HEADING = 'Hello';

export async function buildHello(root: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'polku-bench-hello-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Hello</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/main.tsx"></script>
  </body>
</html>
`,
  );
  writeFileSync(
    join(dir, 'main.tsx'),
    `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>${HELLO_HEADING}</h1>
  </StrictMode>,
);
`,
  );
  const outDir = join(dir, 'dist');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    resolve: {
      alias: {
        react: join(root, 'node_modules/react'),
        'react-dom': join(root, 'node_modules/react-dom'),
      },
    },
    plugins: [
      react(),
      VitePWA({
        registerType: 'prompt',
        // A script file, not inline: the bench server sends the app's CSP (script-src 'self'), which blocks an inline one.
        injectRegister: 'script-defer',
        manifest: false,
        workbox: { globPatterns: ['**/*.{js,css,html}'], navigateFallback: '/index.html', clientsClaim: true, skipWaiting: false },
      }),
    ],
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  return outDir;
}
