/**
 * Clinical rules in Chromium against the built app: the start form takes its defaults from
 * Settings (answering language, "Your name"), and the case page says which profile drives the
 * case, in words (screenshots in English, Finnish and Swedish under test-results/screenshots).
 */
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { baseURL, launch, openPage, readRecords, screenshot, screenshotDir } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function loadExample(page: Page, button: string): Promise<void> {
  await page.goto(`${baseURL()}/`);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(/\/cases\/[^/]+$/);
}

describe('clinical rules in the browser', () => {
  it('starts a questionnaire with the answering language and the name saved in Settings', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, 'en-GB');
    await page.goto(`${baseURL()}/settings`);
    const section = page.locator('section.settings-section', { has: page.getByRole('heading', { name: 'New administrations' }) });
    await section.getByRole('group', { name: 'Default answering language' }).getByRole('radio', { name: 'Svenska' }).check();
    await section.getByLabel('Your name').fill('Psykolog Åsa Öberg');
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Saved.').waitFor();

    await loadExample(page, 'Load an example case');
    await expect.poll(() => page.locator('#start-language').inputValue()).toBe('sv');
    await expect(page.getByLabel('Administered by', { exact: true }).inputValue()).resolves.toBe('Psykolog Åsa Öberg');

    // The start form then stores them on the new administration.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/administrations\/[^/]+$/);
    const stored = (await readRecords<{ status: string; language: string; administeredBy?: string }>(page, 'administrations')).filter((a) => a.status === 'draft');
    expect(stored.map((a) => [a.language, a.administeredBy])).toEqual([['sv', 'Psykolog Åsa Öberg']]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['en-GB', 'Load an example case', 'Which profile drives the case', 'en'],
    ['fi-FI', 'Lataa esimerkkitapaus', 'Mikä profiili ohjaa tapausta', 'fi'],
    ['sv-FI', 'Ladda ett exempelärende', 'Vilken profil styr fallet', 'sv'],
  ])('says in %s which forms the driving profile rests on', { timeout: 90_000 }, async (locale, button, title, language) => {
    const { context, page, errors } = await openPage(browser, locale);
    await loadExample(page, button);
    const section = page.locator('section.driving-profile', { has: page.getByRole('heading', { level: 3, name: title }) });
    const lines = section.getByTestId('driving-summary').locator('li');
    // The example's latest time point: the pupil's, the mother's and the father's function forms.
    await expect.poll(() => lines.count()).toBeGreaterThan(4);
    const texts = await lines.allTextContents();
    expect(texts[0]).toMatch(language === 'en' ? /rests on these 3 forms:$/ : language === 'fi' ? /perustuu näihin 3 lomakkeeseen:$/ : /bygger på de här 3 formulären:$/);
    expect(texts.slice(1, 4).map((t) => t.split(':')[1]!.split(',')[0]!.trim())).toEqual(
      language === 'en' ? ['pupil', 'mother', 'father'] : language === 'fi' ? ['oppilas', 'äiti', 'isä'] : ['elev', 'mamma', 'pappa'],
    );
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, `clinical-case-page-${language}`);
    // The part this test is about, at a readable size.
    await section.screenshot({ path: join(screenshotDir, `clinical-driving-profile-${language}.png`) });
    expect(errors).toEqual([]);
    await context.close();
  });
});
