/**
 * Parts 3, 4 and 7 (browser side): first render cold and warm against a plain React page, and
 * the case list with 1,000 cases and 10,000 administrations, in Debian's Chromium. The seeded
 * app stays open for part 6 (the research export of the same data set, downloads.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../tests/e2e/static-server';
import { gzipSize } from './sizes';
import type { SeedData } from './seed';
import { MB, kB, median, min, ms, printTable } from './table';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 5;
export const TIMEOUT = 30_000;
/** Polku's case list heading in the locale the bench uses (en-GB). */
const CASES_HEADING = 'Cases';

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // The same flags as the end-to-end tests (tests/e2e/browser.ts), plus exact heap figures.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--enable-precise-memory-info',
    ],
  });
}

export function chromiumVersion(browser: Browser): string {
  return browser.version();
}

interface Target {
  name: string;
  selector: string;
  /** Exact text of one matching element. */
  text?: string;
  /** How many matching elements there must be. */
  count?: number;
}

type ProbeWindow = Window & { __bench?: Record<string, { dom: number; frame?: number; count: number }> };

/**
 * Installed before any page script: records, for each target, performance.now() (ms since the
 * navigation started) when it first appears in the DOM, and at the next animation frame (the
 * frame that paints it).
 */
function probe(targets: Target[]): void {
  const w = window as ProbeWindow;
  w.__bench = {};
  const marks = w.__bench;
  const check = () => {
    for (const target of targets) {
      if (marks[target.name]) continue;
      const found = Array.from(document.querySelectorAll(target.selector)).filter((e) => target.text === undefined || e.textContent?.trim() === target.text);
      if (found.length >= (target.count ?? 1)) {
        const mark: { dom: number; frame?: number; count: number } = { dom: performance.now(), count: found.length };
        marks[target.name] = mark;
        requestAnimationFrame(() => {
          mark.frame = performance.now();
        });
      }
    }
    if (targets.every((t) => marks[t.name])) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

export async function newContext(browser: Browser, targets: Target[]): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it there too.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await context.addInitScript(probe, targets);
  return context;
}

export async function waitForMark(page: Page, name: string): Promise<{ dom: number; frame: number; count: number }> {
  await page.waitForFunction((n) => (window as ProbeWindow).__bench?.[n]?.frame !== undefined, name, { timeout: TIMEOUT });
  return page.evaluate((n) => (window as ProbeWindow).__bench![n]! as { dom: number; frame: number; count: number }, name);
}

interface Visit {
  responseEnd: number;
  domContentLoaded: number;
  load: number;
  fcp: number | null;
  headingDom: number;
  headingFrame: number;
  fromServiceWorker: boolean;
  /** Paths of the scripts that had started loading before the heading appeared. */
  scriptsBeforeHeading: string[];
}

async function measureVisit(page: Page, url: string): Promise<Visit> {
  await page.goto(url, { timeout: TIMEOUT });
  const mark = await waitForMark(page, 'heading');
  // FCP and the load event may come a moment after the heading's frame.
  await page
    .waitForFunction(
      () => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return (nav?.loadEventEnd ?? 0) > 0 && performance.getEntriesByName('first-contentful-paint').length > 0;
      },
      null,
      { timeout: 5000 },
    )
    .catch(() => undefined);
  const timing = await page.evaluate((dom) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link' || e.name.endsWith('.js'))
      .filter((e) => e.startTime <= dom && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname);
    // The HTML itself is a module script's first reference: count the entry script tags too.
    const tags = Array.from(document.querySelectorAll('script[src], link[rel="modulepreload"]')).map(
      (e) => new URL((e as HTMLScriptElement).src || (e as HTMLLinkElement).href).pathname,
    );
    return {
      responseEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      fromServiceWorker: nav.workerStart > 0,
      scripts: [...new Set([...tags, ...scripts])],
    };
  }, mark.dom);
  return {
    responseEnd: timing.responseEnd,
    domContentLoaded: timing.domContentLoaded,
    load: timing.load,
    fcp: timing.fcp,
    headingDom: mark.dom,
    headingFrame: mark.frame,
    fromServiceWorker: timing.fromServiceWorker,
    scriptsBeforeHeading: timing.scripts,
  };
}

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: TIMEOUT });
}

interface App {
  name: string;
  dist: string;
  heading: string;
}

/** One cold visit (fresh context) and one warm visit (new tab, same context, service worker in control). */
async function coldAndWarm(browser: Browser, server: StaticServer, app: App, cpuSlowdown: number): Promise<{ cold: Visit; warm: Visit }> {
  const context = await newContext(browser, [{ name: 'heading', selector: 'h1', text: app.heading }]);
  // A slower device (a school tablet): Chromium's CPU throttling, per page, before it navigates.
  const throttled = async (page: Page) => {
    if (cpuSlowdown !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    return page;
  };
  try {
    const page = await throttled(await context.newPage());
    const cold = await measureVisit(page, `${server.url}/`);
    await waitForServiceWorkerControl(page);
    const second = await throttled(await context.newPage());
    const warm = await measureVisit(second, `${server.url}/`);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

export interface FirstRenderFigures {
  polku: { cold: Visit[]; warm: Visit[] };
  hello: { cold: Visit[]; warm: Visit[] };
  scriptsGzip: number;
  scripts: string[];
}

/** CPU slowdowns the first render is measured at: this machine, and 4× slower (a school tablet). */
export const CPU_SLOWDOWNS = [1, 4] as const;

/** The first render at each CPU slowdown; each an interleaved run of Polku and hello. */
export async function benchFirstRenders(browser: Browser, polkuDist: string, helloDist: string): Promise<Map<number, FirstRenderFigures>> {
  const figures = new Map<number, FirstRenderFigures>();
  for (const slowdown of CPU_SLOWDOWNS) {
    console.log(`\n### CPU ${slowdown}×${slowdown === 1 ? '' : ' slower (Emulation.setCPUThrottlingRate)'}\n`);
    figures.set(slowdown, await benchFirstRender(browser, polkuDist, helloDist, slowdown));
  }
  return figures;
}

export async function benchFirstRender(browser: Browser, polkuDist: string, helloDist: string, cpuSlowdown = 1): Promise<FirstRenderFigures> {
  const apps: App[] = [
    { name: 'Polku', dist: polkuDist, heading: CASES_HEADING },
    { name: 'hello', dist: helloDist, heading: 'Hello' },
  ];
  const servers = await Promise.all(apps.map((app) => startStaticServer(app.dist)));
  const results = apps.map(() => ({ cold: [] as Visit[], warm: [] as Visit[] }));
  try {
    // Alternate the two apps so that drift on the machine touches both alike.
    for (let run = 0; run < RUNS; run += 1) {
      for (const [i, app] of apps.entries()) {
        const { cold, warm } = await coldAndWarm(browser, servers[i]!, app, cpuSlowdown);
        results[i]!.cold.push(cold);
        results[i]!.warm.push(warm);
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
  const [polku, hello] = results as [(typeof results)[number], (typeof results)[number]];

  const stat = (visits: Visit[], pick: (v: Visit) => number | null) => {
    const values = visits.map(pick).filter((v): v is number => v !== null && v > 0);
    return values.length === 0 ? ['—', '—'] : [ms(median(values)), ms(min(values))];
  };
  const rows = (name: string, kind: string, visits: Visit[]) => [
    name,
    kind,
    ...stat(visits, (v) => v.headingFrame),
    ...stat(visits, (v) => v.fcp),
    ...stat(visits, (v) => v.responseEnd),
    ...stat(visits, (v) => v.domContentLoaded),
    ...stat(visits, (v) => v.load),
    `${visits.filter((v) => v.fromServiceWorker).length}/${visits.length}`,
  ];
  printTable(
    ['app', 'visit', 'heading med', 'min', 'FCP med', 'min', 'HTML med', 'min', 'DCL med', 'min', 'load med', 'min', 'SW-controlled'],
    [rows('Polku', 'cold', polku.cold), rows('hello', 'cold', hello.cold), rows('Polku', 'warm', polku.warm), rows('hello', 'warm', hello.warm)],
  );
  const ratio = (a: Visit[], b: Visit[], pick: (v: Visit) => number) => {
    const m = median(a.map(pick)) / median(b.map(pick));
    const n = min(a.map(pick)) / min(b.map(pick));
    return [`${m.toFixed(2)}×`, `${n.toFixed(2)}×`];
  };
  console.log('');
  printTable(
    ['Polku / hello', 'heading, medians', 'heading, minima'],
    [
      ['cold', ...ratio(polku.cold, hello.cold, (v) => v.headingFrame)],
      ['warm (service worker)', ...ratio(polku.warm, hello.warm, (v) => v.headingFrame)],
    ],
  );
  const scripts = polku.cold[0]?.scriptsBeforeHeading ?? [];
  const scriptsGzip = scripts.reduce((sum, path) => {
    const file = join(polkuDist, path);
    return existsSync(file) ? sum + gzipSize(file) : sum;
  }, 0);
  console.log(
    `\n${RUNS} runs each, alternating the apps; times in ms since navigation start. "heading": the animation frame after the heading ` +
      `("${CASES_HEADING}" / "Hello") entered the DOM. HTML: responseEnd; DCL: domContentLoadedEventEnd; load: loadEventEnd. Cold: a new ` +
      `browser context (empty HTTP cache, no service worker). Warm: a new tab in the same context once the service worker controls the page.`,
  );
  console.log(`Scripts Polku had requested before its heading appeared (cold): ${scripts.length}, ${kB(scriptsGzip)} gzipped: ${scripts.join(', ')}`);
  return { polku, hello, scriptsGzip, scripts };
}

export interface CaseListFigures {
  listMedian: number;
  listMin: number;
  rows: number;
  caseInAppMedian: number;
  caseDirectMedian: number | null;
  heapUsed: number;
  heapUsedAfterGc: number;
  performanceMemory: number | null;
  domNodes: number;
}

/** The app with the bench's data set in its IndexedDB, in one browser context, served from dist/. */
export interface SeededApp {
  context: BrowserContext;
  page: Page;
  url: string;
  seed: SeedData;
  close(): Promise<void>;
}

/**
 * Opens the app once so that it creates its database, then writes the data set into it through
 * the browser's own IndexedDB (Dexie stores version n as n × 10) and reloads nothing: the caller
 * navigates.
 */
export async function openSeededApp(browser: Browser, polkuDist: string, seed: SeedData): Promise<SeededApp> {
  const server = await startStaticServer(polkuDist);
  const sample = seed.cases.find((c) => c.id === seed.sampleCaseId)!;
  const completed = seed.administrations.filter((a) => a.caseId === sample.id && a.status === 'complete').length;
  const context = await newContext(browser, [
    { name: 'heading', selector: 'h1', text: CASES_HEADING },
    { name: 'rows', selector: 'tr[data-case]' },
    { name: 'case', selector: 'li.timeline-entry .results', count: completed },
  ]);
  const close = async () => {
    await context.close();
    await server.close();
  };
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { timeout: TIMEOUT });
    await waitForMark(page, 'heading');
    await waitForServiceWorkerControl(page).catch(() => undefined);

    const seedStarted = performance.now();
    // As one JSON string: Playwright's own serialisation of a 10,000-record argument takes tens of seconds.
    const payload = JSON.stringify({ cases: seed.cases, administrations: seed.administrations, audit: seed.audit });
    const written = await page.evaluate(async (json) => {
      const data = JSON.parse(json) as { cases: unknown[]; administrations: unknown[]; audit: unknown[] };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('polku');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
        request.onupgradeneeded = () => reject(new Error('the app had not created its database'));
      });
      const stores = Array.from(db.objectStoreNames);
      const version = db.version;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['cases', 'administrations', 'audit'], 'readwrite');
        for (const record of data.cases) tx.objectStore('cases').put(record);
        for (const record of data.administrations) tx.objectStore('administrations').put(record);
        for (const record of data.audit) tx.objectStore('audit').put(record);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('aborted'));
      });
      db.close();
      return { version, stores };
    }, payload);
    console.log(
      `Seeded IndexedDB "polku" (IDB version ${written.version}, i.e. Dexie version ${written.version / 10}; stores ${written.stores.join(', ')}): ` +
        `${seed.cases.length.toLocaleString('en-GB')} cases, ${seed.administrations.length.toLocaleString('en-GB')} administrations, ` +
        `${seed.audit.length.toLocaleString('en-GB')} audit entries in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`,
    );
    return { context, page, url: server.url, seed, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function benchCaseList(app: SeededApp): Promise<CaseListFigures> {
  const { context, page, seed } = app;
  const sample = seed.cases.find((c) => c.id === seed.sampleCaseId)!;
  const sampleAdministrations = seed.administrations.filter((a) => a.caseId === sample.id);
  const completed = sampleAdministrations.filter((a) => a.status === 'complete').length;
  // The case list: a reload, until the table has its rows.
  const list: { headingFrame: number; rowsFrame: number; rows: number }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.reload({ timeout: TIMEOUT });
    const heading = await waitForMark(page, 'heading');
    const rows = await waitForMark(page, 'rows');
    list.push({ headingFrame: heading.frame, rowsFrame: rows.frame, rows: rows.count });
  }
  const rowCount = list[0]!.rows;

  // For context: what reading the two stores whole costs, without the app (the list reads both).
  const reads: { cases: number; administrations: number }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    reads.push(
      await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('polku');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const time = (store: string) =>
          new Promise<number>((resolve, reject) => {
            const started = performance.now();
            const request = db.transaction(store, 'readonly').objectStore(store).getAll();
            request.onsuccess = () => resolve(performance.now() - started);
            request.onerror = () => reject(request.error);
          });
        const cases = await time('cases');
        const administrations = await time('administrations');
        db.close();
        return { cases, administrations };
      }),
    );
  }

  // Memory with the 1,000-case list on screen.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
  const heapUsed = await metric('JSHeapUsedSize');
  const performanceMemory = await page.evaluate(() => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapUsedAfterGc = await metric('JSHeapUsedSize');
  // After the collection: before it, nodes of the reloaded pages that are not yet collected count too.
  const domNodes = await metric('Nodes');

  // One case with 10 administrations: in the app from the list (a click), and as a fresh load of its address.
  const inApp: number[] = [];
  const direct: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.goto(`${app.url}/`, { timeout: TIMEOUT });
    await waitForMark(page, 'rows');
    // The list is virtualised: search for the case so that its row is in the DOM (not timed).
    await page.getByRole('searchbox').fill(sample.code);
    await page.waitForSelector(`tr[data-case="${sample.code}"] a`, { timeout: TIMEOUT });
    const elapsed = await page.evaluate(
      ({ code, count }) =>
        new Promise<number>((resolve, reject) => {
          const link = Array.from(document.querySelectorAll<HTMLAnchorElement>('tr[data-case] a')).find((a) => a.textContent?.trim() === code);
          if (!link) return reject(new Error(`no link to case ${code}`));
          const started = performance.now();
          const done = () => document.querySelectorAll('li.timeline-entry .results').length >= count;
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - started));
          });
          observer.observe(document.body, { childList: true, subtree: true });
          link.click();
          setTimeout(() => reject(new Error('the case page did not show its results in 30 s')), 30_000);
        }),
      { code: sample.code, count: completed },
    );
    inApp.push(elapsed);
    await page.goto(`${app.url}/cases/${sample.id}`, { timeout: TIMEOUT });
    const mark = await waitForMark(page, 'case').catch(() => null);
    if (mark) direct.push(mark.frame);
  }

  printTable(
    ['what', 'median', 'min', 'notes'],
    [
      ['case list, reload → heading', ms(median(list.map((l) => l.headingFrame))), ms(min(list.map((l) => l.headingFrame))), ''],
      ['case list, reload → table rows', ms(median(list.map((l) => l.rowsFrame))), ms(min(list.map((l) => l.rowsFrame))), `${rowCount} rows rendered at once`],
      ['  for context: IndexedDB getAll() of cases', ms(median(reads.map((r) => r.cases))), ms(min(reads.map((r) => r.cases))), 'raw, in the page, no Dexie, no React'],
      ['  for context: IndexedDB getAll() of administrations', ms(median(reads.map((r) => r.administrations))), ms(min(reads.map((r) => r.administrations))), 'raw, with answers'],
      [
        'case page (10 administrations), click in the list → results',
        ms(median(inApp)),
        ms(min(inApp)),
        `${completed} completed (scored on screen), ${sampleAdministrations.length - completed} drafts`,
      ],
      [
        'case page (10 administrations), fresh load → results',
        direct.length ? ms(median(direct)) : '—',
        direct.length ? ms(min(direct)) : '—',
        direct.length < RUNS ? `${direct.length}/${RUNS} runs finished` : '',
      ],
    ],
  );
  console.log(
    `\n${RUNS} runs each; service worker in control; times from navigation start (reload, fresh load) or from the click, to the animation frame after the rows/results entered the DOM.`,
  );
  return {
    listMedian: median(list.map((l) => l.rowsFrame)),
    listMin: min(list.map((l) => l.rowsFrame)),
    rows: rowCount,
    caseInAppMedian: median(inApp),
    caseDirectMedian: direct.length ? median(direct) : null,
    heapUsed,
    heapUsedAfterGc,
    performanceMemory,
    domNodes,
  };
}

export function printBrowserMemory(figures: CaseListFigures): void {
  printTable(
    ['Chromium, case list with 1,000 cases on screen', 'value'],
    [
      ['JS heap used (CDP Performance.getMetrics JSHeapUsedSize)', MB(figures.heapUsed)],
      ['JS heap used after a forced GC (HeapProfiler.collectGarbage)', MB(figures.heapUsedAfterGc)],
      ['performance.memory.usedJSHeapSize (--enable-precise-memory-info)', figures.performanceMemory === null ? '—' : MB(figures.performanceMemory)],
      ['DOM nodes after the GC (CDP Nodes)', figures.domNodes],
    ],
  );
}
