/**
 * The practitioner workflow in Chromium against the built app: a case, a child function form in
 * Finnish in hand-over mode with a reload half-way, a paper SRAS-R key checked against the CLI,
 * and a broken instrument pack refused with nothing stored.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage, screenshot } from './browser';

const root = resolve(__dirname, '../..');
const functionChild = JSON.parse(readFileSync(join(root, 'instruments/function-child/1.1.0.json'), 'utf8'));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Counts records in a table of the app's IndexedDB, from inside the page. */
function countRecords(page: Page, table: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('polku');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).count();
          request.onsuccess = () => {
            done(request.result);
            open.result.close();
          };
        };
      }),
    table,
  );
}

async function setPin(page: Page, pin: string) {
  await page.goto(`${baseURL()}/settings`);
  await page.getByLabel('Uusi PIN-koodi', { exact: true }).fill(pin);
  await page.getByLabel('Uusi PIN-koodi uudelleen').fill(pin);
  await page.getByRole('button', { name: 'Aseta PIN-koodi' }).click();
  await page.getByText('PIN-koodi asetettu.').waitFor();
}

async function createCase(page: Page, code: string) {
  await page.goto(`${baseURL()}/`);
  await page.getByRole('button', { name: 'Uusi tapaus' }).first().click();
  await page.getByLabel('Tapauskoodi').fill(code);
  await page.getByLabel('Syntymävuosi').fill('2013');
  await page.getByRole('button', { name: 'Luo tapaus' }).click();
  await page.getByRole('heading', { level: 1, name: `Tapaus ${code}` }).waitFor();
}

// The function each item belongs to, and the answer the pupil gives for that function:
// avoidance "melkein aina" (5), escape "puolet ajasta" (3), attention "harvoin" (1), tangible "ei koskaan" (0).
const functionOf = new Map<string, string>(functionChild.scales.flatMap((s: { id: string; items: string[] }) => s.items.map((i) => [i, s.id])));
const answerFor: Record<string, string> = { avoidance: 'melkein aina', escape: 'puolet ajasta', attention: 'harvoin', tangible: 'ei koskaan' };

async function answerCurrentScreen(page: Page, number: number) {
  await page.getByText(`Kysymys ${number}/20`).waitFor();
  const id = (await page.locator('.runner-question-text').first().getAttribute('id'))!.replace(/^question-/, '');
  // One click, not check(): check() clicks again until the radio is checked, and once the screen
  // has moved on by itself it would answer the next question too.
  await page.getByRole('radio', { name: answerFor[functionOf.get(id)!]!, exact: true }).click();
  if (number < 20) await page.getByText(`Kysymys ${number + 1}/20`).waitFor();
}

describe('practitioner workflow in the browser', () => {
  it('hands the device over for a Finnish child form, survives a reload half-way, and shows the scores', async () => {
    const { context, page, errors } = await openPage(browser, 'fi-FI');
    await setPin(page, '2468');
    await createCase(page, 'E2E-001');
    await page.locator('#start-instrument').selectOption('function-child@1.1.0');
    await page.getByLabel('Kyselyn kieli').selectOption('fi');
    await page.getByLabel('Vastaustapa').selectOption('self-report');
    await page.getByLabel('Anna laite vastaajalle').check();
    await page.getByRole('button', { name: 'Aloita ja anna laite' }).click();
    await page.getByRole('button', { name: 'Aloita', exact: true }).click();
    for (let n = 1; n <= 10; n += 1) await answerCurrentScreen(page, n);
    await screenshot(page, 'handover-fi-question-11');

    // Half-way: the tab is reloaded. Still in hand-over, at question 11, answers kept.
    await page.reload();
    await page.getByText('Kysymys 11/20').waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.getByRole('button', { name: 'Edellinen' }).click();
    await page.getByText('Kysymys 10/20').waitFor();
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Seuraava' }).click();
    for (let n = 11; n <= 20; n += 1) await answerCurrentScreen(page, n);

    await page.getByRole('button', { name: 'Valmis', exact: true }).click();
    await page.getByRole('heading', { name: 'Kiitos!' }).waitFor();
    await page.getByRole('button', { name: 'Palauta laite työntekijälle' }).click();
    await page.getByLabel('Työntekijän PIN-koodi').fill('2468');
    await page.getByRole('button', { name: 'Palaa', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tapaus E2E-001' }).waitFor();

    // Every item of a function got the same answer, so each function's mean is that answer.
    const rows = await page.locator('li.timeline-entry').first().locator('table.score-table tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/Negatiivinen.*?\)|Positiivinen.*?\)/, ''))).toEqual([
      'Koulun herättämien kielteisten tunteiden välttäminenensisijainen5,005/5',
      'Sosiaalisten tai arvioivien tilanteiden pakeneminen3,005/5',
      'Läheisten huomion hakeminen1,005/5',
      'Koulun ulkopuolisten palkkioiden tavoittelu0,005/5',
    ]);
    await screenshot(page, 'case-fi-after-handover');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('types in a paper SRAS-R key and shows the scores the CLI gives for the same answers', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${baseURL()}/`);
    await page.getByRole('button', { name: 'New case' }).first().click();
    await page.getByLabel('Case code').fill('PAPER-1');
    await page.getByLabel('Year of birth').fill('2012');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByLabel('Questionnaire', { exact: true }).selectOption('srasr-key-child@1.1.0');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const digits = '640153620144263051203362';
    await page.getByLabel('Item 1', { exact: true }).focus();
    await page.keyboard.type(digits);
    await page.getByText('All answers saved.').waitFor();
    await page.getByRole('button', { name: 'Check against the paper' }).click();
    const shown = await page.locator('.paper-check tbody tr').allTextContents();
    // At 1280 px the 24 answers fill the entry's grid (several columns, not one long column) beside the scores.
    const layout = await page.evaluate(() => {
      const answers = [...document.querySelectorAll('.paper-answers li')].map((li) => li.getBoundingClientRect().left);
      const [answersSection, scoresSection] = [...document.querySelectorAll('.paper-check-body > section')].map((section) => section.getBoundingClientRect());
      return { items: answers.length, columns: new Set(answers).size, sideBySide: answersSection!.top === scoresSection!.top && answersSection!.right <= scoresSection!.left };
    });
    expect(layout.items).toBe(24);
    expect(layout.columns).toBeGreaterThan(1);
    expect(layout.sideBySide).toBe(true);
    await screenshot(page, 'paper-srasr-check-en');

    const answers = Object.fromEntries([...digits].map((d, i) => [String(i + 1), Number(d)]));
    const dir = mkdtempSync(join(tmpdir(), 'polku-e2e-'));
    writeFileSync(join(dir, 'answers.json'), JSON.stringify({ instrument: 'srasr-key-child@1.0.0', answers }));
    const cli = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/score.ts'), '--answers', join(dir, 'answers.json')], { cwd: root, encoding: 'utf8' });
    const scales = JSON.parse(cli.stdout).administrations[0].scales as { id: string; score: number }[];
    for (const scale of scales) {
      const label = {
        avoidance: 'Avoiding school-related distress',
        escape: 'Escaping social or evaluative situations',
        attention: 'Seeking attention from significant others',
        tangible: 'Pursuing rewards outside school',
      }[scale.id]!;
      expect(
        shown.find((row) => row.startsWith(label)),
        label,
      ).toContain(scale.score.toFixed(2));
    }
    await page.getByRole('button', { name: 'Save as complete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case PAPER-1' }).waitFor();
    await context.close();
  });

  it('refuses a broken instrument pack with every problem and its path, storing nothing', async () => {
    const { context, page } = await openPage(browser, 'sv-FI');
    await page.goto(`${baseURL()}/instruments`);
    const pack = JSON.parse(readFileSync(join(root, 'instruments/srasr-key-child/1.0.0.json'), 'utf8'));
    pack.id = 'broken-pack';
    pack.scales[1].items[0] = '99';
    pack.responseScales[0].options[6].value = 5;
    await page.getByLabel(/\.json/).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
    const problems = page.locator('.problem-list li');
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toEqual([expect.stringContaining('$.responseScales[0].options[6].value'), expect.stringContaining('$.scales[1].items[0]')]);
    expect((await problems.allTextContents())[1]).toContain('Det finns inget påstående "99".');
    await screenshot(page, 'library-import-refused-sv');
    expect(await countRecords(page, 'instrumentPacks')).toBe(0);
    await context.close();
  });
});
