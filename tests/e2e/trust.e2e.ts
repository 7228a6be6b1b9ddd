/**
 * Issue 13, "nothing trusted from a file" and "PIN and lock", against the built app in Chromium:
 * restore refuses what the forms refuse, study IDs that are not study IDs, a shipped instrument
 * from a file and a changed unencrypted backup; the research export neutralises formulas and
 * markup from a pack; a 10,000-item pack is refused; four tabs share five PIN tries; the lock
 * leaves no case text (not even a chart label) in the document; another origin cannot frame the app.
 *
 * The backups are made in Node with the app's own storage code on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage, readRecords, screenshot } from './browser';
import { startStaticServer } from './static-server';
import { miniDefinition } from '../support/mini-definition';
import { shipped, shippedCatalog } from '../support/shipped';
import { contentHash } from '../../src/instrument/hash';
import { completeAdministration, saveAnswers, startAdministration } from '../../src/storage/administrations';
import { readContent } from '../../src/storage/backup';
import { plainChecksum } from '../../src/storage/backup-file';
import type { TableRows } from '../../src/storage/tables';
import { createCase } from '../../src/storage/cases';
import { DATABASE_VERSION, PolkuDatabase } from '../../src/storage/db';
import { unlockedSession } from '../support/session';
import { importPack } from '../../src/storage/packs';

const PIN = '5173';
let browser: Browser;
let made = 0;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A device's content, made in Node with the app's storage code. */
async function content(fill: (db: PolkuDatabase) => Promise<void>): Promise<TableRows> {
  made += 1;
  const db = new PolkuDatabase(`trust-e2e-${made}-${Math.random()}`, { session: unlockedSession() });
  await fill(db);
  const tables = await readContent(db);
  db.close();
  await db.delete();
  return tables;
}

/** An unencrypted backup file, its checksum computed as Polku does (as someone editing it on purpose would). */
async function plainBackup(payload: TableRows, checksum?: string): Promise<Buffer> {
  const header = { format: 'polku-backup', version: 1, createdAt: new Date().toISOString(), app: 'polku', databaseVersion: DATABASE_VERSION, encryption: null } as const;
  return Buffer.from(JSON.stringify({ ...header, checksum: checksum ?? (await plainChecksum(header, payload)), payload }));
}

const oneCase = (code: string, name: string) => content(async (db) => void (await createCase(db, { code, birthYear: 2013, displayName: name })));

/** Chooses a backup in Settings → Backup and checks it. */
async function checkBackup(page: Page, file: Buffer): Promise<void> {
  await page.goto(`${baseURL()}/settings#backup`);
  await page.getByLabel('Backup file (.polku)').setInputFiles({ name: 'backup.polku', mimeType: 'application/octet-stream', buffer: file });
  await page.getByRole('button', { name: 'Check the backup' }).click();
}

describe('restore trusts nothing in the file', () => {
  it('refuses a case the form refuses (a code with markup, a 5,000-character name, birth year 1900, an extra field) and stores nothing', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    const tables = await oneCase('TRUST-1', 'Pupil Name');
    const kase = tables.cases![0]!;
    tables.cases = [{ ...kase, code: '<img src=x onerror=alert(1)>', displayName: 'N'.repeat(5000), birthYear: 1900, notes: 'x'.repeat(1024 * 1024), secret: 'extra' }];
    await checkBackup(page, await plainBackup(tables));
    const alert = page.getByRole('alert');
    await alert.getByText('The backup contains records that are not valid (5 problems), so it cannot be restored:').waitFor();
    expect(await alert.locator('li').allTextContents()).toEqual([
      'Cases, record 1, code: the value is not valid',
      'Cases, record 1, displayName: the value is not valid',
      'Cases, record 1, notes: the value is not valid',
      'Cases, record 1, whole record: the value is not valid',
      'Cases, record 1, birthYear: the value is not valid',
    ]);
    expect(await page.getByRole('button', { name: 'Restore', exact: true }).count()).toBe(0);
    expect(await readRecords(page, 'cases')).toEqual([]);
    await context.close();
  });

  it("refuses study IDs that carry the pupil's name and code", async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    const tables = await oneCase('TRUST-2', 'Maija Meikäläinen');
    const kase = tables.cases![0]!;
    const stamp = new Date().toISOString();
    tables.exportProjects = [{ id: 'r1', name: 'Study', createdAt: stamp, updatedAt: stamp }];
    tables.studyIds = [{ id: `r1:${String(kase.id)}`, projectId: 'r1', caseId: kase.id, studyId: 'Maija Meikäläinen TRUST-2', assignedAt: stamp }];
    await checkBackup(page, await plainBackup(tables));
    const alert = page.getByRole('alert');
    await alert.getByText('Study IDs, record 1, studyId: the value is not valid').waitFor();
    expect(await readRecords(page, 'studyIds')).toEqual([]);
    await context.close();
  });

  it('refuses a backup that would replace a shipped instrument, by name, even with a hash that matches', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    const tables = await oneCase('TRUST-3', 'Pupil Three');
    const definition = structuredClone(shipped('function-child@1.0.0'));
    definition.title.en = 'BACKDOOR';
    definition.scales = definition.scales.map((scale) => ({ ...scale, method: 'sum' as const }));
    tables.instrumentPacks = [
      { ref: 'function-child@1.0.0', id: 'function-child', version: '1.0.0', definition, hash: await contentHash(definition), importedAt: new Date().toISOString() },
    ];
    await checkBackup(page, await plainBackup(tables));
    await page
      .getByRole('alert')
      .getByText('Imported instruments, record 1, ref: claims the version number of an instrument that comes with Polku; such instruments are never replaced from a file')
      .waitFor();
    expect(await readRecords(page, 'instrumentPacks')).toEqual([]);
    await context.close();
  });

  it('says an unencrypted backup is unprotected, and refuses one with a changed answer', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    const tables = await content(async (db) => {
      const kase = await createCase(db, { code: 'TRUST-4', birthYear: 2013 });
      const started = await startAdministration(db, { caseId: kase.id, definition: shipped('function-child@1.0.0'), informant: 'child', language: 'fi', mode: 'self-report' });
      await saveAnswers(db, started.id, Object.fromEntries(shipped('function-child@1.0.0').items.map((item) => [item.id, 2])));
      await completeAdministration(db, started.id, { withMissing: false });
    });
    const honest = await plainBackup(tables);
    const changed = JSON.parse(honest.toString('utf8'));
    const answers = changed.payload.administrations[0].answers as Record<string, number>;
    answers[Object.keys(answers)[0]!] = 6;
    await checkBackup(page, Buffer.from(JSON.stringify(changed)));
    await page.getByText('Not encrypted and not protected: anyone who had the file could read it', { exact: false }).waitFor();
    await page
      .getByRole('alert')
      .getByText('The unencrypted backup has been changed or damaged after it was made (its checksum does not match), so it cannot be restored.')
      .waitFor();
    await screenshot(page, 'trust-backup-checksum-refused-en');
    expect(await readRecords(page, 'administrations')).toEqual([]);

    // The same file as made restores.
    await checkBackup(page, honest);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('Restored. Cases added or updated: 1. Questionnaires added or updated: 1.').waitFor();
    await context.close();
  });
});

describe('export and import injection', () => {
  it('the research export neutralises formulas in every CSV and markup in codebook.md from an imported pack', async () => {
    const evil = miniDefinition();
    evil.id = 'evil';
    evil.family = 'evil';
    evil.title = { en: '<script>alert(1)</script> Evil' };
    evil.description = { en: '<img src=x onerror=alert(2)> [click](javascript:alert(3))' };
    evil.items[0].number = '=1+1';
    evil.items[1].number = '@SUM(A1)';
    evil.items[2].number = '-2+3';
    evil.scales[0].label = { en: '+cmd|calc' };
    const tables = await content(async (db) => {
      const imported = await importPack(db, { text: JSON.stringify(evil) }, shippedCatalog);
      if (!imported.ok) throw new Error(JSON.stringify(imported));
      const kase = await createCase(db, { code: 'TRUST-5', birthYear: 2013, gender: 'girl' });
      const started = await startAdministration(db, { caseId: kase.id, definition: imported.definition, informant: 'child', language: 'en', mode: 'self-report' });
      await saveAnswers(db, started.id, { a: 1, b: 2, c: 1, q: { intensity: 1, impact: 2 }, period: 10, sick: 2 });
      await completeAdministration(db, started.id, { withMissing: true });
    });
    const { context, page } = await openPage(browser, 'en-GB');
    await checkBackup(page, await plainBackup(tables));
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('Restored.', { exact: false }).waitFor();

    await page.goto(`${baseURL()}/research`);
    await page.getByLabel('Name of the project', { exact: true }).fill('Injection');
    await page.getByRole('button', { name: 'Create the project' }).click();
    await page.getByLabel(/^Export anyway/).check();
    // Every text the progress line shows on the way (its namespace loads with the screen: never a bare key).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressTexts: string[] }).progressTexts = seen;
      const line = document.querySelector('.research-progress')!;
      new MutationObserver(() => {
        const text = line.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(line, { childList: true, subtree: true, characterData: true });
    });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Make the export' }).click();
    const file = await download;
    const progressTexts = await page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
    expect(progressTexts.length).toBeGreaterThan(0);
    const steps = [
      'Reading the completed questionnaires…',
      'Building the files… You can go on using this page meanwhile.',
      'Writing the files into the zip…',
      'Saving the study IDs and the audit entry…',
    ];
    expect(progressTexts.filter((text) => !steps.includes(text))).toEqual([]);
    const zip = unzipSync(new Uint8Array(Buffer.concat(await readAll(await file.createReadStream()))));
    const text = (path: string) => new TextDecoder().decode(zip[path]);
    const csvs = Object.keys(zip).filter((path) => path.endsWith('.csv'));
    expect(csvs.sort()).toEqual(['answers-long.csv', 'codebook.csv', 'wide/evil.csv']);
    const cells = csvs.flatMap((path) => Papa.parse<string[]>(text(path).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat());
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell))).toEqual([]);
    expect(cells).toContain("'=1+1. Item a");
    expect(cells).toContain("'@SUM(A1). Item b");
    expect(cells).toContain("'-2+3. Item c");
    expect(cells).toContain("'+cmd|calc: items with a value");
    const codebook = text('codebook.md');
    expect(codebook).not.toMatch(/<script|<img/i);
    expect(codebook).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Evil');
    expect(codebook).toContain('&lt;img src=x onerror=alert(2)&gt; \\[click\\](javascript:alert(3))');
    await context.close();
  });

  it('refuses a 10,000-item pack with the item limit, storing nothing', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${baseURL()}/instruments`);
    const pack = miniDefinition();
    pack.id = 'huge';
    pack.items = Array.from({ length: 10_000 }, (_, i) => ({ id: `i${i}`, number: String(i + 1), responseScale: 'freq' }));
    pack.scales = [{ id: 's1', label: { en: 'S' }, items: ['i0'], method: 'mean', minAnswered: 1 }];
    delete pack.profile;
    delete pack.classification;
    delete pack.interpretations;
    await page.getByLabel(/\.json/).setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
    const problems = page.locator('.problem-list li');
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toEqual([expect.stringContaining('Too many items: a pack may have at most 300 items.')]);
    expect(await readRecords(page, 'instrumentPacks')).toEqual([]);
    await context.close();
  });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return chunks;
}

async function setPin(page: Page): Promise<void> {
  await page.goto(`${baseURL()}/settings`);
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('New PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await page.getByText('PIN set.').waitFor();
}

describe('PIN and lock', () => {
  it('four tabs share five wrong PINs when leaving a hand-over: the sixth, in any tab, is refused', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await setPin(page);
    await page.goto(`${baseURL()}/`);
    await page.getByRole('button', { name: 'New case' }).first().click();
    await page.getByLabel('Case code').fill('PIN-TABS');
    await page.getByLabel('Year of birth').fill('2013');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case PIN-TABS' }).waitFor();
    await page.locator('#start-instrument').selectOption('function-child@1.1.0');
    await page.locator('#start-language').selectOption('en');
    await page.locator('#start-mode').selectOption('self-report');
    await page.locator('#new-administration-title ~ form input[type="checkbox"]').check();
    await page.locator('#new-administration-title ~ form button[type="submit"]').click();
    await page.waitForURL(/\/handover\//);
    // The other tabs open Polku (each unlocks with the passphrase) and are led to the same questionnaire.
    const tabs = [page, ...(await Promise.all([1, 2, 3].map(() => context.newPage())))];
    for (const tab of tabs.slice(1)) await tab.goto(`${baseURL()}/`);
    for (const tab of tabs) {
      await tab.waitForURL(/\/handover\//);
      await tab.locator('.handover-return').click();
    }

    const wrong = async (tab: Page) => {
      await tab.getByLabel('Practitioner PIN').fill('0000');
      await tab.getByRole('button', { name: 'Return', exact: true }).click();
    };
    // One count for all tabs: 4, 3, 2, 1 tries left, then the fifth try (tab 1 again) starts a pause.
    const left = ['4 tries left', '3 tries left', '2 tries left', '1 try left'];
    for (const [i, tab] of tabs.entries()) {
      await wrong(tab);
      await tab.getByText(`The PIN is not correct. ${left[i]} before a pause.`).waitFor();
    }
    await wrong(tabs[0]!);
    for (const tab of tabs) await tab.getByText('Too many wrong PINs in a row. Wait 30 seconds, then try again.').waitFor();
    // The sixth try, in another tab, with the right PIN: refused, entry is paused there too.
    expect(await tabs[1]!.getByLabel('Practitioner PIN').isDisabled()).toBe(true);
    const attempts = (await readRecords(page, 'settings')).find((row) => row.key === 'pinAttempts');
    expect(attempts).toMatchObject({ value: { failures: 0, pauses: 1 } });
    await screenshot(tabs[1]!, 'trust-pin-paused-other-tab');
    await context.close();
  });

  it('when locked, no case text is in the document: not the code, the name, nor the chart measurement span', async () => {
    const { context, page, errors } = await openPage(browser, 'en-GB');
    await setPin(page);
    await page.goto(`${baseURL()}/`);
    await page.getByRole('button', { name: 'Load an example case' }).first().click();
    await expect.poll(async () => (await readRecords(page, 'cases')).length).toBe(1);
    const [kase] = await readRecords(page, 'cases');
    await page.goto(`${baseURL()}/cases/${String(kase!.id)}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Case ${String(kase!.code)}`) }).waitFor();
    // recharts measures chart texts in a hidden span it leaves on <body> (here a tick label).
    await page.waitForFunction(() => (document.getElementById('recharts_measurement_span')?.textContent ?? '') !== '');

    await page.getByRole('banner').getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Polku is locked' }).waitFor();
    const text = await page.evaluate(() => document.body.innerText);
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    for (const secret of [String(kase!.code), 'Esimerkki Oppilas', 'Esimerkkikoulu', 'Fictional example case']) {
      expect(text).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
    expect(await page.evaluate(() => document.getElementById('recharts_measurement_span'))).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** A page on another loopback origin that puts `url` in a frame. */
async function framingSite(url: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Another site</title><h1>Another site</h1><iframe id="app" src="${url}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((done) => server.close(() => done())) };
}

describe('framing', () => {
  it('another origin that frames the app shows nothing of it: the headers forbid it, and the script guard renders nothing', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    // The served app sends the headers.
    const response = await page.goto(`${baseURL()}/`);
    expect(response!.headers()['x-frame-options']).toBe('DENY');
    expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

    const site = await framingSite(`${baseURL()}/`);
    await page.goto(site.url);
    await page.getByRole('heading', { name: 'Another site' }).waitFor();
    const frame = await (await page.$('#app'))!.contentFrame();
    // Chromium refuses to render it: whatever the frame holds, it is not Polku.
    await page.waitForFunction(() => document.readyState === 'complete');
    expect(await frame!.evaluate(() => document.body?.innerText ?? '')).not.toMatch(/Polku|Cases|New case/);
    expect(await frame!.evaluate(() => document.getElementById('root'))).toBeNull();
    await site.close();

    // A host that forgets the headers: the app itself renders nothing inside a frame.
    const dist = process.env.POLKU_DIST ? resolve(process.env.POLKU_DIST) : join(__dirname, '../../dist');
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    const careless = await startStaticServer(dist, { headers: false });
    const plain = await framingSite(`${careless.url}/`);
    await page.goto(plain.url);
    const inner = await (await page.$('#app'))!.contentFrame();
    // The app's script ran (it marks the document with its build) and removed everything.
    await inner!.waitForFunction(() => document.documentElement.dataset.build !== undefined && document.getElementById('root') === null);
    expect(await inner!.evaluate(() => document.body.innerHTML)).toBe('');
    await plain.close();
    await careless.close();
    await context.close();
  });
});
