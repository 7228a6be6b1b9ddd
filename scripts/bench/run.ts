/**
 * npm run bench: prints tables of sizes, scoring throughput, first render, the case list with
 * many cases, the PDF report, the research export, and memory. No assertions, no pass or fail;
 * exits 0 (a part that cannot be measured says why and the rest goes on). See docs/performance.md.
 */
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { inChild } from './child';
import type { CaseListFigures, FirstRenderFigures, HandoverFigures, SeededApp } from './chromium';
import type { NodeExportFigures } from './export-node';
import type { PdfChromiumFigures, ResearchChromiumFigures, Watched } from './outputs';
import type { NodePdfFigures } from './pdf-node';
import { benchScoring, type ScoringFigures } from './scoring';
import { makeSeed } from './seed';
import { ensureBuild, reportSizes } from './sizes';
import { MB, median, ms, part, printTable } from './table';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = join(root, 'dist');

/** A measurement that failed becomes its error, so the rest of a part can still print. */
const attempt = <T>(run: () => Promise<T>): Promise<T | Error> => run().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

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
  // Other work on the machine slows every figure: the load average says how busy it was.
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(', ');
  console.log(`load average (1, 5, 15 min) at the start: ${load()}`);

  // `npm run bench -- --scoring`: only part 2 (seconds instead of minutes).
  if (process.argv.includes('--scoring')) {
    await part('2. Scoring throughput (Node, tsx)', () => void benchScoring());
    return;
  }
  // `npm run bench -- --encryption`: the cost of encryption at rest in Node (issue 17), seconds.
  if (process.argv.includes('--encryption')) {
    const { benchEncryption } = await import('./encryption');
    await part('Encryption at rest (Node, tsx)', benchEncryption);
    return;
  }

  // `npm run bench -- --chromium`: sizes and everything measured in Chromium (parts 1, 3–8), without
  // scoring and the Node halves of parts 5 and 6.
  const chromiumOnly = process.argv.includes('--chromium');
  const skipped = () => new Error('not measured (--chromium)');

  await part('1. Bundle sizes (dist/)', () => {
    ensureBuild(root);
    reportSizes(root);
  });

  let scoring: ScoringFigures | undefined;
  if (!chromiumOnly)
    await part('2. Scoring throughput (Node, tsx)', () => {
      scoring = benchScoring();
    });

  let browser: Browser | undefined;
  let firstRender: Map<number, FirstRenderFigures> | undefined;
  let seeded: SeededApp | undefined;
  let caseList: CaseListFigures | undefined;
  let handover: HandoverFigures | Error = new Error('not measured');
  let pdfChromium: PdfChromiumFigures | Error = new Error('not measured');
  let pdfNode: NodePdfFigures | Error = new Error('not measured');
  let exportNode: NodeExportFigures | Error = new Error('not measured');
  let exportChromium: ResearchChromiumFigures | Error = new Error('not measured');
  try {
    await part('3. First render in Chromium: Polku against a plain React page', async () => {
      // Vite, the PWA plugin and Playwright load only now, so they are not in the scoring RSS above.
      const { buildHello } = await import('./hello');
      const { benchFirstRenders, launch } = await import('./chromium');
      const helloStarted = performance.now();
      const helloDist = await buildHello(root);
      console.log(`(hello page built in ${((performance.now() - helloStarted) / 1000).toFixed(1)} s in ${helloDist})`);
      browser = await launch();
      try {
        firstRender = await benchFirstRenders(browser, dist, helloDist);
      } finally {
        rmSync(dirname(helloDist), { recursive: true, force: true });
      }
    });

    await part('4. Case list with 1,000 cases and 10,000 administrations (Chromium)', async () => {
      const { benchCaseList, launch, openSeededApp } = await import('./chromium');
      const seed = await makeSeed();
      browser ??= await launch();
      // The seeded app stays open: part 6 exports the same data set from it.
      seeded = await openSeededApp(browser, dist, seed);
      caseList = await benchCaseList(seeded);
      // A hand-over in progress, loaded cold (the seeded app is left on the practitioner's screens again).
      const { benchHandover, printHandover } = await import('./chromium');
      const app = seeded;
      handover = await attempt(() => benchHandover(app));
      if (handover instanceof Error) console.log(`hand-over: could not measure: ${handover.message}`);
      else printHandover(handover);
    });

    await part('5. PDF report of the example case (Chromium, and Node for comparison)', async () => {
      const { benchPdfChromium, printPdf } = await import('./outputs');
      const { launch } = await import('./chromium');
      pdfChromium = await attempt(async () => benchPdfChromium((browser ??= await launch()), dist));
      pdfNode = chromiumOnly ? skipped() : await attempt(() => inChild<NodePdfFigures>(join(here, 'pdf-node.ts'), root));
      printPdf(pdfChromium, pdfNode);
    });

    await part('6. Research export of 1,000 cases and 10,000 administrations (Node, and Chromium)', async () => {
      const { benchResearchChromium, printResearch } = await import('./outputs');
      exportNode = chromiumOnly ? skipped() : await attempt(() => inChild<NodeExportFigures>(join(here, 'export-node.ts'), root, 600_000));
      const app = seeded;
      exportChromium = app ? await attempt(() => benchResearchChromium(app)) : new Error('the data set was not seeded in Chromium (part 4 could not run)');
      printResearch(exportNode, exportChromium);
    });
  } finally {
    await seeded?.close().catch(() => undefined);
    await browser?.close();
  }

  await part('7. Peak memory', async () => {
    printTable(
      ['Node (each in a process of its own except scoring)', 'value'],
      [
        ...(scoring
          ? [
              ['scoring: RSS before preparing the administrations', MB(scoring.rssBefore)],
              ['scoring: peak RSS while preparing and scoring 100,000', MB(scoring.rssPeak)],
            ]
          : [['scoring was not measured', '—']]),
        [
          `PDF report: peak RSS (the example case in fake-indexeddb, ${pdfNode instanceof Error ? 'not measured' : `${pdfNode.runs.length} reports`})`,
          pdfNode instanceof Error ? '—' : MB(pdfNode.peakAfterAll),
        ],
        ['research export: peak RSS after buildAndZip, streamed (data set in memory)', exportNode instanceof Error ? '—' : MB(exportNode.peakAfterExport)],
      ],
    );
    console.log('');
    if (caseList) (await import('./chromium')).printBrowserMemory(caseList);
    else console.log('Chromium: the case list was not measured, so neither was its memory.');
    console.log('');
    const peak = (figure: { runs: { heapPeak: number }[] } | Error) => (figure instanceof Error ? '—' : MB(Math.max(...figure.runs.map((r) => r.heapPeak))));
    printTable(
      ['Chromium, JS heap while making a file', 'before (after GC)', 'peak (sampled every 100 ms)'],
      [
        ['PDF report of the example case', pdfChromium instanceof Error ? '—' : MB(pdfChromium.heapBefore), peak(pdfChromium)],
        ['research export, 1,000 cases on the device', exportChromium instanceof Error ? '—' : MB(exportChromium.heapBefore), peak(exportChromium)],
      ],
    );
  });

  await part('8. The issue 14 table: each row against the hello page of the same run', () => {
    const hello = (slowdown: number) => firstRender?.get(slowdown)?.hello.cold.map((v) => v.headingFrame) ?? [];
    const helloCold = hello(1).length > 0 ? median(hello(1)) : NaN;
    const visits = (slowdown: number, app: 'polku' | 'hello', kind: 'cold' | 'warm' | 'later') => firstRender?.get(slowdown)?.[app][kind].map((v) => v.headingFrame) ?? [];
    const ratioOf = (slowdown: number, kind: 'cold' | 'warm' | 'later') => {
      const polku = visits(slowdown, 'polku', kind);
      const base = visits(slowdown, 'hello', kind);
      if (polku.length === 0 || base.length === 0) return ['not measured', '—'];
      return [`${ms(median(polku))} vs ${ms(median(base))}`, `${(median(polku) / median(base)).toFixed(2)}×`];
    };
    // Times that are not a page load are put against hello's cold first render at 1× CPU.
    const againstHello = (value: number | undefined) => (value === undefined || !Number.isFinite(helloCold) ? '—' : `${(value / helloCold).toFixed(2)}×`);
    const runs = (figure: { runs: Watched[] } | Error) => (figure instanceof Error ? [] : figure.runs.slice(1));
    const pdfRuns = runs(pdfChromium);
    const exportRuns = runs(exportChromium);
    const pdf = pdfRuns.length > 0 ? median(pdfRuns.map((r) => r.clickToDownload)) : undefined;
    const exported = exportRuns.length > 0 ? median(exportRuns.map((r) => r.clickToDownload)) : undefined;
    const unlockMedian = (slowdown: number, pick: (run: { rows: number; unlock: number }) => number) => {
      const runs = caseList?.unlock.get(slowdown) ?? [];
      return runs.length > 0 ? median(runs.map(pick)) : undefined;
    };
    // chromium.ts's CPU_SLOWDOWNS (not imported: Playwright loads only with part 3).
    const slowdowns = caseList ? [...caseList.unlock.keys()] : [1, 4];
    const sealedRows = seeded ? Object.values(seeded.sealing.stores).reduce((sum, store) => sum + store.rows, 0) : undefined;
    const perSecond = (family: string) => (scoring?.perFamily[family] === undefined ? 'not measured' : `${Math.round(scoring.perFamily[family]!).toLocaleString('en-GB')}/s`);
    printTable(
      ['what', 'Polku (median)', 'against hello'],
      [
        ['cold first screen (key set-up screen) vs hello, 1× CPU', ...ratioOf(1, 'cold')],
        ['cold first screen (key set-up screen) vs hello, 4× CPU slowdown', ...ratioOf(4, 'cold')],
        ['warm (service worker; unlock screen), second visit, vs hello, 1× CPU', ...ratioOf(1, 'warm')],
        ['warm (service worker; unlock screen), second visit, vs hello, 4× CPU slowdown', ...ratioOf(4, 'warm')],
        ['later start (third visit: code cache read) vs hello, 1× CPU', ...ratioOf(1, 'later')],
        ['later start (third visit: code cache read) vs hello, 4× CPU slowdown', ...ratioOf(4, 'later')],
        ...(handover instanceof Error
          ? [['hand-over questionnaire, cold, draft from IndexedDB', 'not measured', '—']]
          : (() => {
              const first = median(handover.runs.map((r) => r.unlockScreen));
              const both = median(handover.runs.map((r) => r.unlockScreen + r.question));
              return [
                ['hand-over questionnaire, cold: reload → unlock screen, 1× CPU', ms(first), againstHello(first)],
                ["hand-over, cold: reload → unlock screen + unlock → the draft's question", ms(both), againstHello(both)],
              ];
            })()),
        ...slowdowns.map((slowdown) => {
          const value = unlockMedian(slowdown, (r) => r.rows);
          return [`case list, 1,000 cases / 10,000 questionnaires: unlock → first rows, ${slowdown}× CPU`, value === undefined ? 'not measured' : ms(value), againstHello(value)];
        }),
        ...slowdowns.map((slowdown) => {
          const value = unlockMedian(slowdown, (r) => r.unlock);
          return [`unlock alone (PBKDF2 600,000, unwrap), ${slowdown}× CPU`, value === undefined ? 'not measured' : ms(value), againstHello(value)];
        }),
        [
          `sealing at set-up: ${sealedRows === undefined ? 'the seeded rows' : `${sealedRows.toLocaleString('en-GB')} rows`} (1× CPU, one run)`,
          seeded ? ms(seeded.sealing.total) : 'not measured',
          againstHello(seeded?.sealing.total),
        ],
        ['score() function forms (Node)', perSecond('function'), '—'],
        ['score() quality/function forms (Node)', perSecond('quality-function'), '—'],
        ['research export, 10,000 questionnaires: click → download (runs 2–3)', exported === undefined ? 'not measured' : ms(exported), againstHello(exported)],
        ['research export: JS heap peak', exportRuns.length > 0 ? MB(Math.max(...exportRuns.map((r) => r.heapPeak))) : '—', '—'],
        ['PDF of the example case: click → download (runs 2–5)', pdf === undefined ? 'not measured' : ms(pdf), againstHello(pdf)],
        [
          'PDF: longest main-thread task (runs 2–5)',
          pdfRuns.length > 0 ? ms(Math.max(...pdfRuns.map((r) => r.longestTask))) : '—',
          againstHello(pdfRuns.length > 0 ? Math.max(...pdfRuns.map((r) => r.longestTask)) : undefined),
        ],
      ],
    );
    console.log(`\nhello's cold first render at 1× CPU (median): ${ms(helloCold)}; scoring throughput has no page to compare with.`);
  });

  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s; load average (1, 5, 15 min) at the end: ${load()}`);
}

main()
  .catch((error: unknown) => {
    console.log(`bench stopped: ${error instanceof Error ? error.message : String(error)}`);
  })
  .finally(() => {
    process.exitCode = 0;
  });
