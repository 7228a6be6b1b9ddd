/**
 * Accessibility in Chromium against the built app: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on
 * every main screen in Finnish, Swedish and English — the clinician's screens (charts on the case
 * page, plan editor, attendance log, report options, research export) included — and no
 * horizontal overflow of the page at a 640 px wide viewport (narrow screens, 200 % zoom). Every
 * finding is collected first, so one run names every violation on every screen.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { baseURL, E2E_PASSPHRASE, gotoLocked, launch, openPage, passKeyScreen, screenshot } from './browser';

const root = resolve(__dirname, '../..');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PIN = '2580';
const LANGUAGES = [
  { lang: 'fi', locale: 'fi-FI' },
  { lang: 'sv', locale: 'sv-FI' },
  { lang: 'en', locale: 'en-GB' },
] as const;

/** A text of the interface from the shipped locale files, e.g. tr('sv', 'cases:empty.loadExample'). */
function tr(lang: string, key: string): string {
  const [namespace, path] = key.split(':') as [string, string];
  let value: unknown = JSON.parse(readFileSync(join(root, 'locales', lang, `${namespace}.json`), 'utf8'));
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no text ${key} in ${lang}`);
  return value;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs axe on the page as it is now; each violation becomes one readable line. */
async function audit(page: Page, screen: string, found: string[]): Promise<void> {
  const { violations, incomplete } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // AXE_INCOMPLETE=1 also prints what axe could not decide on its own ("needs review").
  if (process.env.AXE_INCOMPLETE)
    for (const v of incomplete) console.log(`INCOMPLETE [${screen}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.any[0]?.message ?? '')).join(' | ')}`);
  for (const v of violations) {
    const targets = v.nodes.map((node) => node.target.join(' ')).join(' | ');
    found.push(`[${screen}] ${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${targets}`);
  }
}

async function expectNoOverflow(page: Page, screen: string, found: string[]): Promise<void> {
  const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
  if (scrollWidth > width + 1) found.push(`[${screen}] horizontal overflow: scrollWidth ${scrollWidth} > viewport ${width}`);
}

/** Starts a questionnaire on the case page, in the interface language, and waits for its screen. */
async function startQuestionnaire(page: Page, caseUrl: string, lang: string, instrument: string, mode: string, handover = false) {
  await page.goto(caseUrl);
  await page.locator('#start-instrument').selectOption(instrument);
  await page.locator('#start-language').selectOption(lang);
  await page.locator('#start-mode').selectOption(mode);
  if (handover) await page.locator('#new-administration-title ~ form input[type="checkbox"]').check();
  await page.locator('#new-administration-title ~ form button[type="submit"]').click();
  await page.waitForURL(handover ? /\/handover\// : /\/administrations\//);
}

describe('accessibility (axe-core, WCAG 2.2 AA) in the browser', () => {
  for (const { lang, locale } of LANGUAGES) {
    it(`finds no violations on any main screen in ${lang}`, { timeout: 480_000 }, async () => {
      const { context, page, errors } = await openPage(browser, locale);
      const found: string[] = [];
      const t = (key: string) => tr(lang, key);
      const h1 = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
      // Each screen to see again at 640 px: its address and its main heading.
      const screens = new Map<string, { url: string; heading: string }>();
      const remember = async (name: string) => screens.set(name, { url: page.url(), heading: (await page.locator('h1').first().textContent()) ?? '' });
      // A step that throws still reports what axe found before it.
      onTestFailed(() => {
        if (found.length > 0) console.error(`accessibility checks found before the failure (${lang}):\n${found.join('\n')}`);
      });

      // Cases: empty list, the new-case form, the list with the example case.
      // The first screen of a new device: setting the passphrase, with a refused (short) one.
      await gotoLocked(page, `${baseURL()}/`);
      await h1(t('lock:setup.title')).waitFor();
      await page.getByLabel(t('lock:setup.passphraseLabel'), { exact: true }).fill('short');
      await page.getByRole('button', { name: t('lock:setup.submit'), exact: true }).click();
      await page.locator('#key-message').waitFor();
      await audit(page, 'passphrase set-up', found);
      await screenshot(page, `a11y-passphrase-setup-${lang}`);
      await passKeyScreen(page);
      await h1(t('cases:title')).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await audit(page, 'cases empty', found);
      await page
        .locator('.empty-state')
        .getByRole('button', { name: t('cases:newCase') })
        .click();
      await page.locator('#new-case-title').waitFor();
      await audit(page, 'new case form', found);
      await page.getByRole('button', { name: t('cases:cancel'), exact: true }).click();
      await page.getByRole('button', { name: t('cases:empty.loadExample') }).click();
      await page.waitForURL(/\/cases\//);
      const caseUrl = page.url();
      await page
        .getByRole('navigation')
        .getByRole('link', { name: t('common:nav.cases') })
        .click();
      await page.locator('.toolbar').waitFor();
      await audit(page, 'cases with the example', found);
      await remember('cases');

      // The example case with every result open.
      await page.goto(caseUrl);
      await page.locator('#new-administration-title').waitFor();
      await page.evaluate(() => document.querySelectorAll<HTMLElement>('details:not([open]) > summary').forEach((summary) => summary.click()));
      await audit(page, 'example case, results open', found);
      await screenshot(page, `a11y-case-${lang}`);
      await remember('case');
      // The informant comparison at the earliest time point, where a function is flagged.
      await page.getByLabel(t('charts:informants.timePoint'), { exact: true }).selectOption({ index: 0 });
      await page.locator('.chart-section tr.is-flagged').first().waitFor();
      await audit(page, 'example case, earliest time point flagged', found);

      // The plan editor: a new plan with one step, then the same refused with its errors shown.
      await page.getByRole('link', { name: `+ ${t('plans:casePlans.new')}`, exact: true }).click();
      await h1(t('plans:newPlan')).waitFor();
      await page.getByRole('button', { name: `+ ${t('plans:addStep')}`, exact: true }).click();
      await page.locator('#step-0-action').waitFor();
      await audit(page, 'new plan with one step', found);
      await page.getByLabel(t('plans:fields.goal'), { exact: true }).fill('—');
      await page.getByRole('button', { name: t('plans:create'), exact: true }).click();
      await page.getByText(t('plans:invalid'), { exact: true }).waitFor();
      await audit(page, 'new plan refused with errors', found);

      // The example case's own plan, with its revision history open.
      await page.goto(caseUrl);
      await page.locator('.case-plans h3 a').first().click();
      await page.locator('#plan-title').waitFor();
      await page.evaluate(() => document.querySelectorAll<HTMLElement>('details:not([open]) > summary').forEach((summary) => summary.click()));
      await audit(page, 'existing plan', found);
      await remember('plan');

      // The attendance log: six weeks of the example, the chart's table open; then a refused week.
      await page.goto(`${caseUrl}/attendance`);
      await h1(t('attendance:title')).waitFor();
      await page.evaluate(() => document.querySelectorAll<HTMLElement>('details:not([open]) > summary').forEach((summary) => summary.click()));
      await audit(page, 'attendance log', found);
      await remember('attendance');
      await page.locator('#day-0-scheduled').fill('2');
      await page.locator('#day-0-attended').fill('5');
      await page.getByRole('button', { name: t('attendance:week.save'), exact: true }).click();
      await page.getByText(t('attendance:invalid'), { exact: true }).waitFor();
      await audit(page, 'attendance week refused with errors', found);

      // The report options screen.
      await page.goto(`${caseUrl}/report`);
      await page.locator('#report-title').waitFor();
      await audit(page, 'report options', found);
      await remember('report');

      // The research export with a project, so every step of its form shows.
      await page.goto(`${baseURL()}/research`);
      await h1(t('research:title')).waitFor();
      await audit(page, 'research export without a project', found);
      await page.getByLabel(t('research:project.firstName'), { exact: true }).fill('A11y');
      await page.getByRole('button', { name: t('research:project.create'), exact: true }).click();
      await page.locator('#project-choice').waitFor();
      await page.locator('#include-example').check();
      await page.locator('.research-counts').waitFor();
      await audit(page, 'research export with a project', found);
      await remember('research');

      // Settings without and with a PIN (every section).
      await page.goto(`${baseURL()}/settings`);
      await page.locator('#pin-pin').waitFor();
      await audit(page, 'settings without PIN', found);
      await page.locator('#pin-pin').fill(PIN);
      await page.locator('#pin-repeat').fill(PIN);
      await page.getByRole('button', { name: t('settings:pin.set'), exact: true }).click();
      await page.getByText(t('settings:pin.savedSet')).waitFor();
      await audit(page, 'settings with PIN', found);
      // The comparison margin refused: its error on the field.
      const margin = page.getByLabel(t('charts:settings.label'), { exact: true });
      await margin.fill('7');
      await page
        .locator('section#comparison')
        .getByRole('button', { name: t('charts:settings.save'), exact: true })
        .click();
      await page.getByText(t('charts:settings.errors.range'), { exact: true }).waitFor();
      await audit(page, 'settings, comparison margin refused', found);
      await remember('settings');

      // The runner, one question per screen: instructions, then a question.
      await startQuestionnaire(page, caseUrl, lang, 'function-child@1.1.0', 'self-report');
      await page.getByRole('button', { name: t('administer:runner.start'), exact: true }).waitFor();
      await audit(page, 'runner instructions', found);
      await page.getByRole('button', { name: t('administer:runner.start'), exact: true }).click();
      await page.locator('.runner-question-text').first().waitFor();
      await audit(page, 'runner question', found);
      // Chosen with the keyboard, which selects without moving on, so the answered screen is audited.
      await page.getByRole('radio').first().focus();
      await page.keyboard.press('Space');
      await page.locator('.answer-option.selected').waitFor();
      await audit(page, 'runner question answered', found);
      await remember('runner');

      // The runner in interview mode: the whole form on one page.
      await startQuestionnaire(page, caseUrl, lang, 'quality-function-child@1.1.0', 'interview');
      await page.getByRole('radio').first().waitFor();
      await audit(page, 'runner interview', found);
      await remember('interview');

      // Paper entry of the SRAS-R key, and its check step.
      await startQuestionnaire(page, caseUrl, lang, 'srasr-key-child@1.1.0', 'paper');
      const first = page.getByLabel(tr(lang, 'paper:itemLabel').replace('{{number}}', '1'), { exact: true });
      await first.waitFor();
      await audit(page, 'paper entry grid', found);
      await remember('paper');
      await first.focus();
      await page.keyboard.type('640153620144263051203362');
      await page.getByText(t('paper:save.saved')).waitFor();
      await page.getByRole('button', { name: t('paper:check') }).click();
      await page.locator('.paper-check').waitFor();
      await audit(page, 'paper check step', found);
      await screenshot(page, `a11y-paper-check-${lang}`);

      // Hand-over: the intro, a question, and the PIN prompt to leave it.
      await startQuestionnaire(page, caseUrl, lang, 'function-child@1.1.0', 'self-report', true);
      await page.locator('.handover-return').waitFor();
      await audit(page, 'hand-over start', found);
      await page.getByRole('button', { name: t('administer:runner.start'), exact: true }).click();
      await page.locator('.runner-question-text').first().waitFor();
      await audit(page, 'hand-over question', found);
      await screenshot(page, `a11y-handover-${lang}`);
      await page.locator('.handover-return').click();
      const handoverPin = page.getByLabel(t('administer:handover.pinLabel'));
      await handoverPin.waitFor();
      await audit(page, 'hand-over PIN prompt', found);
      await handoverPin.fill(PIN);
      await page.getByRole('button', { name: t('administer:handover.submit'), exact: true }).click();
      await page.waitForURL(/\/cases\//);

      // The instrument library and a preview.
      await page.goto(`${baseURL()}/instruments`);
      await h1(t('common:library.title')).waitFor();
      await audit(page, 'instrument library', found);
      await remember('library');
      await page.goto(`${baseURL()}/instruments/quality-function-child/1.0.0`);
      await page.getByRole('radio').first().waitFor();
      await audit(page, 'instrument preview', found);
      await remember('preview');

      // The lock screen, from the header's Lock button.
      await page
        .getByRole('banner')
        .getByRole('button', { name: t('lock:button.label'), exact: true })
        .click();
      await h1(t('lock:screen.title')).waitFor();
      await page.locator('.lock-forgotten > summary').click();
      await audit(page, 'lock screen', found);

      if (lang === 'en') {
        // Narrow screens and zoom: the page reflows without scrolling sideways.
        await page.setViewportSize({ width: 640, height: 900 });
        await expectNoOverflow(page, 'lock screen at 640 px', found);
        await page.getByLabel(t('lock:screen.passphraseLabel'), { exact: true }).fill(E2E_PASSPHRASE);
        await page.getByRole('button', { name: t('lock:screen.unlock'), exact: true }).click();
        await h1(t('lock:screen.title')).waitFor({ state: 'detached' });
        for (const [name, { url, heading }] of screens) {
          await page.goto(url);
          await page.locator('h1', { hasText: heading }).first().waitFor();
          await page.evaluate(() => document.querySelectorAll<HTMLElement>('details:not([open]) > summary').forEach((summary) => summary.click()));
          await expectNoOverflow(page, `${name} at 640 px`, found);
          await audit(page, `${name} at 640 px`, found);
          await screenshot(page, `a11y-narrow-${name}`);
        }
        // 200 % zoom of a 1280 × 900 window: focus moving through the paper grid is never hidden
        // under its sticky status bar (WCAG 2.2 2.4.11 Focus Not Obscured).
        await page.setViewportSize({ width: 640, height: 450 });
        await page.goto(screens.get('paper')!.url);
        const firstInput = page.getByLabel(tr(lang, 'paper:itemLabel').replace('{{number}}', '1'), { exact: true });
        await firstInput.focus();
        for (let item = 1; item <= 24; item += 1) {
          const focus = await page.evaluate(() => {
            const focused = document.activeElement!;
            const bar = document.querySelector('.paper-status')!.getBoundingClientRect();
            const { top, bottom } = focused.getBoundingClientRect();
            return { label: focused.getAttribute('aria-label'), visible: top >= 0 && bottom <= Math.min(window.innerHeight, bar.top) + 1 };
          });
          if (!focus.visible) found.push(`[paper entry at 640 × 450] focus obscured: ${focus.label} is not wholly visible above the sticky status bar`);
          await page.keyboard.press('Tab');
        }
      }

      expect(found, `accessibility checks found:\n${found.join('\n')}`).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
