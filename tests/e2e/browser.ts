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

/** goto and reload pass the key screen when they load the app (the key is gone after every load). */
function passKeyScreenAfterLoads(page: Page): void {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  unpatched.set(page, { goto, reload });
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (url.startsWith(baseURL())) await passKeyScreen(page);
    return response;
  };
  page.reload = async (options) => {
    const response = await reload(options);
    if (page.url().startsWith(baseURL())) await passKeyScreen(page);
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
