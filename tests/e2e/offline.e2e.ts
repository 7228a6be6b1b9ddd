/**
 * Offline and updates, against the built app served by a server the test controls:
 * - strictly offline: after one visit the server is stopped AND the network is off (setOffline
 *   alone does not block the service worker's own requests), and the app still works: a case, a
 *   questionnaire, a PDF report (jsPDF and the fonts come from the precache), every instrument
 *   and language;
 * - an update deployed while a draft is open: the user says yes, the page reloads on the new
 *   build, and the half-typed answer is still there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, passKeyScreen, screenshot } from './browser';
import { startStaticServer } from './static-server';

const root = resolve(__dirname, '../..');
// The build under test: dist/, or the one global-setup serves when POLKU_DIST names another.
const dist = process.env.POLKU_DIST ? resolve(process.env.POLKU_DIST) : join(root, 'dist');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

describe('offline-first', () => {
  it('works with the server stopped and the network off after one visit, asking nothing of any other host', async () => {
    const server = await startStaticServer(dist);
    const { context, page, errors } = await openPage(browser, 'fi-FI');
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Tapaukset' }).waitFor();
    await waitForServiceWorker(page);

    await server.close();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Lataa esimerkkitapaus' }).click();
    await page.getByText('Tämä on kuvitteellinen esimerkkitapaus.', { exact: false }).waitFor();
    expect(await page.locator('li.timeline-entry').count()).toBe(14);
    const caseUrl = page.url();
    const code = (await page.getByRole('heading', { level: 1 }).textContent())!.replace(/^Tapaus /, '').split(' ')[0]!;

    // Start and answer a questionnaire offline.
    await page.locator('#start-instrument').selectOption('function-child@1.1.0');
    await page.getByLabel('Vastaustapa').selectOption('interview');
    await page.getByRole('button', { name: 'Aloita', exact: true }).click();
    await page.getByRole('radio', { name: 'joskus', exact: true }).first().check();
    await page.getByText('1/20', { exact: false }).first().waitFor();

    // A PDF report, made offline: jsPDF and the embedded fonts come from the precache.
    await page.goto(caseUrl).catch(() => undefined);
    await page.getByRole('link', { name: 'Tee raportti (PDF)' }).click();
    await page.getByRole('heading', { level: 1, name: `Raportti (PDF), tapaus ${code}` }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tee PDF' }).click();
    const pdf = join(mkdtempSync(join(tmpdir(), 'polku-offline-pdf-')), 'report.pdf');
    await (await download).saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Raportti, tapaus ${code}`);
    expect(text).toContain('Tulokset kyselyittäin');

    // Every instrument and every language is there.
    await page.goto(`${server.url}/instruments`).catch(() => undefined);
    await page.getByLabel('Käyttöliittymän kieli').selectOption('sv');
    await page.getByRole('heading', { level: 1, name: 'Instrumentbibliotek' }).waitFor();
    expect(await page.locator('li.card').count()).toBe(7);
    await page.locator('li.card[data-instrument="quality-function-parent"] h2 a').click();
    await page.locator('tr[data-item]').first().waitFor();
    expect(await page.locator('tr[data-item]').count()).toBe(39);
    await screenshot(page, 'offline-preview-sv');

    expect([...origins]).toEqual([server.url]);
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it("an update deployed while a draft is open reloads only on the user's yes, and loses nothing", async () => {
    const buildB = join(mkdtempSync(join(tmpdir(), 'polku-build-b-')), 'dist');
    const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', buildB, '--emptyOutDir'], {
      cwd: root,
      env: { ...process.env, VITE_BUILD_ID: 'update-b' },
      encoding: 'utf8',
    });
    expect(built.status, built.stderr).toBe(0);

    const server = await startStaticServer(dist);
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/`);
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'New case' }).first().click();
    await page.getByLabel('Case code').fill('UPD-1');
    await page.getByLabel('Year of birth').fill('2012');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByLabel('Questionnaire', { exact: true }).selectOption('absence-checklist@1.1.0');
    await page.getByLabel('How it is answered').selectOption('paper');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const period = page.getByLabel('Item 1', { exact: true });
    await period.fill('20');
    await period.press('Enter');
    await page.getByText('All answers saved.').waitFor();
    // Typed but not yet committed when the update arrives.
    await page.getByLabel('Item 3', { exact: true }).fill('2,5');

    server.serve(buildB);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.getByRole('button', { name: 'Update now' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe('local');
    await page.getByRole('button', { name: 'Update now' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.build === 'update-b', undefined, { timeout: 30_000 });
    // The new version is a new page: it holds no key until the passphrase is given again.
    await passKeyScreen(page);

    await page.getByLabel('Item 1', { exact: true }).waitFor();
    expect(await page.getByLabel('Item 1', { exact: true }).inputValue()).toBe('20');
    expect(await page.getByLabel('Item 3', { exact: true }).inputValue()).toBe('2.5');
    await screenshot(page, 'after-update-draft-en');
    await server.close();
    await context.close();
  });
});
