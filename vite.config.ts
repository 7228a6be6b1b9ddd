/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { ICONS, contentSecurityPolicy, pwaIcons } from './scripts/pwa-icons';
import { chunkPackages } from './scripts/chunk-packages';
import { firstVisitChunk } from './scripts/first-visit-chunk';
import { SECURITY_HEADERS } from './scripts/security-headers';

export default defineConfig({
  plugins: [
    react(),
    pwaIcons(),
    chunkPackages(),
    firstVisitChunk(),
    contentSecurityPolicy(),
    VitePWA({
      // Ask before updating: an automatic reload could interrupt a questionnaire being answered.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Polku',
        short_name: 'Polku',
        description: 'Assessment of school attendance problems, offline',
        lang: 'fi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f4f6f6',
        theme_color: '#0f4c5c',
        icons: ICONS.filter((i) => i.file.startsWith('icons/icon')).map((i) => ({
          src: `/${i.file}`,
          sizes: `${i.size}x${i.size}`,
          type: 'image/png',
          ...(i.maskable ? { purpose: 'maskable' } : {}),
        })),
      },
      workbox: {
        // The whole app is precached — every screen, every instrument, all three languages —
        // so after one visit everything works with the network off.
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest,woff2,ttf}'],
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        // The first visit is controlled at once; an update waits for the user's yes (skipWaiting off).
        clientsClaim: true,
        skipWaiting: false,
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  resolve: {
    // jsPDF's optional helpers for html() and SVG, never used (src/report/jspdf-optional.ts).
    alias: Object.fromEntries(['html2canvas', 'dompurify', 'canvg'].map((name) => [name, fileURLToPath(new URL('./src/report/jspdf-optional.ts', import.meta.url))])),
  },
  server: { host: '127.0.0.1' },
  // The headers a host must send (docs/security.md): frame-ancestors works only as a header.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...SECURITY_HEADERS } },
  build: { manifest: true },
  test: {
    globals: true,
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/support/setup.ts'],
    // A limit for a slow two-core machine, not a timing assertion.
    testTimeout: 20_000,
  },
});
