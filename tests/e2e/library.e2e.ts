import type { Browser } from 'playwright-core';
import { baseURL, launch, openPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('instrument library in the browser', () => {
  it.each([
    ['fi-FI', 'fi', 'Mittarikirjasto', '7 mittaria'],
    ['sv-FI', 'sv', 'Instrumentbibliotek', '7 instrument'],
    ['en-GB', 'en', 'Instrument library', '7 instruments'],
  ])('opens in the browser language %s', async (locale, lang, heading, count) => {
    const { context, page, errors } = await openPage(browser, locale);
    await page.goto(`${baseURL()}/instruments`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.getByRole('status').textContent()).toBe(count);
    expect(await page.locator('li.card').count()).toBe(7);
    await screenshot(page, `library-${lang}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the chosen interface language across a reload', async () => {
    const { context, page } = await openPage(browser, 'fi-FI');
    await page.goto(`${baseURL()}/instruments`);
    await page.getByLabel('Käyttöliittymän kieli').selectOption('sv');
    await page.getByRole('heading', { level: 1, name: 'Instrumentbibliotek' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Instrumentbibliotek' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await context.close();
  });

  it('previews a form in another language than the interface, with the keyboard only', async () => {
    const { context, page } = await openPage(browser, 'fi-FI');
    await page.goto(`${baseURL()}/instruments`);
    await page.locator('li.card[data-instrument="function-child"] h2 a').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Polku-funktiokysely – lapsen lomake' }).waitFor();
    const rows = page.locator('tr[data-item]');
    expect(await rows.count()).toBe(20);
    const finnish = await rows.first().locator('td').nth(1).textContent();
    await page.getByRole('radio', { name: 'Svenska' }).focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/lang=sv/);
    await page.locator('tr[data-item] td span[lang="sv"]').first().waitFor();
    const swedish = await rows.first().locator('td').nth(1).textContent();
    expect(swedish).not.toBe(finnish);
    expect(await page.locator('tr[data-item] td span[lang="sv"]').count()).toBe(20);
    // The interface stays Finnish.
    expect(await page.getByRole('heading', { level: 2, name: 'Osiot' }).count()).toBe(1);
    await screenshot(page, 'preview-function-child-sv-in-fi');
    await context.close();
  });

  it('shows a transcription key without item text', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${baseURL()}/instruments/srasr-key-parent/1.0.0`);
    await page.getByText('This is a transcription key').waitFor();
    expect(await page.locator('tr[data-item]').count()).toBe(24);
    expect(await page.locator('tr[data-item="13"]').textContent()).toBe('13Item 13 of the paper form');
    await screenshot(page, 'preview-srasr-key-parent-en');
    await context.close();
  });
});
