/**
 * The lock and encryption at rest in Chromium against the built app (issue 17): the header's Lock
 * button drops the key and hides everything of a case (not only visually: nothing of it is in the
 * page), a reload needs the passphrase again, what IndexedDB holds on disk has none of the case's
 * text, and a database left by version 3 is sealed when the passphrase is first set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCHEMAS } from '../support/db-versions';
import { SEEDED } from '../support/sealed-rows';
import { baseURL, E2E_PASSPHRASE, gotoLocked, launch, openPage, screenshot } from './browser';

const CODE = 'LOCK-E2E-91';
const NAME = 'Veera Lukkotesti';
const NOTE = 'Pelkää ruokalan melua';

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

/** Every row of every object store of the app's database, as stored: bytes decoded as UTF-8 text, so a plaintext copy inside them would show. */
function diskText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('polku');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows: unknown[] = [];
    for (const name of Array.from(db.objectStoreNames)) {
      rows.push(
        ...(await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        })),
      );
    }
    db.close();
    const decoder = new TextDecoder('utf-8', { fatal: false });
    return JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? `bytes:${decoder.decode(value)}` : value));
  });
}

describe('lock and encryption in the browser', () => {
  it('seals what it stores, locks from the header, needs the passphrase after a reload, and refuses a wrong one', async () => {
    const { context, page, errors } = await openPage(browser, 'en-GB');
    await page.goto(`${baseURL()}/`);
    await page.getByRole('button', { name: 'New case' }).first().click();
    await page.getByLabel('Case code').fill(CODE);
    await page.getByLabel('Year of birth').fill('2013');
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Notes').fill(NOTE);
    await page.getByRole('button', { name: 'Create case' }).click();
    const caseHeading = page.getByRole('heading', { level: 1, name: `Case ${CODE}` });
    await caseHeading.waitFor();
    const caseUrl = page.url();

    // On disk: the case's id and times, never its code, name or notes.
    const disk = await diskText(page);
    expect(disk).toContain('"enc"');
    for (const secret of [CODE, NAME, NOTE]) expect(disk).not.toContain(secret);

    await page.getByRole('banner').getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Polku is locked' }).waitFor();
    await expectNothingOfTheCase(page);
    await screenshot(page, 'lock-screen-en');

    await gotoLocked(page, caseUrl);
    await page.getByRole('heading', { level: 1, name: 'Polku is locked' }).waitFor();
    await expectNothingOfTheCase(page);

    await page.getByLabel('Passphrase').fill('harbour willow e3e');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('The passphrase is not correct. Nothing was opened.').waitFor();
    await expectNothingOfTheCase(page);

    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await caseHeading.waitFor();
    expect(await caseHeading.textContent()).toContain(NAME);
    expect(await page.getByRole('heading', { name: 'Polku is locked' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('seals a database left by version 3 when the passphrase is first set, with every case still there', async () => {
    const { context, page, errors } = await openPage(browser, 'fi-FI');
    // A page of the same origin that is not the app, so the app has not opened its database yet.
    await gotoLocked(page, `${baseURL()}/manifest.webmanifest`);
    const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/db-v3.json'), 'utf8')) as Record<string, unknown[]>;
    await page.evaluate(
      async ({ stores, rows }) => {
        // Dexie version 3 is IndexedDB version 30; its stores as Dexie declared them (tests/support/db-versions.ts).
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('polku', 30);
          request.onupgradeneeded = () => {
            for (const [name, spec] of Object.entries(stores)) {
              const [key, ...indexes] = spec.split(',').map((s) => s.trim());
              const store = request.result.createObjectStore(name, { keyPath: key });
              for (const index of indexes) {
                const unique = index.startsWith('&');
                const bare = index.replace(/^&/, '');
                const keyPath = bare.startsWith('[') ? bare.slice(1, -1).split('+') : bare;
                store.createIndex(bare, keyPath, { unique });
              }
            }
          };
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction(Object.keys(rows), 'readwrite');
        for (const [name, list] of Object.entries(rows)) for (const row of list) tx.objectStore(name).put(row);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { stores: SCHEMAS[3]!, rows: fixture },
    );

    await gotoLocked(page, `${baseURL()}/`);
    await page.getByRole('heading', { level: 1, name: 'Suojaa tämän laitteen tiedot' }).waitFor();
    await page.getByText('Laitteella jo olevat tapaukset salataan nyt.', { exact: false }).waitFor();
    await page.getByText('Jos unohdat tämän tunnuslauseen, kukaan ei voi palauttaa tämän laitteen tietoja.', { exact: false }).waitFor();
    await screenshot(page, 'passphrase-setup-fi');
    await page.getByLabel('Tunnuslause', { exact: true }).fill(E2E_PASSPHRASE);
    await page.getByLabel('Tunnuslause uudelleen').fill(E2E_PASSPHRASE);
    await page.getByRole('button', { name: 'Salaa ja jatka' }).click();

    // Every case of the fixture is listed, and opens.
    for (const kase of fixture.cases as { code: string }[]) await page.getByText(kase.code, { exact: true }).first().waitFor();
    const disk = await diskText(page);
    expect(SEEDED.filter((s) => disk.includes(s))).toEqual([]);
    await page.getByText('FIX-002', { exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: /FIX-002/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
