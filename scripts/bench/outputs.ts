/**
 * Parts 5 and 6: the files Polku makes. The PDF report of the example case and the research export
 * of the bench's data set, in Chromium against the built app (from the click to the download, with
 * what the main thread and the JS heap did meanwhile), and the Node figures of pdf-node.ts and
 * export-node.ts beside them.
 */
import { statSync } from 'node:fs';
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import { startStaticServer } from '../../tests/e2e/static-server';
import { newContext, passKeyScreen, TIMEOUT, waitForMark, waitForServiceWorkerControl, type SeededApp } from './chromium';
import type { NodeExportFigures } from './export-node';
import type { NodePdfFigures } from './pdf-node';
import { MB, kB, median, min, ms, printTable } from './table';

const CHROMIUM_PDF_RUNS = 5;
const CHROMIUM_EXPORT_RUNS = 3;
/** Making the export of 10,000 questionnaires on a slow machine: minutes, not seconds, before we give up. */
const DOWNLOAD_TIMEOUT = 180_000;
const HEAP_SAMPLE_MS = 100;

interface WatchState {
  tasks: [number, number][];
  maxGap: number;
  last: number;
  download: number | null;
  stop: boolean;
  observer?: PerformanceObserver;
}
type WatchWindow = Window & { __watch?: WatchState };

/**
 * Installed in the page just before a click: every long task (over 50 ms: the main thread frozen),
 * the longest gap between animation frames, and when the app starts a download (its click on a
 * link with a download attribute; the app's own code is not changed).
 */
function startWatch(): void {
  const w = window as WatchWindow;
  w.__watch?.observer?.disconnect();
  const watch: WatchState = { tasks: [], maxGap: 0, last: performance.now(), download: null, stop: false };
  w.__watch = watch;
  watch.observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) watch.tasks.push([entry.startTime, entry.duration]);
  });
  watch.observer.observe({ type: 'longtask' });
  const frame = (now: number) => {
    watch.maxGap = Math.max(watch.maxGap, now - watch.last);
    watch.last = now;
    if (!watch.stop) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const proto = HTMLAnchorElement.prototype as HTMLAnchorElement & { benchWatched?: boolean };
  if (!proto.benchWatched) {
    const click = proto.click;
    proto.click = function (this: HTMLAnchorElement) {
      const current = (window as WatchWindow).__watch;
      if (current && current.download === null && this.hasAttribute('download')) current.download = performance.now();
      click.call(this);
    };
    proto.benchWatched = true;
  }
}

/** Stops the watch after two more frames (long-task entries arrive a moment late). */
function stopWatch(): Promise<{ tasks: [number, number][]; maxGap: number; download: number | null }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          const watch = (window as WatchWindow).__watch!;
          watch.stop = true;
          watch.observer?.disconnect();
          resolve({ tasks: watch.tasks, maxGap: watch.maxGap, download: watch.download });
        }, 50),
      ),
    );
  });
}

const heapUsed = async (cdp: CDPSession): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;

/** Samples the JS heap every 100 ms (CDP answers while the page's main thread is busy). */
function sampleHeap(cdp: CDPSession): { stop: () => Promise<number> } {
  let running = true;
  let peak = 0;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await heapUsed(cdp).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, HEAP_SAMPLE_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

export interface Watched {
  /** In the page: from the click to the app's start of the download. */
  clickToDownload: number;
  /** Long tasks between the click and the download: the longest, their sum, and the three longest in order of time. */
  longestTask: number;
  longTasksTotal: number;
  longest3: number[];
  maxFrameGap: number;
  heapPeak: number;
  bytes: number;
  fileName: string;
}

/** Clicks `button` and waits for the download it causes, watching the main thread and the heap. */
async function clickToDownload(page: Page, cdp: CDPSession, button: Locator): Promise<Watched> {
  await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await button.elementHandle(), { timeout: TIMEOUT });
  await page.evaluate(startWatch);
  const sampler = sampleHeap(cdp);
  const downloaded = page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT });
  // Handled here too, so that a click that fails first does not leave it rejecting unhandled.
  downloaded.catch(() => undefined);
  try {
    const clickedAt = await button.evaluate((el) => {
      const at = performance.now();
      (el as HTMLButtonElement).click();
      return at;
    });
    const download = await downloaded;
    const path = await download.path();
    const watch = await page.evaluate(stopWatch);
    const heapPeak = await sampler.stop();
    if (watch.download === null) throw new Error('the download started without the app clicking a download link');
    const tasks = watch.tasks.filter(([start, duration]) => start + duration >= clickedAt && start <= watch.download!);
    const durations = tasks.map(([, duration]) => duration);
    return {
      clickToDownload: watch.download - clickedAt,
      longestTask: durations.length ? Math.max(...durations) : 0,
      longTasksTotal: durations.reduce((a, b) => a + b, 0),
      longest3: [...tasks]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .sort((a, b) => a[0] - b[0])
        .map(([, duration]) => duration),
      maxFrameGap: watch.maxGap,
      heapPeak,
      bytes: statSync(path).size,
      fileName: download.suggestedFilename(),
    };
  } finally {
    await sampler.stop();
  }
}

export interface PdfChromiumFigures {
  runs: Watched[];
  pages: number;
  heapBefore: number;
  heapAfter: number;
  heapAfterGc: number;
}

/** The PDF of the example case: a fresh context, the example loaded, the report screen, every part on, Make PDF. */
export async function benchPdfChromium(browser: Browser, polkuDist: string): Promise<PdfChromiumFigures> {
  const server = await startStaticServer(polkuDist);
  const context = await newContext(browser, []);
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { timeout: TIMEOUT });
    // A fresh context: the set-up screen first (the passphrase set, nothing to seal).
    await passKeyScreen(page);
    await waitForServiceWorkerControl(page).catch(() => undefined);
    await page.getByRole('button', { name: 'Load an example case' }).click({ timeout: TIMEOUT });
    await page.getByText('This is the fictional example case.', { exact: false }).waitFor({ timeout: TIMEOUT });
    await page.getByRole('link', { name: 'Make a report (PDF)' }).click({ timeout: TIMEOUT });
    await page.getByRole('heading', { level: 1, name: /^Report \(PDF\) for case / }).waitFor({ timeout: TIMEOUT });
    const boxes = page.locator('.report-choices input[type="checkbox"]');
    const unticked = await boxes.evaluateAll((inputs) => inputs.filter((i) => !(i as HTMLInputElement).checked).length);
    // Every part and questionnaire is ticked by default; only the name is not (it is off by default and does not change the size).
    if (unticked !== 1) throw new Error(`expected only "Print the pupil's name" unticked on the report screen, found ${unticked} unticked boxes`);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heapBefore = await heapUsed(cdp);
    const button = page.getByRole('button', { name: 'Make PDF' });
    const runs: Watched[] = [];
    let pages = 0;
    for (let run = 0; run < CHROMIUM_PDF_RUNS; run += 1) {
      runs.push(await clickToDownload(page, cdp, button));
      const status = await page.locator('.report-status').textContent({ timeout: TIMEOUT });
      pages = Number(/\((\d+) pages?\)/.exec(status ?? '')?.[1] ?? 0);
    }
    const heapAfter = await heapUsed(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    return { runs, pages, heapBefore, heapAfter, heapAfterGc: await heapUsed(cdp) };
  } finally {
    await context.close();
    await server.close();
  }
}

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

export function printPdf(chromium: PdfChromiumFigures | Error, node: NodePdfFigures | Error): void {
  if (chromium instanceof Error) console.log(`Chromium: could not measure: ${chromium.message.split('\n')[0]}`);
  else {
    printTable(
      ['Chromium, run', 'click → download', 'longest task', 'long tasks, sum', 'longest frame gap', 'JS heap peak (sampled)', 'size'],
      chromium.runs.map((r, i) => [
        i === 0 ? '1 (jsPDF and font loaded)' : String(i + 1),
        ms(r.clickToDownload),
        ms(r.longestTask),
        ms(r.longTasksTotal),
        ms(r.maxFrameGap),
        MB(r.heapPeak),
        kB(r.bytes),
      ]),
    );
    const warm = chromium.runs.slice(1).map((r) => r.clickToDownload);
    console.log(
      `\n${chromium.runs[0]?.fileName ?? ''}: ${chromium.pages} pages. Later runs: median ${ms(median(warm))}, min ${ms(min(warm))}. ` +
        `JS heap before ${MB(chromium.heapBefore)} (after a forced GC), after the runs ${MB(chromium.heapAfter)}, after a GC ${MB(chromium.heapAfterGc)}.`,
    );
  }
  console.log('');
  if (node instanceof Error) console.log(`Node: could not measure: ${node.message.split('\n')[0]}`);
  else {
    printTable(
      ['Node, run', 'total', 'read + build document', 'load jsPDF + font', 'draw pages'],
      node.runs.map((r, i) => [i === 0 ? '1 (first import of jsPDF)' : String(i + 1), ms(r.total), ms(r.load), ms(r.fonts), ms(r.draw)]),
    );
    const warm = node.runs.slice(1).map((r) => r.total);
    console.log(
      `\nmakeCaseReport, every part, ${node.administrations} completed questionnaires, English: ${node.pages} pages, ${kB(node.bytes)}. ` +
        `Later runs: median ${ms(median(warm))}, min ${ms(min(warm))}. RSS ${MB(node.rssBefore)} before; peak ${MB(node.peakAfterFirst)} after the first report, ${MB(node.peakAfterAll)} after all ${node.runs.length}.`,
    );
  }
  console.log(
    '\nChromium: the built app, example case loaded in a fresh en-GB context, report screen with every part on (the default), "Make PDF" clicked ' +
      `${CHROMIUM_PDF_RUNS} times on the same screen. "click → download": in the page, from the click to the app's click on the download link. ` +
      'Long tasks: main-thread tasks over 50 ms (PerformanceObserver "longtask"); frame gap: the longest time between animation frames. ' +
      `JS heap: CDP Performance.getMetrics JSHeapUsedSize every ${HEAP_SAMPLE_MS} ms. Node: fake-indexeddb, the font read from disk, ` +
      'in a process of its own (peak RSS = its maxRSS).',
  );
}

export interface ResearchChromiumFigures {
  openMs: number;
  tickLongestTask: number;
  smallGroups: boolean;
  runs: Watched[];
  heapBefore: number;
  heapAfter: number;
  heapAfterGc: number;
}

/**
 * The research export in the app seeded by part 4: the research screen opened from the case list,
 * a project created, FHIR ticked (the other four formats are on by default), small groups
 * accepted when the check reports some, then "Make the export" three times.
 */
export async function benchResearchChromium(app: SeededApp): Promise<ResearchChromiumFigures> {
  const { page, context } = app;
  await page.goto(`${app.url}/`, { timeout: TIMEOUT });
  await passKeyScreen(page);
  await waitForMark(page, 'rows');
  const openMs = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const link = document.querySelector<HTMLAnchorElement>('a[href="/research"]');
        if (!link) return reject(new Error('no link to /research'));
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector('.research-counts')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        link.click();
        setTimeout(() => reject(new Error('the research screen did not show its counts in 60 s')), 60_000);
      }),
  );
  await page.locator('#project-new').fill('Bench', { timeout: TIMEOUT });
  await page.getByRole('button', { name: 'Create the project' }).click({ timeout: TIMEOUT });
  await page.locator('#project-choice').waitFor({ timeout: TIMEOUT });

  // Every change of a choice checks the selection again (the preview): what one tick costs the main thread.
  await page.evaluate(startWatch);
  await page.locator('#format-fhir').evaluate((el) => (el as HTMLInputElement).click());
  const tick = await page.evaluate(stopWatch);
  if (!(await page.locator('#format-fhir').isChecked())) throw new Error('FHIR could not be ticked');
  const tickLongestTask = Math.max(0, ...tick.tasks.map(([, duration]) => duration));
  const smallGroups = (await page.locator('#acknowledge').count()) > 0;
  if (smallGroups) await page.locator('#acknowledge').check({ timeout: TIMEOUT });

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heapBefore = await heapUsed(cdp);
  const button = page.getByRole('button', { name: 'Make the export' });
  const runs: Watched[] = [];
  for (let run = 0; run < CHROMIUM_EXPORT_RUNS; run += 1) runs.push(await clickToDownload(page, cdp, button));
  const heapAfter = await heapUsed(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  return { openMs, tickLongestTask, smallGroups, runs, heapBefore, heapAfter, heapAfterGc: await heapUsed(cdp) };
}

export function printResearch(node: NodeExportFigures | Error, chromium: ResearchChromiumFigures | Error): void {
  if (node instanceof Error) console.log(`Node: could not measure: ${node.message.split('\n')[0]}`);
  else {
    printTable(
      ['Node', 'median', 'min', 'runs'],
      node.steps.map((s) => [s.name, seconds(median(s.times)), seconds(min(s.times)), s.times.length]),
    );
    console.log('');
    const total = node.files.reduce((sum, f) => sum + f.bytes, 0);
    printTable(
      ['file', 'size'],
      [...node.files.map((f) => [f.path, kB(f.bytes)]), ['all files, uncompressed', MB(total)], ["the zip (the platform's zlib, its default level)", MB(node.zipBytes)]],
    );
    console.log(
      `\n${node.cases.toLocaleString('en-GB')} cases, ${node.administrations.toLocaleString('en-GB')} completed questionnaires (the data set's drafts are not exported); ` +
        `the research screen's default choices with every format, ${node.smallGroups} small groups (k = 5). ` +
        `RSS with the data set in memory ${MB(node.rssBefore)}; peak ${MB(node.peakBefore)} before the export (making the data set), ` +
        `${MB(node.peakAfterExport)} after buildAndZip, the export streamed (a process of its own; maxRSS). Data set made in ${seconds(node.seedMs)}.`,
    );
  }
  console.log('');
  if (chromium instanceof Error) console.log(`Chromium: could not measure: ${chromium.message.split('\n')[0]}`);
  else {
    printTable(
      ['Chromium, run', 'click → download', 'longest task', 'long tasks, sum', 'three longest, in order', 'JS heap peak (sampled)', 'zip'],
      chromium.runs.map((r, i) => [
        i === 0 ? '1 (study IDs made)' : String(i + 1),
        seconds(r.clickToDownload),
        seconds(r.longestTask),
        seconds(r.longTasksTotal),
        r.longest3.map((d) => seconds(d)).join(', '),
        MB(r.heapPeak),
        MB(r.bytes),
      ]),
    );
    console.log(
      `\nResearch screen opened from the case list: ${ms(chromium.openMs)} until its counts were on screen. Ticking FHIR (the screen checks the ` +
        `selection again): longest main-thread task ${ms(chromium.tickLongestTask)}. Small groups ${chromium.smallGroups ? 'reported and accepted ("Export anyway")' : 'none'}. ` +
        `JS heap before ${MB(chromium.heapBefore)} (after a forced GC), after the runs ${MB(chromium.heapAfter)}, after a GC ${MB(chromium.heapAfterGc)}.`,
    );
  }
  console.log(
    '\nNode: buildAndZip (what the export worker runs, streamed) from src/export on the part-4 data set mapped with exportInput (src/jobs/research-export.ts), ' +
      'in a process of its own. Chromium: the seeded app of part 4, "Make the export" clicked on the research screen; building and zipping ' +
      'run in a Web Worker (its heap is not in the page heap sampled here), so the long tasks are what is left on the main thread.',
  );
}
