/** Debian's Chromium through playwright-core (it downloads no browser of its own). */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = resolve(__dirname, '../../test-results/screenshots');

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // Root in CI needs --no-sandbox; the rest keeps Chromium from calling outside hosts.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export function baseURL(): string {
  return inject('baseURL');
}

/** The practitioner's passphrase in every e2e context (set on the first load, typed at every later one). */
export const E2E_PASSPHRASE = 'harbour willow e2e';

const unpatched = new WeakMap<Page, { goto: Page['goto']; reload: Page['reload'] }>();

/**
 * After a page load: the key screen as a practitioner passes it (issue 17). The first load of a
 * context sets the passphrase; every later load starts without the key and unlocks with it. A
 * load that shows the app itself (a page outside the app) is left as it is.
 */
export async function passKeyScreen(page: Page): Promise<void> {
  // Rendered: either the key screen (once it knows whether a keyring exists) or the app.
  await page.waitForFunction(
    () => {
      const first = document.getElementById('root')?.firstElementChild;
      return !!first && !(first.classList.contains('lock-screen') && first.getAttribute('aria-busy') === 'true');
    },
    undefined,
    { timeout: 30_000 },
  );
  const screen = page.locator('#root > .lock-screen');
  if ((await screen.count()) === 0) return;
  const fields = screen.locator('input[type="password"]');
  for (let i = 0, n = await fields.count(); i < n; i += 1) await fields.nth(i).fill(E2E_PASSPHRASE);
  await screen.locator('form.lock-form button[type="submit"]').click();
  await screen.waitFor({ state: 'detached', timeout: 30_000 });
}

/** Loads an address of the app without passing the key screen (tests of that screen). */
export function gotoLocked(page: Page, url: string): ReturnType<Page['goto']> {
  return (unpatched.get(page)?.goto ?? page.goto.bind(page))(url);
}

/** Whether the loaded page is Polku (its index.html has the root React renders into), from any server. */
async function isApp(page: Page): Promise<boolean> {
  return (await page.locator('#root').count()) > 0;
}

/** goto and reload pass the key screen when they load the app (the key is gone after every load). */
function passKeyScreenAfterLoads(page: Page): void {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  unpatched.set(page, { goto, reload });
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (await isApp(page)) await passKeyScreen(page);
    return response;
  };
  page.reload = async (options) => {
    const response = await reload(options);
    if (await isApp(page)) await passKeyScreen(page);
    return response;
  };
}

/** A fresh context (empty storage) with the browser's language set; its pages pass the key screen after every load. */
export async function openPage(browser: Browser, locale = 'fi-FI'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  context.on('page', passKeyScreenAfterLoads);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors };
}

/** Kept under test-results/ so a person can look at what the test saw. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * The records of a table of the app's IndexedDB as the app wrote them, read from inside the page and
 * opened with the e2e passphrase by a second, independent implementation of the storage format
 * (docs/security.md): PBKDF2 unwraps the data key, HKDF gives the record key, AES-GCM opens each
 * row's `enc` against its table and clear fields. Blind index values are left out, as the app does.
 */
export function readRecords<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    async ({ table, passphrase }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('polku');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const getAll = (name: string) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(request.error);
        });
      const rows = await getAll(table);
      const [device] = await getAll('keyring');
      db.close();
      const utf8 = new TextEncoder();
      const bytes = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
      const canonical = (value: unknown): string => {
        if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
        if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
      };
      if (!device) return rows as never[];
      const ring = (device as { keyring: { salt: string; iv: string; wrappedKey: string; iterations: number } }).keyring;
      const material = await crypto.subtle.importKey('raw', utf8.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
      const wrapping = await crypto.subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(ring.salt), iterations: ring.iterations },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      const dataKey = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(ring.iv), additionalData: utf8.encode('polku/keyring/v1') }, wrapping, bytes(ring.wrappedKey));
      const hkdf = await crypto.subtle.importKey('raw', dataKey, 'HKDF', false, ['deriveKey']);
      const recordKey = await crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8.encode('polku/records/v1') },
        hkdf,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      const blind = ['codeIndex', 'dateIndex', 'studyIdIndex', 'nameIndex'];
      const opened = [];
      for (const row of rows) {
        const { enc, ...clear } = row as { enc?: { iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> } };
        if (!enc) {
          opened.push(row);
          continue;
        }
        const secret = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: enc.iv, additionalData: utf8.encode(`polku/record/v1\0${table}\0${canonical(clear)}`) },
          recordKey,
          enc.ct,
        );
        const record: Record<string, unknown> = { ...clear };
        for (const field of blind) delete record[field];
        opened.push(Object.assign(record, JSON.parse(new TextDecoder().decode(secret)) as Record<string, unknown>));
      }
      return opened as never[];
    },
    { table, passphrase: E2E_PASSPHRASE },
  );
}
