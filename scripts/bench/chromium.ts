/**
 * Parts 3, 4 and 7 (browser side): first render cold and warm against a plain React page, and
 * the case list with 1,000 cases and 10,000 administrations, in Debian's Chromium. The seeded
 * app stays open for part 6 (the research export of the same data set, downloads.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DATABASE_VERSION, storesAt } from '../../src/storage/tables';
import { startStaticServer, type StaticServer } from '../../tests/e2e/static-server';
import { gzipSize } from './sizes';
import type { SeedData } from './seed';
import { MB, kB, median, min, ms, printTable } from './table';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 5;
export const TIMEOUT = 30_000;
/** Polku's case list heading in the locale the bench uses (en-GB). */
const CASES_HEADING = 'Cases';
/** The key screen's headings in en-GB (src/ui/app/KeyScreen.tsx, locales/en/lock.json): first run, and every later load. */
export const SETUP_HEADING = 'Protect the data on this device';
export const UNLOCK_HEADING = 'Polku is locked';
/** hello.ts's HELLO_HEADING (not imported: that module loads Vite). */
const HELLO_HEADING = 'Hello';
/** The bench's passphrase: wrapped and unwrapped with PBKDF2 at the app's 600,000 iterations, like anyone's. */
const BENCH_PASSPHRASE = 'bench harbour willow';
/** Sealing tens of thousands of rows at set-up on a loaded machine: minutes, not seconds, before we give up. */
const SEALING_TIMEOUT = 600_000;

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
function probe({ targets, prefix }: { targets: Target[]; prefix: string }): void {
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
          // Said on the console, which the bench hears without running anything in the page (see waitForMark).
          console.debug(`${prefix}${target.name}`);
        });
      }
    }
    if (targets.every((t) => marks[t.name])) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
}

/** The console text the probe says a mark's frame with (the mark's name follows). */
const BENCH_MARK = '__bench:';

/** Per page, the marks whose frame the probe has said on the console, and who waits for which. */
const heard = new WeakMap<Page, { marks: Set<string>; waiting: Map<string, () => void> }>();

function marksOf(page: Page) {
  let entry = heard.get(page);
  if (!entry) {
    entry = { marks: new Set(), waiting: new Map() };
    heard.set(page, entry);
  }
  return entry;
}

export async function newContext(browser: Browser, targets: Target[]): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it there too.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await context.addInitScript(probe, { targets, prefix: BENCH_MARK });
  // A new document (a reload, a visit) has marks of its own: what was heard before it is forgotten.
  context.on('request', (request) => {
    if (!request.isNavigationRequest()) return;
    try {
      const frame = request.frame();
      if (frame === frame.page().mainFrame()) marksOf(frame.page()).marks.clear();
    } catch {
      // A service worker's own request has no frame.
    }
  });
  context.on('console', (message) => {
    const text = message.text();
    const page = message.page();
    if (!page || !text.startsWith(BENCH_MARK)) return;
    const name = text.slice(BENCH_MARK.length);
    const entry = marksOf(page);
    entry.marks.add(name);
    entry.waiting.get(name)?.();
  });
  return context;
}

/**
 * Waits until the probe says a mark's frame on the console, then reads the mark. Nothing runs in
 * the page before that: Playwright's waitForFunction injects its script (about 16 ms of the main
 * thread at its first use, in a trace) and polls: after the load event, before Polku's heading
 * (about 60 ms after load) and mostly after hello's (about 30 ms).
 */
export async function waitForMark(page: Page, name: string): Promise<{ dom: number; frame: number; count: number }> {
  const entry = marksOf(page);
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    if (!entry.marks.has(name)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => {
            entry.waiting.delete(name);
            reject(new Error(`no "${name}" mark in ${TIMEOUT} ms`));
          },
          Math.max(0, deadline - Date.now()),
        );
        entry.waiting.set(name, () => {
          clearTimeout(timer);
          entry.waiting.delete(name);
          resolve();
        });
      });
    }
    const mark = await page.evaluate((n) => (window as ProbeWindow).__bench?.[n] ?? null, name);
    if (mark?.frame !== undefined) return mark as { dom: number; frame: number; count: number };
    // Heard from an earlier document of the page: wait for this one's.
    entry.marks.delete(name);
  }
}

/** Times in the page (ms since its navigation started): the key screen's button clicked, the key screen gone. */
export interface KeyScreenPass {
  clickedAt: number;
  /** The key screen left the DOM: the page holds the key (set-up: the keyring written and every plaintext row sealed). */
  passedAt: number;
  /** Set-up only: the first "Encrypting the stored records: N done" line, and the last N shown. */
  firstProgressAt: number | null;
  lastProgress: number;
}

/**
 * Passes the key screen as a practitioner does (as tests/e2e/browser.ts passKeyScreen): the
 * passphrase typed in each field (set-up has two; not timed), then the button clicked from inside
 * the page, so that the click and the key screen leaving the DOM are timed on the page's clock.
 */
export async function passKeyScreen(page: Page): Promise<KeyScreenPass> {
  const fields = page.locator('#root > .lock-screen input[type="password"]');
  await fields.first().waitFor({ timeout: TIMEOUT });
  for (let i = 0, n = await fields.count(); i < n; i += 1) await fields.nth(i).fill(BENCH_PASSPHRASE);
  return page.evaluate(
    (timeout) =>
      new Promise<KeyScreenPass>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>('#root > .lock-screen form.lock-form button[type="submit"]');
        if (!button) return reject(new Error('no button on the key screen'));
        let firstProgressAt: number | null = null;
        let lastProgress = 0;
        const clickedAt = performance.now();
        const observer = new MutationObserver(() => {
          const screen = document.querySelector('#root > .lock-screen');
          if (screen) {
            const alert = screen.querySelector('[role="alert"]')?.textContent;
            if (alert) {
              observer.disconnect();
              reject(new Error(`the key screen refused: ${alert}`));
            }
            const progress = /([\d,\s]+) done/.exec(screen.querySelector('[role="status"]')?.textContent ?? '');
            if (progress) {
              firstProgressAt ??= performance.now();
              lastProgress = Number(progress[1]!.replace(/\D/g, ''));
            }
            return;
          }
          observer.disconnect();
          resolve({ clickedAt, passedAt: performance.now(), firstProgressAt, lastProgress });
        });
        observer.observe(document.getElementById('root')!, { childList: true, subtree: true, characterData: true });
        button.click();
        setTimeout(() => reject(new Error(`the key screen was still there after ${timeout / 1000} s`)), timeout);
      }),
    SEALING_TIMEOUT,
  );
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

async function measureVisit(page: Page, url: string, heading: 'cold' | 'warm'): Promise<Visit> {
  await page.goto(url, { timeout: TIMEOUT });
  const mark = await waitForMark(page, heading);
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
    // The HTML itself is a module script's first reference: count the entry script tags too. Not
    // the modulepreload links Vite's preload helper adds for a later dynamic import: only a tag
    // whose file started loading before the heading (or has no timing entry) counts.
    const startOf = new Map((performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => [new URL(e.name).pathname, e.startTime]));
    const tags = Array.from(document.querySelectorAll('script[src], link[rel="modulepreload"]'))
      .map((e) => new URL((e as HTMLScriptElement).src || (e as HTMLLinkElement).href).pathname)
      .filter((path) => (startOf.get(path) ?? 0) <= dom);
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
  // Only the controller, with a timeout: `serviceWorker.ready` waits for ever when no worker registers (a blocked script).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: TIMEOUT });
}

interface App {
  name: string;
  dist: string;
  /** The first screen's heading on a first visit, and on a later one. */
  headings: { cold: string; warm: string };
  /** What a person does on the first visit before a later one shows its own first screen. */
  afterCold?: (page: Page) => Promise<unknown>;
}

/** The visits of one run: the first (cold), the second and the third, each in a new tab after the last one closed. */
type VisitKind = 'cold' | 'warm' | 'later';

/**
 * One cold visit (fresh context), then a second (warm) and a third visit (later), each in a new tab
 * of the same context once the service worker controls the page, the tab before it closed: a
 * person opening the app again. The earlier tab is closed because an unlocked Polku left open
 * goes on working (the routes it preloads after unlocking) on the renderer the next tab shares;
 * hello has nothing to do there. The third visit is the usual start: on the second, Chromium
 * still compiles the scripts and writes their code cache (v8.produceModuleCache in a trace,
 * 25–36 ms of the main thread for Polku); from the third on it reads it.
 */
async function visits(browser: Browser, server: StaticServer, app: App, cpuSlowdown: number): Promise<Record<VisitKind, Visit>> {
  const context = await newContext(browser, [
    { name: 'cold', selector: 'h1', text: app.headings.cold },
    { name: 'warm', selector: 'h1', text: app.headings.warm },
  ]);
  // A slower device (a school tablet): Chromium's CPU throttling, per page, before it navigates.
  const throttled = async (page: Page) => {
    if (cpuSlowdown !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    return page;
  };
  try {
    const page = await throttled(await context.newPage());
    const cold = await measureVisit(page, `${server.url}/`, 'cold');
    await waitForServiceWorkerControl(page);
    await app.afterCold?.(page);
    await page.close();
    const again = async () => {
      const next = await throttled(await context.newPage());
      const visit = await measureVisit(next, `${server.url}/`, 'warm');
      await next.close();
      return visit;
    };
    const warm = await again();
    const later = await again();
    return { cold, warm, later };
  } finally {
    await context.close();
  }
}

export interface FirstRenderFigures {
  polku: Record<VisitKind, Visit[]>;
  hello: Record<VisitKind, Visit[]>;
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
    // Polku's first screen is its key screen (issue 17): set-up on a first visit; the passphrase is
    // set there, so a later visit shows the unlock screen. Neither reads a case.
    { name: 'Polku', dist: polkuDist, headings: { cold: SETUP_HEADING, warm: UNLOCK_HEADING }, afterCold: passKeyScreen },
    { name: 'hello', dist: helloDist, headings: { cold: HELLO_HEADING, warm: HELLO_HEADING } },
  ];
  const servers = await Promise.all(apps.map((app) => startStaticServer(app.dist)));
  const results = apps.map((): Record<VisitKind, Visit[]> => ({ cold: [], warm: [], later: [] }));
  try {
    // Alternate the two apps so that drift on the machine touches both alike.
    for (let run = 0; run < RUNS; run += 1) {
      for (const [i, app] of apps.entries()) {
        const run = await visits(browser, servers[i]!, app, cpuSlowdown);
        for (const kind of ['cold', 'warm', 'later'] as const) results[i]![kind].push(run[kind]);
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
    [
      rows('Polku', 'cold', polku.cold),
      rows('hello', 'cold', hello.cold),
      rows('Polku', 'warm (2nd)', polku.warm),
      rows('hello', 'warm (2nd)', hello.warm),
      rows('Polku', 'later (3rd)', polku.later),
      rows('hello', 'later (3rd)', hello.later),
    ],
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
      ['warm (service worker), second visit', ...ratio(polku.warm, hello.warm, (v) => v.headingFrame)],
      ['later (service worker), third visit', ...ratio(polku.later, hello.later, (v) => v.headingFrame)],
    ],
  );
  const scripts = polku.cold[0]?.scriptsBeforeHeading ?? [];
  const scriptsGzip = scripts.reduce((sum, path) => {
    const file = join(polkuDist, path);
    return existsSync(file) ? sum + gzipSize(file) : sum;
  }, 0);
  console.log(
    `\n${RUNS} runs each, alternating the apps; times in ms since navigation start. "heading": the animation frame after the heading ` +
      `(Polku: "${SETUP_HEADING}" cold, "${UNLOCK_HEADING}" warm; hello: "${HELLO_HEADING}") entered the DOM. HTML: responseEnd; DCL: domContentLoadedEventEnd; load: loadEventEnd. Cold: a new ` +
      `browser context (empty HTTP cache, no service worker). Warm and later: the second and third visit, each a new tab in the same context once the service worker controls the page, the tab before it closed.`,
  );
  console.log(`Scripts Polku had requested before its heading appeared (cold): ${scripts.length}, ${kB(scriptsGzip)} gzipped: ${scripts.join(', ')}`);
  return { polku, hello, scriptsGzip, scripts };
}

/** One reload of the seeded case list: ms on the page's clock. */
interface UnlockRun {
  /** Navigation start → the frame that paints the unlock screen's heading. */
  unlockScreen: number;
  /** The click on "Unlock" → the key screen gone (PBKDF2, unwrapping the data key, sub-keys). */
  unlock: number;
  /** The click on "Unlock" → the frame that paints the case list's heading, and its first rows. */
  heading: number;
  rows: number;
  /** The key screen gone → the frame with the first rows: the case list's own time (issue 14's 300 ms). */
  opened: number;
  /** The key screen gone → the whole list read (the table no longer aria-busy). */
  whole: number;
  rowCount: number;
}

export interface CaseListFigures {
  /** Reloads with unlocking, per CPU slowdown (CPU_SLOWDOWNS). */
  unlock: Map<number, UnlockRun[]>;
  caseInAppMedian: number;
  caseDirectMedian: number | null;
  heapUsed: number;
  heapUsedAfterGc: number;
  performanceMemory: number | null;
  domNodes: number;
}

/** Setting the passphrase on the seeded app: the keyring written, then every plaintext row sealed. */
export interface SealingFigures {
  /** The click on "Encrypt and continue" → the key screen gone. */
  total: number;
  /** The click → the first progress line (a batch of 200 rows sealed): roughly the key's wrapping (PBKDF2). */
  firstProgress: number | null;
  /** The click → the unlock screen's heading in the DOM, if the set-up screen gave way to it before the app opened. */
  unlockScreen: number | null;
  /** Rows the screen counted as sealed, and the rows found sealed afterwards per store. */
  counted: number;
  stores: Record<string, { rows: number; sealed: number }>;
}

/** The app with the bench's data set in its IndexedDB, in one browser context, served from dist/. */
export interface SeededApp {
  context: BrowserContext;
  page: Page;
  url: string;
  seed: SeedData;
  sealing: SealingFigures;
  close(): Promise<void>;
}

/** The seeded stores: what database version 3 stored in the clear, and what sealing must have turned into envelopes. */
const SEEDED_STORES = ['cases', 'administrations', 'audit'] as const;

/**
 * Opens the app once so that it creates its database (version 4, with an empty keyring: the
 * set-up screen), writes the data set into it in the clear through the browser's own IndexedDB
 * (Dexie stores version n as n × 10), as version 3 stored it before encryption (cases without the
 * blind `codeIndex`: sealing adds it), reloads, and sets the passphrase on the set-up screen,
 * which seals every row (timed). Afterwards every seeded row is checked to be sealed. The page is
 * left unlocked on the case list; the caller navigates.
 */
export async function openSeededApp(browser: Browser, polkuDist: string, seed: SeedData): Promise<SeededApp> {
  const server = await startStaticServer(polkuDist);
  const sample = seed.cases.find((c) => c.id === seed.sampleCaseId)!;
  const completed = seed.administrations.filter((a) => a.caseId === sample.id && a.status === 'complete').length;
  const context = await newContext(browser, [
    { name: 'setup', selector: 'h1', text: SETUP_HEADING },
    { name: 'unlock', selector: 'h1', text: UNLOCK_HEADING },
    { name: 'heading', selector: 'h1', text: CASES_HEADING },
    { name: 'rows', selector: 'tr[data-case]' },
    { name: 'whole', selector: 'table.case-table[aria-busy="false"]' },
    { name: 'case', selector: 'li.timeline-entry .results', count: completed },
    { name: 'question', selector: '.runner-question-text' },
  ]);
  const close = async () => {
    await context.close();
    await server.close();
  };
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { timeout: TIMEOUT });
    await waitForMark(page, 'setup');
    await waitForServiceWorkerControl(page).catch(() => undefined);

    const seedStarted = performance.now();
    // As one JSON string: Playwright's own serialisation of a 10,000-record argument takes tens of seconds.
    const payload = JSON.stringify({ cases: seed.cases, administrations: seed.administrations, audit: seed.audit });
    const expected = { version: DATABASE_VERSION * 10, stores: Object.keys(storesAt(DATABASE_VERSION, 'all')).sort() };
    const written = await page.evaluate(
      async ({ json, expected }) => {
        const data = JSON.parse(json) as { cases: unknown[]; administrations: unknown[]; audit: unknown[] };
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('polku');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
          request.onupgradeneeded = () => reject(new Error('the app had not created its database'));
        });
        const stores = Array.from(db.objectStoreNames).sort();
        const version = db.version;
        try {
          // The layout the seed is written for (src/storage/tables.ts storesAt): anything else means the bench is out of date.
          if (version !== expected.version || stores.join() !== expected.stores.join())
            throw new Error(`expected IDB version ${expected.version} with ${expected.stores.join(', ')}; found ${version} with ${stores.join(', ')}`);
          const count = (store: string) =>
            new Promise<number>((resolve, reject) => {
              const request = db.transaction(store, 'readonly').objectStore(store).count();
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error);
            });
          if ((await count('keyring')) !== 0) throw new Error('the database already has a keyring');
          await new Promise<void>((resolve, reject) => {
            const tx = db.transaction(['cases', 'administrations', 'audit'], 'readwrite');
            for (const record of data.cases) tx.objectStore('cases').put(record);
            for (const record of data.administrations) tx.objectStore('administrations').put(record);
            for (const record of data.audit) tx.objectStore('audit').put(record);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error ?? new Error('aborted'));
          });
        } finally {
          db.close();
        }
        return { version, stores };
      },
      { json: payload, expected },
    );
    const rows = seed.cases.length + seed.administrations.length + seed.audit.length;
    console.log(
      `Seeded IndexedDB "polku" in the clear (IDB version ${written.version}, i.e. Dexie version ${written.version / 10}; stores ${written.stores.join(', ')}): ` +
        `${seed.cases.length.toLocaleString('en-GB')} cases, ${seed.administrations.length.toLocaleString('en-GB')} administrations, ` +
        `${seed.audit.length.toLocaleString('en-GB')} audit entries (${rows.toLocaleString('en-GB')} rows) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`,
    );

    // The set-up screen as an update from version 3 shows it (it says the stored cases are encrypted now), then the passphrase.
    await page.reload({ timeout: TIMEOUT });
    await waitForMark(page, 'setup');
    const pass = await passKeyScreen(page);
    // The set-up screen reads the keyring live: once the keyring is written (before sealing) it may turn into the unlock screen.
    const unlockScreenAt = await page.evaluate(() => (window as ProbeWindow).__bench?.unlock?.dom ?? null);
    const sealed = await page.evaluate(async (names) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('polku');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores: Record<string, { rows: number; sealed: number }> = {};
      for (const name of names) {
        const all = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(request.error);
        });
        stores[name] = { rows: all.length, sealed: all.filter((row) => row.enc !== undefined && (name !== 'cases' || typeof row.codeIndex === 'string')).length };
      }
      db.close();
      return stores;
    }, SEEDED_STORES);
    const sealing: SealingFigures = {
      total: pass.passedAt - pass.clickedAt,
      firstProgress: pass.firstProgressAt === null ? null : pass.firstProgressAt - pass.clickedAt,
      unlockScreen: unlockScreenAt === null ? null : unlockScreenAt - pass.clickedAt,
      counted: pass.lastProgress,
      stores: sealed,
    };
    const unsealed = Object.entries(sealed).filter(([, s]) => s.sealed !== s.rows);
    if (unsealed.length > 0) throw new Error(`rows left in the clear after set-up: ${unsealed.map(([name, s]) => `${name} ${s.rows - s.sealed} of ${s.rows}`).join(', ')}`);
    printTable(
      ['setting the passphrase on the seeded app (1× CPU)', 'time', 'notes'],
      [
        [
          'click "Encrypt and continue" → first progress line',
          sealing.firstProgress === null ? 'never shown' : ms(sealing.firstProgress),
          'the key wrapped (PBKDF2 600,000) and the first batch of 200 sealed',
        ],
        [
          'click → the unlock screen ("Polku is locked") instead of the set-up screen',
          sealing.unlockScreen === null ? 'never shown' : ms(sealing.unlockScreen),
          'the keyring is written before sealing; the set-up screen reads it live',
        ],
        [
          `click → the app opens: ${rows.toLocaleString('en-GB')} rows sealed`,
          ms(sealing.total),
          `screen counted ${sealing.counted.toLocaleString('en-GB')}; sealed afterwards: ${Object.entries(sealed)
            .map(([name, s]) => `${name} ${s.sealed.toLocaleString('en-GB')}/${s.rows.toLocaleString('en-GB')}`)
            .join(', ')}`,
        ],
      ],
    );
    console.log('');
    return { context, page, url: server.url, seed, sealing, close };
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
  const cdp = await context.newCDPSession(page);
  // The case list: a reload shows the unlock screen; the passphrase, then the table's first rows.
  const unlock = new Map<number, UnlockRun[]>();
  for (const slowdown of CPU_SLOWDOWNS) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    const runs: UnlockRun[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.reload({ timeout: TIMEOUT });
      const screen = await waitForMark(page, 'unlock');
      const pass = await passKeyScreen(page);
      const heading = await waitForMark(page, 'heading');
      const rows = await waitForMark(page, 'rows');
      const whole = await waitForMark(page, 'whole');
      runs.push({
        unlockScreen: screen.frame,
        unlock: pass.passedAt - pass.clickedAt,
        heading: heading.frame - pass.clickedAt,
        rows: rows.frame - pass.clickedAt,
        opened: rows.frame - pass.passedAt,
        whole: whole.frame - pass.passedAt,
        rowCount: rows.count,
      });
    }
    unlock.set(slowdown, runs);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

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
    await passKeyScreen(page);
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
    // From the click on "Unlock": the typing before it is the test's, not the app's.
    const pass = await passKeyScreen(page);
    const mark = await waitForMark(page, 'case').catch(() => null);
    if (mark) direct.push(mark.frame - pass.clickedAt);
  }

  const rows: (string | number)[][] = [];
  for (const [slowdown, runs] of unlock) {
    const cpu = `${slowdown}×`;
    const stat = (pick: (r: UnlockRun) => number) => [ms(median(runs.map(pick))), ms(min(runs.map(pick)))];
    rows.push(
      ['case list, reload → unlock screen', cpu, ...stat((r) => r.unlockScreen), 'from navigation start'],
      ['unlock: click → key screen gone', cpu, ...stat((r) => r.unlock), 'PBKDF2 600,000, unwrap, sub-keys'],
      ['case list, unlock → heading', cpu, ...stat((r) => r.heading), ''],
      ['case list, unlock → first rows', cpu, ...stat((r) => r.rows), `${runs[0]!.rowCount} rows in the DOM (virtualised)`],
      ['case list, key screen gone → first rows', cpu, ...stat((r) => r.opened), 'the list alone: the newest 40 by index'],
      ['case list, key screen gone → whole list', cpu, ...stat((r) => r.whole), 'every case opened and counted (search, filters)'],
    );
  }
  rows.push(
    ['  for context: IndexedDB getAll() of cases', '1×', ms(median(reads.map((r) => r.cases))), ms(min(reads.map((r) => r.cases))), 'raw, in the page, no Dexie, no React; sealed'],
    [
      '  for context: IndexedDB getAll() of administrations',
      '1×',
      ms(median(reads.map((r) => r.administrations))),
      ms(min(reads.map((r) => r.administrations))),
      'raw, sealed answers',
    ],
    [
      'case page (10 administrations), click in the list → results',
      '1×',
      ms(median(inApp)),
      ms(min(inApp)),
      `${completed} completed (scored on screen), ${sampleAdministrations.length - completed} drafts`,
    ],
    [
      'case page (10 administrations), fresh load: unlock → results',
      '1×',
      direct.length ? ms(median(direct)) : '—',
      direct.length ? ms(min(direct)) : '—',
      direct.length < RUNS ? `${direct.length}/${RUNS} runs finished` : '',
    ],
  );
  printTable(['what', 'CPU', 'median', 'min', 'notes'], rows);
  console.log(
    `\n${RUNS} runs each; service worker in control; every load shows the unlock screen (the key is never stored). Times to the animation frame ` +
      'after the screen/rows/results entered the DOM, from the click on "Unlock" (typing the passphrase is not timed) or from the click in the list. ' +
      "CPU 4×: Emulation.setCPUThrottlingRate (WebCrypto's PBKDF2 runs off the main thread and may not be slowed alike).",
  );
  return {
    unlock,
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

const HANDOVER_PIN = '2468';

/** One cold load of a hand-over in progress: ms on the page's clock. */
export interface HandoverRun {
  /** Navigation start → the frame that paints the unlock screen (the key is never stored, so a reload asks for it). */
  unlockScreen: number;
  /** The click on "Unlock" → the frame that paints the questionnaire's current question. */
  question: number;
  /** Whether a service worker served the page (it must not: the load is cold). */
  controlled: boolean;
}

export interface HandoverFigures {
  runs: HandoverRun[];
  /** The question shown after the last load (the draft's place, read from IndexedDB). */
  progress: string;
}

/**
 * A hand-over in progress loaded cold: on the seeded app, a child form is started on the sample
 * case as a hand-over and one question answered; then, five times, the HTTP cache is emptied and
 * the service worker unregistered (a cold load: everything from the server, only IndexedDB kept),
 * the page reloaded: the unlock screen, the passphrase, and the questionnaire at the draft's next
 * question. Afterwards the hand-over is left again, so that part 6 finds the practitioner's screens.
 */
export async function benchHandover(app: SeededApp): Promise<HandoverFigures> {
  const { context, page, seed } = app;
  const sample = seed.cases.find((c) => c.id === seed.sampleCaseId)!;
  // A hand-over needs a practitioner PIN (to leave it again).
  await page.goto(`${app.url}/settings`, { timeout: TIMEOUT });
  await passKeyScreen(page);
  await page.getByLabel('New PIN', { exact: true }).fill(HANDOVER_PIN);
  await page.getByLabel('New PIN again').fill(HANDOVER_PIN);
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await page.getByText('PIN set.').waitFor({ timeout: TIMEOUT });
  await page.goto(`${app.url}/cases/${sample.id}`, { timeout: TIMEOUT });
  await passKeyScreen(page);
  await page.locator('#start-instrument').selectOption('function-child@1.1.0');
  await page.locator('#start-language').selectOption('en');
  await page.locator('#start-mode').selectOption('self-report');
  await page.locator('#new-administration-title ~ form input[type="checkbox"]').check();
  await page.locator('#new-administration-title ~ form button[type="submit"]').click();
  await page.waitForURL(/\/handover\//, { timeout: TIMEOUT });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByText('Question 1 of 20').waitFor({ timeout: TIMEOUT });
  await page.getByRole('radio').first().click();
  await page.getByText('Question 2 of 20').waitFor({ timeout: TIMEOUT });

  const cdp = await context.newCDPSession(page);
  const runs: HandoverRun[] = [];
  let progress = '';
  for (let run = 0; run < RUNS; run += 1) {
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    });
    await cdp.send('Network.clearBrowserCache');
    await page.reload({ timeout: TIMEOUT });
    const screen = await waitForMark(page, 'unlock');
    const pass = await passKeyScreen(page);
    const question = await waitForMark(page, 'question');
    // Served by a service worker? (One may claim the page later, once the app registered it again.)
    const controlled = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart > 0);
    progress = ((await page.locator('.runner-progress-label').first().textContent()) ?? '').trim();
    runs.push({ unlockScreen: screen.frame, question: question.frame - pass.clickedAt, controlled });
  }
  await cdp.detach();
  // Back to the practitioner, with the PIN.
  await page.locator('.handover-return').click();
  await page.getByLabel('Practitioner PIN').fill(HANDOVER_PIN);
  await page.getByRole('button', { name: 'Return', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/handover/'), { timeout: TIMEOUT });
  return { runs, progress };
}

export function printHandover(figures: HandoverFigures): void {
  const stat = (pick: (r: HandoverRun) => number) => [ms(median(figures.runs.map(pick))), ms(min(figures.runs.map(pick)))];
  printTable(
    ['hand-over in progress, cold load (1× CPU)', 'median', 'min', 'notes'],
    [
      [
        'reload → unlock screen',
        ...stat((r) => r.unlockScreen),
        `HTTP cache emptied, service worker unregistered; served by one: ${figures.runs.filter((r) => r.controlled).length}/${figures.runs.length}`,
      ],
      ['click "Unlock" → the current question', ...stat((r) => r.question), `the draft read from IndexedDB; shown: "${figures.progress}"`],
      ['both (the typing between them not counted)', ...stat((r) => r.unlockScreen + r.question), ''],
    ],
  );
}
