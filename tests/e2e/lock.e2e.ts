/**
 * The app lock in Chromium against the built app: with a PIN set, the header's Lock button hides
 * everything of a case (not only visually: nothing of it is in the page), a reload stays locked, and
 * the PIN brings the case page back.
 */
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage, screenshot } from './browser';

const PIN = '5173';
const CODE = 'LOCK-E2E-91';
const NAME = 'Veera Lukkotesti';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function expectNothingOfTheCase(page: Page) {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  expect(text).not.toContain(CODE);
  expect(text).not.toContain(NAME);
  expect(text).not.toContain('Questionnaires');
  expect(text).not.toContain('Start a questionnaire');
  // Nor in any attribute (titles, values, labels).
  expect(await page.evaluate(() => document.body.outerHTML)).not.toContain(CODE);
  expect(await page.getByRole('navigation').count()).toBe(0);
}

describe('app lock in the browser', () => {
  it('locks from the header, stays locked after a reload, and unlocks with the PIN', async () => {
    const { context, page, errors } = await openPage(browser, 'en-GB');
    await page.goto(`${baseURL()}/settings`);
    await page.getByLabel('New PIN', { exact: true }).fill(PIN);
    await page.getByLabel('New PIN again').fill(PIN);
    await page.getByRole('button', { name: 'Set PIN' }).click();
    await page.getByText('PIN set.').waitFor();

    await page.goto(`${baseURL()}/`);
    await page.getByRole('button', { name: 'New case' }).first().click();
    await page.getByLabel('Case code').fill(CODE);
    await page.getByLabel('Year of birth').fill('2013');
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByRole('button', { name: 'Create case' }).click();
    const caseHeading = page.getByRole('heading', { level: 1, name: `Case ${CODE}` });
    await caseHeading.waitFor();
    const caseUrl = page.url();

    await page.getByRole('banner').getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Polku is locked' }).waitFor();
    await expectNothingOfTheCase(page);
    await screenshot(page, 'lock-screen-en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Polku is locked' }).waitFor();
    expect(page.url()).toBe(caseUrl);
    await expectNothingOfTheCase(page);

    await page.getByLabel('Practitioner PIN').fill('0000');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('The PIN is not correct. 4 tries left before a pause.').waitFor();
    await expectNothingOfTheCase(page);

    await page.getByLabel('Practitioner PIN').fill(PIN);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await caseHeading.waitFor();
    expect(await caseHeading.textContent()).toContain(NAME);
    expect(await page.getByRole('heading', { name: 'Polku is locked' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
