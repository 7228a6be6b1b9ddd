/**
 * Layout on phones, tablets and laptops in Chromium: the header folds behind a Menu button on a
 * phone, and interview mode keeps a 0–6 scale on one row where it fits and lists it where it does not.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The example case's page, in Swedish. */
/** A translation key shown as text: a namespace of locales/ and a colon, then a key. */
const TEXT_KEY = new RegExp(
  `\\b(${readdirSync(join(__dirname, '../../locales/en'))
    .map((f) => f.replace('.json', ''))
    .join('|')}):[A-Za-z][\\w.-]*`,
  'g',
);

async function exampleCase(page: Page): Promise<string> {
  await page.goto(`${baseURL()}/`);
  await page.evaluate(() => localStorage.setItem('polku.language', 'sv'));
  await page.goto(`${baseURL()}/`);
  await page.getByRole('button', { name: 'Ladda ett exempelärende' }).click();
  // On the case page (a new screen folds the header menu: nothing may be opened before it is there).
  await page.waitForURL(/\/cases\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: /^Ärende / }).waitFor();
  const href = new URL(page.url()).pathname;
  return `${baseURL()}${href!.split('/').slice(0, 3).join('/')}`;
}

/** The top of each option of the first answer scale on the page: one value means one row. */
function optionRows(page: Page): Promise<number[]> {
  return page.evaluate(() => [...new Set([...document.querySelector('.answer-options')!.children].map((option) => (option as HTMLElement).offsetTop))]);
}

/** The example case's main screens, as paths: the list, the case, its plan, attendance, report, a questionnaire, and the app's other screens. */
async function mainScreens(page: Page, button: string): Promise<[string, string][]> {
  await page.goto(`${baseURL()}/`);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(/\/cases\/[^/]+$/);
  const casePath = new URL(page.url()).pathname;
  const plan = page.locator('main a[href*="/plans/"]:not([href$="/new"])').first();
  await plan.waitFor();
  const administration = page.locator('main a[href^="/administrations/"]').first();
  return [
    ['cases', '/'],
    ['case', casePath],
    ['plan', (await plan.getAttribute('href'))!],
    ['attendance', `${casePath}/attendance`],
    ['report', `${casePath}/report`],
    ['answers', (await administration.getAttribute('href'))!],
    ['library', '/instruments'],
    ['preview', '/instruments/function-child/1.1.0'],
    ['research', '/research'],
    ['settings', '/settings'],
  ];
}

describe('layout', () => {
  test.each([
    ['fi-FI', 'fi', 'Lataa esimerkkitapaus'],
    ['sv-FI', 'sv', 'Ladda ett exempelärende'],
    ['en-GB', 'en', 'Load an example case'],
  ])('no main screen scrolls sideways at 390 px in %s, and none shows a text key instead of its text', { timeout: 180_000 }, async (locale, language, button) => {
    const { context, page, errors } = await openPage(browser, locale);
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    const untranslated: string[] = [];
    for (const [name, path] of await mainScreens(page, button)) {
      await page.goto(`${baseURL()}${path}`);
      await page.locator('main h1').first().waitFor();
      // Lazy screens and charts load their code and data first.
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${name} (${path}): ${width} px`);
      // A namespace not loaded shows its key ("cases:mode.paper"): texts load by screen, not all at the start.
      const keys = (await page.evaluate(() => document.body.innerText)).match(TEXT_KEY) ?? [];
      if (keys.length > 0) untranslated.push(`${name}: ${keys.join(', ')}`);
      await screenshot(page, `layout-390-${language}-${name}`);
    }
    expect(wide).toEqual([]);
    expect(untranslated).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the header folds behind a Menu button at 390 px and opens to the whole navigation', async () => {
    const { context, page, errors } = await openPage(browser, 'sv-FI');
    await exampleCase(page);
    await page.setViewportSize({ width: 390, height: 844 });
    const menu = page.getByRole('button', { name: 'Meny' });
    await menu.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Inställningar', exact: true }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'layout-menu-sv-390');
    await page.getByRole('link', { name: 'Inställningar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inställningar' }).waitFor();
    // A new screen folds the menu again.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    // On a laptop there is no Menu button: the navigation is in the header.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await menu.isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Inställningar', exact: true }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('interview mode: the 0–6 scale is one row at 1280 px and a vertical list at 390 px', async () => {
    const { context, page, errors } = await openPage(browser, 'sv-FI');
    const caseUrl = await exampleCase(page);
    await page.goto(caseUrl);
    await page.locator('#start-instrument').selectOption('function-child@1.1.0');
    await page.locator('#start-language').selectOption('sv');
    await page.locator('#start-mode').selectOption('interview');
    await page.locator('#new-administration-title ~ form button[type="submit"]').click();
    await page.waitForURL(/\/administrations\//);
    await page.getByRole('radiogroup').first().waitFor();
    await expect.poll(() => optionRows(page)).toHaveLength(1);
    await screenshot(page, 'layout-interview-sv-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => optionRows(page).then((rows) => rows.length)).toBe(7);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => optionRows(page)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
