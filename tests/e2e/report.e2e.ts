/**
 * The PDF report in Chromium against the built app: on the example case, a report in Swedish made
 * from the Finnish interface is downloaded, read back with pdftotext, and checked — the font and
 * jsPDF loaded on demand (jsPDF in the report screen's worker, never on the page), nothing stored
 * changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Every record of every table of the app's IndexedDB, from inside the page. */
function dumpDatabase(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((done, fail) => {
        const open = indexedDB.open('polku');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const transaction = db.transaction(names);
          const dump: Record<string, unknown[]> = {};
          for (const name of names) {
            const request = transaction.objectStore(name).getAll();
            request.onsuccess = () => {
              dump[name] = request.result;
            };
          }
          transaction.oncomplete = () => {
            db.close();
            done(dump);
          };
        };
      }),
  );
}

describe('PDF report', () => {
  it('downloads a Swedish report of the example case with its scores, plan and page footers', async () => {
    const { context, page, errors } = await openPage(browser, 'fi-FI');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    await page.goto(`${baseURL()}/`);
    await page.getByRole('button', { name: 'Lataa esimerkkitapaus' }).click();
    await page.getByText('Tämä on kuvitteellinen esimerkkitapaus.', { exact: false }).waitFor();
    const code = (await page.getByRole('heading', { level: 1 }).textContent())!.replace(/^Tapaus /, '').split(' ')[0]!;
    // Nothing of jsPDF or the font before a report is made.
    expect(requests.filter((path) => /\.ttf$|\/pdf-/.test(path))).toEqual([]);

    await page.getByRole('link', { name: 'Tee raportti (PDF)' }).click();
    await page.getByRole('heading', { level: 1, name: `Raportti (PDF), tapaus ${code}` }).waitFor();
    await page.getByRole('radio', { name: 'Svenska' }).check();
    const before = await dumpDatabase(page);
    await screenshot(page, 'report-options-fi');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tee PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^polku-${code}-\\d{4}-\\d{2}-\\d{2}-sv\\.pdf$`));
    await page.getByText(/^PDF on valmis: /).waitFor();
    const path = join(mkdtempSync(join(tmpdir(), 'polku-report-e2e-')), file.suggestedFilename());
    await file.saveAs(path);

    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Rapport för ärende ${code}`);
    for (const heading of [
      'Resultat per formulär',
      'Jämförelse mellan informanter',
      'Förändring över tid',
      'Plan för gradvis återgång',
      'Närvaro',
      'Om formulären och poängreglerna',
    ]) {
      expect(text).toContain(heading);
    }
    // The child's first function form: avoidance 5, 6, 5, 5, 4 → 5,00.
    expect(text).toMatch(/Undvika skolrelaterat obehag\s+Negativ förstärkning \(att komma undan något\s+5,00 5 av 5/);
    expect(text).not.toContain('Esimerkki Oppilas');
    const pages = Number(/Sida 1 av (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThan(5);
    for (let n = 1; n <= pages; n += 1) expect(text).toContain(`Sida ${n} av ${pages}`);
    expect(text.match(new RegExp(`· ärende ${code}`, 'g'))).toHaveLength(pages);

    expect(requests.filter((path) => path.endsWith('.ttf'))).toHaveLength(2);
    // Drawn in the report screen's worker: jsPDF never runs on the page's main thread, whose longest
    // task would otherwise be jsPDF's output (issue 14: no main-thread task over 100 ms).
    expect(workers.filter((path) => /^\/assets\/pdf-worker-[\w-]+\.js$/.test(path))).toHaveLength(1);
    const pageFiles = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    expect(pageFiles.filter((path) => /^\/assets\/(pdf|jspdf)[.-]/.test(path) && !/^\/assets\/pdf-(in-)?worker-/.test(path))).toEqual([]);
    expect(await dumpDatabase(page)).toEqual(before);
    expect(errors).toEqual([]);
    await context.close();
  });
});
