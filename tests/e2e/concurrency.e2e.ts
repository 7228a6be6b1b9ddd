/**
 * Nothing lost between tabs (issue 13, "Lost edits"), in Chromium against the built app. Two
 * pages of one browser context share the origin's IndexedDB, as two tabs do: a save made from an
 * older copy is refused (never a silent overwrite or delete), an open form hears that another tab
 * saved, a typed count is stored in full when the tab closes at once, and an older tab on a
 * questionnaire shows the stored answers.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, E2E_PASSPHRASE, launch, openPage, readRecords, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const CHANGED = 'This was changed in another tab or window after you opened it. Your changes here are not saved yet.';
const REFUSED = 'Not saved: this was changed in another tab or window after you opened it. Load the saved version, or compare it with yours.';

/** Every record of one object store, read straight from IndexedDB in the page. */
async function createCase(page: Page, code: string): Promise<string> {
  await page.goto(`${baseURL()}/`);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Case code').fill(code);
  await page.getByLabel('Year of birth').fill('2013');
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.getByRole('heading', { level: 1, name: `Case ${code}` }).waitFor();
  return page.url().split('/cases/')[1]!;
}

async function twoTabs(): Promise<{ context: BrowserContext; a: Page; b: Page; errors: string[] }> {
  const { context, page: a, errors } = await openPage(browser, 'en-GB');
  const b = await context.newPage();
  b.on('pageerror', (error) => errors.push(error.message));
  return { context, a, b, errors };
}

describe('two tabs never overwrite each other', () => {
  it('attendance: tab B, opened before A saved Monday, saves Tuesday and Monday stays', async () => {
    const { context, a, b, errors } = await twoTabs();
    const caseId = await createCase(a, 'TABS-ATT');
    const week = `${baseURL()}/cases/${caseId}/attendance?week=2026-03-02`;
    await a.goto(week);
    await b.goto(week);
    await b.locator('#day-0-scheduled').waitFor();

    await a.locator('#day-0-scheduled').fill('6');
    await a.locator('#day-0-attended').fill('6');
    await a.getByRole('button', { name: 'Save the week' }).click();
    await a.getByText('Saved: 1 day (0 removed).').waitFor();

    // B hears of it at once.
    await b.getByText(CHANGED).waitFor();
    await b.locator('#day-1-scheduled').fill('6');
    await b.locator('#day-1-attended').fill('2');
    await b.getByRole('button', { name: 'Compare with the saved version' }).click();
    const compare = b.getByRole('table', { name: 'Your version and the saved version, where they differ' });
    expect(await compare.locator('tbody tr').allTextContents()).toEqual(['Monday 02/03—Scheduled 6 Lessons · Attended 6']);
    await screenshot(b, 'concurrency-attendance-compare');
    await b.getByRole('button', { name: 'Save the week' }).click();
    await b.getByText('Saved: 1 day (0 removed).').waitFor();
    // After the save B shows the whole stored week, Monday included.
    expect(await b.locator('#day-0-scheduled').inputValue()).toBe('6');

    const rows = await readRecords<{ date: string; scheduled: number; attended: number; rev: number }>(b, 'attendance');
    expect(rows.map((r) => [r.date, r.scheduled, r.attended, r.rev]).sort()).toEqual([
      ['2026-03-02', 6, 6, 1],
      ['2026-03-03', 6, 2, 1],
    ]);

    // B (now up to date) changes Monday; A, still on its copy, changes Monday too: refused.
    await b.locator('#day-0-attended').fill('5');
    await b.getByRole('button', { name: 'Save the week' }).click();
    await b.getByText('Saved: 1 day (0 removed).').waitFor();
    await a.getByText(CHANGED).waitFor();
    await a.locator('#day-0-attended').fill('3');
    await a.getByRole('button', { name: 'Save the week' }).click();
    await a.getByText(REFUSED).waitFor();
    expect((await readRecords<{ date: string; attended: number }>(a, 'attendance')).find((r) => r.date === '2026-03-02')!.attended).toBe(5);
    // A takes the stored week.
    await a.getByRole('button', { name: 'Load the saved version (discard my changes)' }).click();
    expect(await a.locator('#day-0-attended').inputValue()).toBe('5');
    expect(await a.locator('#day-1-attended').inputValue()).toBe('2');
    expect(await a.getByText(CHANGED).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('plan: B’s goal edit from an older copy is refused; the contact A saved stays', async () => {
    const { context, a, b, errors } = await twoTabs();
    const caseId = await createCase(a, 'TABS-PLAN');
    await a.goto(`${baseURL()}/cases/${caseId}/plans/new`);
    await a.getByRole('textbox', { name: 'Goal' }).fill('Full school days');
    await a.getByRole('button', { name: 'Create plan' }).click();
    await a.getByText('The plan is saved.').waitFor();
    await b.goto(a.url());
    await b.getByRole('textbox', { name: 'Goal' }).waitFor();

    await a.getByRole('button', { name: 'Add a contact' }).click();
    await a.locator('#contact-0-name').fill('Class teacher Virtanen');
    await a.getByRole('button', { name: 'Save plan' }).click();
    await a.getByText('The plan is saved.').waitFor();

    await b.getByText(CHANGED).waitFor();
    await b.getByRole('textbox', { name: 'Goal' }).fill('Mornings first');
    await b.getByRole('button', { name: 'Save plan' }).click();
    await b.getByText(REFUSED).waitFor();
    const [stored] = await readRecords<{ goal: string; contacts: { name: string }[]; rev: number }>(b, 'plans');
    expect([stored!.goal, stored!.contacts.map((c) => c.name), stored!.rev]).toEqual(['Full school days', ['Class teacher Virtanen'], 1]);

    await b.getByRole('button', { name: 'Compare with the saved version' }).click();
    const rows = await b.getByRole('table', { name: 'Your version and the saved version, where they differ' }).locator('tbody tr').allTextContents();
    expect(rows).toEqual(['GoalMornings firstFull school days', 'Contacts—Class teacher Virtanen']);
    await screenshot(b, 'concurrency-plan-compare');

    await b.getByRole('button', { name: 'Load the saved version (discard my changes)' }).click();
    expect(await b.locator('#contact-0-name').inputValue()).toBe('Class teacher Virtanen');
    await b.getByRole('textbox', { name: 'Goal' }).fill('Mornings first');
    await b.getByRole('button', { name: 'Save plan' }).click();
    await b.getByText('The plan is saved.').waitFor();
    const [after] = await readRecords<{ goal: string; contacts: { name: string }[]; rev: number }>(b, 'plans');
    expect([after!.goal, after!.contacts.map((c) => c.name), after!.rev]).toEqual(['Mornings first', ['Class teacher Virtanen'], 2]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('case: B’s edit from an older copy does not revert A’s notes', async () => {
    const { context, a, b, errors } = await twoTabs();
    const caseId = await createCase(a, 'TABS-CASE');
    await b.goto(a.url());
    await a.getByRole('button', { name: 'Edit', exact: true }).click();
    await b.getByRole('button', { name: 'Edit', exact: true }).click();

    await a.getByLabel('Notes').fill('Notes from A');
    await a.getByRole('button', { name: 'Save', exact: true }).click();
    await a.getByText('Notes from A').waitFor();

    await b.getByText(CHANGED).waitFor();
    await b.getByLabel('School').fill('Koulu B');
    await b.getByRole('button', { name: 'Save', exact: true }).click();
    await b.getByText(REFUSED).waitFor();
    const cases = await readRecords<{ id: string; notes?: string; school?: string; rev: number }>(b, 'cases');
    expect(cases.map((c) => [c.id, c.notes, c.school, c.rev])).toEqual([[caseId, 'Notes from A', undefined, 1]]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('settings: a name saved in another tab is not overwritten by an older settings page', async () => {
    const { context, a, b, errors } = await twoTabs();
    await a.goto(`${baseURL()}/settings`);
    await b.goto(`${baseURL()}/settings`);
    await b.getByLabel('Your name').waitFor();
    await a.getByLabel('Your name').fill('Psychologist A');
    await a.locator('#administration').getByRole('button', { name: 'Save', exact: true }).click();
    await a.locator('#administration').getByText('Saved.').waitFor();

    await b.locator('#administration').getByText(CHANGED).waitFor();
    await b.getByLabel('Your name').fill('Psychologist B');
    await b.locator('#administration').getByRole('button', { name: 'Save', exact: true }).click();
    await b.getByText(REFUSED).waitFor();
    const settings = await readRecords<{ key: string; value: unknown; rev: number }>(b, 'settings');
    expect(settings.find((s) => s.key === 'practitionerName')).toEqual({ key: 'practitionerName', value: 'Psychologist A', rev: 1 });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('questionnaires across tabs and closing', () => {
  async function startQuestionnaire(page: Page, code: string, instrument: string, mode: string): Promise<string> {
    await createCase(page, code);
    await page.getByLabel('Questionnaire', { exact: true }).selectOption(instrument);
    await page.getByLabel('How it is answered').selectOption(mode);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/administrations\//);
    return page.url();
  }

  it('a count typed and the tab closed at once is stored in full (37, not 3)', async () => {
    const { context, a, errors } = await twoTabs();
    const url = await startQuestionnaire(a, 'TABS-COUNT', 'absence-checklist@1.1.0', 'interview');
    const input = a.locator('#i0-input');
    await input.click();
    await a.keyboard.type('37');
    await a.close({ runBeforeUnload: true });
    await new Promise<void>((resolve) => (a.isClosed() ? resolve() : a.once('close', () => resolve())));

    const check = await context.newPage();
    await check.goto(url);
    await check.locator('#i0-input').waitFor();
    // Stored before or as the app opens again; the field then shows it.
    await check.waitForFunction(() => (document.querySelector('#i0-input') as HTMLInputElement).value === '37');
    const [record] = await readRecords<{ answers: Record<string, number> }>(check, 'administrations');
    expect(record!.answers).toEqual({ period: 37 });
    expect(await check.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('polku:unsaved')))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an older tab on the same questionnaire shows the answer stored by the other', async () => {
    const { context, a, b, errors } = await twoTabs();
    const url = await startQuestionnaire(a, 'TABS-FORM', 'function-child@1.1.0', 'interview');
    await b.goto(url);
    const firstItem = (page: Page) => page.getByRole('radiogroup').first().getByRole('radio');
    await firstItem(b).first().waitFor();
    expect(await firstItem(b).nth(4).isChecked()).toBe(false);

    await firstItem(a).nth(4).click();
    await a.waitForFunction(() => (document.querySelectorAll('[role=radiogroup]')[0]!.querySelectorAll('input')[4] as HTMLInputElement).checked);
    // B follows the stored record: the same answer is selected there, without a reload.
    await b.waitForFunction(() => (document.querySelectorAll('[role=radiogroup]')[0]!.querySelectorAll('input')[4] as HTMLInputElement).checked);
    // And B's next answer keeps A's.
    await b.getByRole('radiogroup').nth(1).getByRole('radio').nth(2).click();
    await a.waitForFunction(() => (document.querySelectorAll('[role=radiogroup]')[1]!.querySelectorAll('input')[2] as HTMLInputElement).checked);
    const [record] = await readRecords<{ answers: Record<string, number> }>(b, 'administrations');
    expect(Object.values(record!.answers).sort()).toEqual([2, 4]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('unsaved work is not lost', () => {
  const RESTORED = 'Your unsaved changes from before are back in the form. They are not saved yet.';

  it('a plan step typed before the lock is back after unlocking; nothing of it is in the locked page', async () => {
    const { context, page, errors } = await openPage(browser, 'en-GB');
    const caseId = await createCase(page, 'DRAFT-PLAN');
    await page.goto(`${baseURL()}/cases/${caseId}/plans/new`);
    await page.getByRole('textbox', { name: 'Goal' }).fill('Full school days');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText('The plan is saved.').waitFor();

    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.locator('#step-0-action').fill('Attends the first two lessons with the resource teacher');
    await page.getByRole('banner').getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Polku is locked' }).waitFor();
    expect(await page.evaluate(() => document.body.outerHTML)).not.toContain('resource teacher');
    // Kept sealed while locked: not in sessionStorage as text either.
    expect(JSON.stringify(await page.evaluate(() => ({ ...sessionStorage })))).not.toContain('resource teacher');

    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText(RESTORED).waitFor();
    expect(await page.locator('#step-0-action').inputValue()).toBe('Attends the first two lessons with the resource teacher');
    await page.locator('#step-0-startDate').fill('2026-03-02');
    await page.locator('#step-0-reviewDate').fill('2026-03-13');
    await page.getByRole('checkbox', { name: 'Pupil' }).first().check();
    await page.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText('The plan is saved.').waitFor();
    const [plan] = await readRecords<{ steps: { action: string }[] }>(page, 'plans');
    expect(plan!.steps.map((s) => s.action)).toEqual(['Attends the first two lessons with the resource teacher']);
    // Saved: the draft is gone.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('polku:draft:')))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an attendance week typed, then a header link: coming back shows it; closing the tab asks first', async () => {
    const { context, page, errors } = await openPage(browser, 'en-GB');
    const caseId = await createCase(page, 'DRAFT-WEEK');
    const week = `${baseURL()}/cases/${caseId}/attendance?week=2026-03-02`;
    await page.goto(week);
    await page.locator('#day-2-scheduled').fill('5');
    await page.locator('#day-2-attended').fill('4');
    await page.getByRole('banner').getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.goBack();
    await page.getByText(RESTORED).waitFor();
    expect([await page.locator('#day-2-scheduled').inputValue(), await page.locator('#day-2-attended').inputValue()]).toEqual(['5', '4']);

    // Closing the tab with the week unsaved: the browser asks first.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a case edit typed, then a reload: the edit form is open again with the text', async () => {
    const { context, page, errors } = await openPage(browser, 'en-GB');
    await createCase(page, 'DRAFT-CASE');
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Notes').fill('Met the class teacher on Monday');
    // The reload asks first (a draft is unsaved); it is accepted.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByText(RESTORED).waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe('Met the class teacher on Monday');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Met the class teacher on Monday').waitFor();
    const [stored] = await readRecords<{ notes: string; rev: number }>(page, 'cases');
    expect([stored!.notes, stored!.rev]).toEqual(['Met the class teacher on Monday', 1]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
