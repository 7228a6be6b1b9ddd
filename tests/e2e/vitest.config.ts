import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/, made by `npm run test:e2e`) served on 127.0.0.1 and
// driven in Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globals: true,
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for the page (a lazy screen, charts) rather than measuring it: its default
    // of 1 s fails on a loaded two-core machine, so it waits up to 15 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // One browser at a time: the machines have two cores.
    fileParallelism: false,
  },
});
