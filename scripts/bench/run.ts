/**
 * npm run bench: prints tables of sizes, scoring throughput, first render and the case list with
 * many cases, and memory. No assertions, no pass or fail; exits 0 (a part that cannot be measured
 * says why and the rest goes on). See docs/performance.md.
 */
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { CaseListFigures } from './chromium';
import { benchScoring, type ScoringFigures } from './scoring';
import { makeSeed } from './seed';
import { ensureBuild, reportSizes } from './sizes';
import { MB, part, printTable } from './table';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`# Polku bench — ${new Date().toISOString()}`);
  let chromiumVersion = '—';
  try {
    chromiumVersion = execSync(`${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} --version 2>/dev/null`, { encoding: 'utf8' }).trim();
  } catch {
    // Reported as missing below.
  }
  console.log(`Node ${process.version}; ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}); ${MB(totalmem())} RAM; ${chromiumVersion}`);

  await part('1. Bundle sizes (dist/)', () => {
    ensureBuild(root);
    reportSizes(root);
  });

  let scoring: ScoringFigures | undefined;
  await part('2. Scoring throughput (Node, tsx)', () => {
    scoring = benchScoring();
  });

  let browser: Browser | undefined;
  let caseList: CaseListFigures | undefined;
  try {
    await part('3. First render in Chromium: Polku against a plain React page', async () => {
      // Vite, the PWA plugin and Playwright load only now, so they are not in the scoring RSS above.
      const { buildHello } = await import('./hello');
      const { benchFirstRender, launch } = await import('./chromium');
      const helloStarted = performance.now();
      const helloDist = await buildHello(root);
      console.log(`(hello page built in ${((performance.now() - helloStarted) / 1000).toFixed(1)} s in ${helloDist})`);
      browser = await launch();
      try {
        await benchFirstRender(browser, dist, helloDist);
      } finally {
        rmSync(dirname(helloDist), { recursive: true, force: true });
      }
    });

    await part('4. Case list with 1,000 cases and 10,000 administrations (Chromium)', async () => {
      const { benchCaseList, launch } = await import('./chromium');
      const seed = await makeSeed();
      browser ??= await launch();
      caseList = await benchCaseList(browser, dist, seed);
    });
  } finally {
    await browser?.close();
  }

  await part('5. Not built yet', () => {
    console.log('PDF report: not built yet (issue: PDF report)');
    console.log('Research export: not built yet (issue: research export)');
  });

  await part('6. Peak memory', async () => {
    printTable(
      ['Node (scoring)', 'value'],
      scoring
        ? [
            ['RSS before preparing the administrations', MB(scoring.rssBefore)],
            ['peak RSS while preparing and scoring 100,000', MB(scoring.rssPeak)],
          ]
        : [['scoring was not measured', '—']],
    );
    console.log('');
    if (caseList) (await import('./chromium')).printBrowserMemory(caseList);
    else console.log('Chromium: the case list was not measured, so neither was its memory.');
  });

  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main()
  .catch((error: unknown) => {
    console.log(`bench stopped: ${error instanceof Error ? error.message : String(error)}`);
  })
  .finally(() => {
    process.exitCode = 0;
  });
