/**
 * Clinician review in Chromium against the built app, on the example case in the Finnish
 * interface: the informant comparison flags seeking attention at the earliest time point and
 * nothing at the latest until the margin is lowered in settings; the over-time table has the
 * hand-computed means; a three-step plan is written, reordered with the keyboard, saved and read
 * back after a reload; a week of attendance gives 24 of 30 lessons = 80 %.
 *
 * Expected values, by hand from src/storage/example-case.ts (each function has five items, so a
 * score is the mean of its five answers):
 *
 *                   112 days ago          56 days ago           7 days ago
 *   pupil   avoid   5,6,5,5,4 = 5.0       4,3,4,3,4 = 3.6       2,1,2,2,1 = 1.6
 *           escape  4,4,5,3,4 = 4.0       4,3,4,4,3 = 3.6       2,3,2,2,2 = 2.2
 *           attent. 2,1,2,1,2 = 1.6       1,1,2,1,1 = 1.2       1,0,1,1,0 = 0.6
 *           tang.   1,0,0,1,0 = 0.4       0,1,0,0,0 = 0.2       0,0,0,1,0 = 0.2
 *   mother  avoid   5.4  escape 3.2       avoid 4.2  escape 2.8 avoid 2.2  escape 1.8
 *           attent. 3,4,3,3,4 = 3.4       2.8                   2,2,2,1,2 = 1.8
 *           tang.   0.8                   0.6                   0.2
 *   father  avoid   4.4  escape 2.6       avoid 3.4  escape 2.2 avoid 1.8  escape 1.8
 *           attent. 2,2,1,2,2 = 1.8       1.6                   1,1,1,1,2 = 1.2
 *           tang.   1.4                   0.8                   0.4
 *
 * Combined profile = mean(pupil, mean(mother, father)):
 *   112 days: 4.95, 3.45, 2.10, 0.75 → primary avoidance (escape is 1.5 lower; tie margin 0.25)
 *    56 days: 3.70, 3.05, 1.70, 0.45 → primary avoidance
 *     7 days: 1.80, 2.00, 1.05, 0.25 → escape and avoidance co-primary (0.2 apart; the higher first)
 * Pupil's own primary: avoidance; avoidance and escape (tied at 3.6); escape.
 *
 * Informant gaps ≥ 1.5 at 112 days: attention pupil–mother 1.8, mother–father 1.6 (nothing else
 * reaches 1.5: escape pupil–father 1.4 is the next largest). At 7 days the largest gap is attention
 * pupil–mother 1.2, so a margin of 1.0 flags it and nothing else (every other gap ≤ 0.6).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { baseURL, launch, openPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 24 * 60 * 60 * 1000;
const AVOIDANCE = 'Koulun herättämien kielteisten tunteiden välttäminen';
const ESCAPE = 'Sosiaalisten tai arvioivien tilanteiden pakeneminen';

/** "YYYY-MM-DD" of today + days on this machine (the browser runs in the same time zone). */
function localDate(days: number): string {
  const date = new Date(Date.now() + days * DAY);
  return [date.getFullYear(), String(date.getMonth() + 1).padStart(2, '0'), String(date.getDate()).padStart(2, '0')].join('-');
}

/**
 * The date of an example form as the app writes it (formatDate in fi: "2.8.2026"), by the
 * browser's own Intl. The example places its n-th form n × 10 minutes after "days ago", so a run
 * just before midnight sees some forms on the next day; computing the same instant keeps the
 * expectations right then too.
 */
function shownDate(page: Page, daysAgo: number, formIndex: number): Promise<string> {
  return page.evaluate(
    (ms) => new Date(Date.now() - ms).toLocaleDateString('fi-FI', { day: 'numeric', month: 'short', year: 'numeric' }),
    daysAgo * DAY - formIndex * 10 * 60 * 1000,
  );
}

/** The chart section under its h3. */
function chartSection(page: Page, title: string): Locator {
  return page.locator('section.chart-section', { has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

/** Every cell of every body row, as the screen shows it. */
function tableRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));
}

describe('clinician review in the browser', () => {
  it('flags differing informants, tables the means over time, saves a reordered plan and rates a week of attendance', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, 'fi-FI');
    await page.goto(`${baseURL()}/`);
    await page.getByRole('button', { name: 'Lataa esimerkkitapaus' }).click();
    await page.waitForURL(/\/cases\/[^/]+$/);
    const caseUrl = page.url();

    // 1. Informants side by side: the latest time point by default, nothing flagged at 1.5.
    const informants = chartSection(page, 'Vastaajat rinnakkain');
    const summary = informants.locator('.chart-summary li');
    const latestAgree = [
      'Tällä arviointikerralla vastasivat: oppilas, äiti ja isä.',
      'Minkään kahden vastaajan arviot eivät eroa yhdessäkään funktiossa 1,5 pistettä tai enempää.',
      'Yhdistetty profiili: yhtä lailla ensisijaiset funktiot ovat sosiaalisten tai arvioivien tilanteiden pakeneminen ja koulun herättämien kielteisten tunteiden välttäminen.',
    ];
    await expect.poll(() => summary.allTextContents()).toEqual(latestAgree);
    await expect(informants.locator('.chart-note').first().textContent()).resolves.toBe('Vastaajien välinen ero merkitään, kun se on vähintään 1,5 pistettä (asetus).');
    await expect(informants.locator('tbody tr.is-flagged').count()).resolves.toBe(0);

    // The earliest time point, chosen by its label in the list.
    // Its forms are the example's first three (pupil, mother, father).
    const [start, end] = [await shownDate(page, 112, 0), await shownDate(page, 112, 2)];
    const earliest = `${start === end ? start : `${start} – ${end}`}: Oppilas, Äiti, Isä`;
    await informants.getByLabel('Arviointikerta').selectOption({ label: earliest });
    await expect
      .poll(() => summary.allTextContents())
      .toEqual([
        'Tällä arviointikerralla vastasivat: oppilas, äiti ja isä.',
        'Oppilas ja äiti: arviot eroavat 1,8 pistettä funktiossa ”läheisten huomion hakeminen” (1,60 ja 3,40).',
        'Äiti ja isä: arviot eroavat 1,6 pistettä funktiossa ”läheisten huomion hakeminen” (3,40 ja 1,80).',
        'Yhdistetty profiili: ensisijainen funktio on koulun herättämien kielteisten tunteiden välttäminen.',
      ]);
    await informants.getByText('Näytä luvut taulukkona').click();
    expect(await tableRows(informants.locator('table'))).toEqual([
      [AVOIDANCE, '5,00ensisijainen', '5,40ensisijainen', '4,40ensisijainen', '4,95ensisijainen', 'ei'],
      [ESCAPE, '4,00', '3,20', '2,60', '3,45', 'ei'],
      ['Läheisten huomion hakeminen', '1,60', '3,40', '1,80', '2,10', '⚠ kyllä'],
      ['Koulun ulkopuolisten palkkioiden tavoittelu', '0,40', '0,80', '1,40', '0,75', 'ei'],
    ]);
    await screenshot(page, 'clinician-informants-earliest-fi');

    // 2. Over time: the combined profile first, then the pupil's own forms.
    const overTime = chartSection(page, 'Muutos ajan myötä');
    // The pupil's forms are the example's forms 0, 3 and 6; each starts its time point.
    const dates = [await shownDate(page, 112, 0), await shownDate(page, 56, 3), await shownDate(page, 7, 6)];
    await overTime.getByText('Näytä luvut taulukkona').click();
    const overTimeTable = overTime.locator('table');
    await expect(overTimeTable.locator('caption').textContent()).resolves.toBe('Pisteet funktioittain ajan mittaan: Yhdistetty');
    expect(await tableRows(overTimeTable)).toEqual([
      [dates[0], '1.1.0', '4,95', '3,45', '2,10', '0,75', AVOIDANCE],
      [dates[1], '1.1.0', '3,70', '3,05', '1,70', '0,45', AVOIDANCE],
      [dates[2], '1.1.0', '1,80', '2,00', '1,05', '0,25', `${ESCAPE}, ${AVOIDANCE}`],
    ]);
    await overTime.getByRole('group', { name: 'Kenen vastaukset' }).getByRole('radio', { name: 'Oppilas', exact: true }).check();
    await expect.poll(() => overTimeTable.locator('caption').textContent()).toBe('Pisteet funktioittain ajan mittaan: Oppilas');
    expect(await tableRows(overTimeTable)).toEqual([
      [dates[0], '1.1.0', '5,00', '4,00', '1,60', '0,40', AVOIDANCE],
      [dates[1], '1.1.0', '3,60', '3,60', '1,20', '0,20', `${AVOIDANCE}, ${ESCAPE}`],
      [dates[2], '1.1.0', '1,60', '2,20', '0,60', '0,20', ESCAPE],
    ]);
    expect(await overTime.locator('.chart-summary li').allTextContents()).toEqual([
      `Oppilas: 3 kyselyä ajalta ${dates[0]} – ${dates[2]}.`,
      `${AVOIDANCE}: 5,00 → 1,60 (laski).`,
      `${ESCAPE}: 4,00 → 2,20 (laski).`,
      'Läheisten huomion hakeminen: 1,60 → 0,60 (laski).',
      'Koulun ulkopuolisten palkkioiden tavoittelu: 0,40 → 0,20 (laski).',
      `Ensisijainen funktio vaihtui: ennen ${AVOIDANCE.toLowerCase()}, nyt ${ESCAPE.toLowerCase()}.`,
    ]);

    // The margin lowered to 1.0 in settings: the latest time point now flags attention.
    await page.goto(`${baseURL()}/settings`);
    const comparison = page.locator('section#comparison');
    await comparison.getByLabel('Raja pisteinä').fill('1,0');
    await comparison.getByRole('button', { name: 'Tallenna', exact: true }).click();
    await comparison.getByText('Tallennettu.', { exact: true }).waitFor();
    await page.goto(caseUrl);
    await expect
      .poll(() => summary.allTextContents())
      .toEqual([
        'Tällä arviointikerralla vastasivat: oppilas, äiti ja isä.',
        'Oppilas ja äiti: arviot eroavat 1,2 pistettä funktiossa ”läheisten huomion hakeminen” (0,60 ja 1,80).',
        latestAgree[2],
      ]);
    await expect(informants.locator('.chart-note').first().textContent()).resolves.toBe('Vastaajien välinen ero merkitään, kun se on vähintään 1 piste (asetus).');
    await expect(informants.locator('tbody tr.is-flagged').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-scale')))).resolves.toEqual(['attention']);

    // 3. A plan with three steps, the third moved up with the keyboard, saved, reloaded.
    await page.getByRole('link', { name: '+ Uusi suunnitelma' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uusi paluusuunnitelma' }).waitFor();
    await page.getByLabel('Tavoite', { exact: true }).fill('Täydet koulupäivät omassa luokassa');
    await page.getByLabel('Sovittu paluupäivä').fill(finnish(localDate(28)));
    const planned = [
      { action: 'Tulee kouluun ensimmäiselle tunnille', start: localDate(1), review: localDate(5), criterion: '4 aamua viidestä', responsible: ['Oppilas', 'Huoltaja'] },
      { action: 'Osallistuu aamupäivän tunneille', start: localDate(8), review: localDate(12), criterion: '4 aamupäivää viidestä', responsible: ['Oppilas', 'Opettaja'] },
      { action: 'Syö koululounaan luokan kanssa', start: localDate(15), review: localDate(19), criterion: '3 päivää viidestä', responsible: ['Opettaja', 'Psykologi'] },
    ];
    const steps = page.locator('ol.plan-steps > li');
    for (const [i, step] of planned.entries()) {
      await page.getByRole('button', { name: '+ Lisää vaihe' }).click();
      const item = steps.nth(i);
      await item.getByRole('heading', { level: 3, name: `Vaihe ${i + 1}` }).waitFor();
      await item.getByLabel('Mitä oppilas tekee').fill(step.action);
      // Dates typed as the Finnish interface writes them (d.m.yyyy), whatever the browser's locale.
      await item.getByLabel('Alkaa', { exact: true }).fill(finnish(step.start));
      await item.getByLabel('Arviointipäivä', { exact: true }).fill(finnish(step.review));
      await item.getByLabel('Onnistumisen kriteeri').fill(step.criterion);
      for (const who of step.responsible) await item.getByRole('checkbox', { name: who, exact: true }).check();
    }
    await page.getByRole('button', { name: 'Siirrä vaihe 3 ylöspäin' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Vaihe on nyt vaihe 2.' }).waitFor();
    const reordered = [planned[0]!, planned[2]!, planned[1]!];
    const shownSteps = () =>
      steps.evaluateAll((items) =>
        items.map((li) => [
          li.querySelector('h3')!.textContent,
          ...[...li.querySelectorAll('textarea, input[id$="-startDate"], input[id$="-reviewDate"]')].map((field) => (field as HTMLInputElement).value),
        ]),
      );
    const expectedSteps = reordered.map((s, i) => [`Vaihe ${i + 1} Suunniteltu`, s.action, finnish(s.start), finnish(s.review), s.criterion, '']);
    expect(await shownSteps()).toEqual(expectedSteps);
    await page.getByRole('button', { name: 'Luo suunnitelma' }).click();
    await page.waitForURL(/\/plans\/(?!new)[^/]+$/);
    await page.getByRole('status').filter({ hasText: 'Suunnitelma on tallennettu.' }).waitFor();
    const planUrl = page.url();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Asteittaisen paluun suunnitelma' }).waitFor();
    expect(page.url()).toBe(planUrl);
    await steps.nth(2).waitFor();
    expect(await shownSteps()).toEqual(expectedSteps);
    for (const [i, step] of reordered.entries()) {
      const checked = await steps
        .nth(i)
        .getByRole('checkbox')
        .evaluateAll((boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => b.parentElement!.textContent));
      expect(checked).toEqual(['Oppilas', 'Huoltaja', 'Opettaja', 'Psykologi', 'Muu'].filter((who) => step.responsible.includes(who)));
    }
    await expect(page.getByLabel('Sovittu paluupäivä').inputValue()).resolves.toBe(finnish(localDate(28)));
    await screenshot(page, 'clinician-plan-fi');

    // 4. This week's attendance: Monday's 6 lessons copied to the other days, then attended.
    await page.goto(caseUrl);
    await page.getByRole('link', { name: 'Avaa läsnäolokirjaus' }).click();
    await page.getByRole('heading', { level: 1, name: 'Läsnäolokirjaus' }).waitFor();
    await page.locator('#day-0-scheduled').fill('6');
    await page.getByRole('button', { name: 'Kopioi maanantain tunnit tyhjille päiville' }).click();
    await page.getByRole('status').filter({ hasText: 'Maanantain tunnit kopioitiin tyhjille päiville.' }).waitFor();
    for (const [i, attended] of ['6', '5', '4', '6', '3'].entries()) await page.locator(`#day-${i}-attended`).fill(attended);
    expect(
      await page
        .locator('.week-table tbody tr')
        .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('input.input-amount')].map((input) => (input as HTMLInputElement).value))),
    ).toEqual([
      ['6', '6'],
      ['6', '5'],
      ['6', '4'],
      ['6', '6'],
      ['6', '3'],
    ]);
    // The week as typed, before saving.
    await expect
      .poll(() => page.locator('.week-rate').textContent())
      .toBe('Läsnä tällä viikolla syötettyjen tietojen mukaan: läsnä 80\u00a0% (24/30 oppituntia) poissaolo rajalla tai sen yli (10 %) · poissa 20 %');
    await page.getByRole('button', { name: 'Tallenna viikko' }).click();
    await page.getByRole('status').filter({ hasText: 'Tallennettu: 5 päivää (0 poistettu).' }).waitFor();
    // The saved week in the summary: this week's row of the facts.
    const monday = await page.evaluate(() => {
      const now = new Date();
      const back = (now.getDay() + 6) % 7;
      return [0, 4].map((d) =>
        new Date(now.getFullYear(), now.getMonth(), now.getDate() - back + d).toLocaleDateString('fi-FI', { day: 'numeric', month: 'short', year: 'numeric' }),
      );
    });
    const thisWeek = page.locator('.attendance-summary dl > div', { has: page.getByText(`Tällä viikolla (${monday[0]} – ${monday[1]})`, { exact: true }) });
    await expect.poll(() => thisWeek.locator('dd').textContent()).toBe('läsnä 80\u00a0% (24/30 oppituntia) poissaolo rajalla tai sen yli (10 %)');
    await screenshot(page, 'clinician-attendance-fi');

    expect(errors).toEqual([]);
    await context.close();
  });
});

/** "2026-12-05" as a Finnish reader writes it: "5.12.2026". */
function finnish(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}
