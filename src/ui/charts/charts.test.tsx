// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { shippedCatalog } from '../../../tests/support/shipped';
import { testDatabase } from '../../../tests/support/db';
import type { Language } from '../../instrument/schema';
import { loadExampleCase } from '../../storage/example-case';
import { readSettings, writeSetting } from '../../storage/settings';

// recharts' ResponsiveContainer watches its size; jsdom has no ResizeObserver (the charts start at 640 px).
beforeAll(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => localStorage.clear());

// The example's forms are 112, 56 and 7 days before this day: 10 Nov 2025, 5 Jan 2026 and 23 Feb 2026.
const TODAY = new Date('2026-03-02T10:00:00Z');

async function openExample(language: Language, margin?: number) {
  const db = testDatabase();
  const record = await loadExampleCase(db, shippedCatalog, TODAY);
  if (margin !== undefined) await writeSetting(db, 'comparisonMargin', margin);
  await renderApp(`/cases/${record.id}`, { language, db });
  return { db, record };
}

const region = async (name: string) => within(await screen.findByRole('region', { name }));
const rowTexts = (table: HTMLElement) => [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));

describe('case profiles on the example case', () => {
  it('compares informants: nothing flagged at the latest time point, seeking attention at the first', async () => {
    await openExample('en');
    const informants = await region('Informants side by side');
    expect(informants.getByText('Answered at this time point: pupil, mother and father.')).toBeInTheDocument();
    expect(informants.getByText('No two informants differ by 1.5 points or more on any function.')).toBeInTheDocument();
    expect(
      informants.getByText('Combined profile: the co-primary functions are escaping social or evaluative situations and avoiding school-related distress.'),
    ).toBeInTheDocument();
    const select = informants.getByLabelText('Time point');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['10 Nov 2025: Pupil, Mother, Father', '5 Jan 2026: Pupil, Mother, Father', '23 Feb 2026: Pupil, Mother, Father']);

    await userEvent.selectOptions(select, '10 Nov 2025: Pupil, Mother, Father');
    expect(informants.getByText('Pupil and mother differ by 1.8 points on seeking attention from significant others (1.60 and 3.40).')).toBeInTheDocument();
    expect(informants.getByText('Mother and father differ by 1.6 points on seeking attention from significant others (3.40 and 1.80).')).toBeInTheDocument();
    const table = informants.getByRole('table', { name: 'Scores per function and informant at the time point 10 Nov 2025' });
    expect(rowTexts(table)).toEqual([
      ['Function', 'Pupil', 'Mother', 'Father', 'Combined', 'Differs by 1.5 or more'],
      ['Avoiding school-related distress', '5.00primary', '5.40primary', '4.40primary', '4.95primary', 'no'],
      ['Escaping social or evaluative situations', '4.00', '3.20', '2.60', '3.45', 'no'],
      ['Seeking attention from significant others', '1.60', '3.40', '1.80', '2.10', '⚠ yes'],
      ['Pursuing rewards outside school', '0.40', '0.80', '1.40', '0.75', 'no'],
    ]);
  });

  it('uses the margin from the settings, inclusive', async () => {
    await openExample('en', 1.8);
    const informants = await region('Informants side by side');
    await userEvent.selectOptions(informants.getByLabelText('Time point'), '10 Nov 2025: Pupil, Mother, Father');
    // 3.4 − 1.6 is 1.7999999999999998 in floating point: still "at least 1.8".
    expect(informants.getByText('Pupil and mother differ by 1.8 points on seeking attention from significant others (1.60 and 3.40).')).toBeInTheDocument();
    expect(informants.queryByText(/Mother and father differ/)).not.toBeInTheDocument();
    expect(informants.getByText('Informants are flagged when they differ by at least 1.8 points (a setting).')).toBeInTheDocument();
  });

  it('shows each function over time, combined by default and per informant on request', async () => {
    await openExample('en');
    const over = await region('Over time');
    expect(rowTexts(over.getByRole('table', { name: 'Scores per function over time: Combined' }))).toEqual([
      [
        'Date',
        'Version',
        'Avoiding school-related distress',
        'Escaping social or evaluative situations',
        'Seeking attention from significant others',
        'Pursuing rewards outside school',
        'Primary',
      ],
      ['10 Nov 2025', '1.1.0', '4.95', '3.45', '2.10', '0.75', 'Avoiding school-related distress'],
      ['5 Jan 2026', '1.1.0', '3.70', '3.05', '1.70', '0.45', 'Avoiding school-related distress'],
      ['23 Feb 2026', '1.1.0', '1.80', '2.00', '1.05', '0.25', 'Escaping social or evaluative situations, Avoiding school-related distress'],
    ]);
    expect(over.getByText('Avoiding school-related distress: fell from 4.95 to 1.80.')).toBeInTheDocument();
    await userEvent.click(over.getByRole('radio', { name: 'Pupil' }));
    expect(
      rowTexts(over.getByRole('table', { name: 'Scores per function over time: Pupil' }))
        .slice(1)
        .map((r) => r.slice(0, 3)),
    ).toEqual([
      ['10 Nov 2025', '1.1.0', '5.00'],
      ['5 Jan 2026', '1.1.0', '3.60'],
      ['23 Feb 2026', '1.1.0', '1.60'],
    ]);
    expect(over.getByText('Pupil: 3 questionnaires from 10 Nov 2025 to 23 Feb 2026.')).toBeInTheDocument();
  });

  it('shows quality and function with the scales high on both, and absence against the threshold, in Finnish', async () => {
    await openExample('fi');
    const quality = await region('Laatu ja funktio');
    // The latest quality/function form is the mother's (interview).
    expect(quality.getByText('Korkeita molemmissa: sosiaalinen ahdistus, suoritusahdistus ja ruumiilliset oireet.')).toBeInTheDocument();
    const absence = await region('Poissaolot');
    expect(
      rowTexts(absence.getByRole('table', { name: 'Poissaolopäivät luokittain kartoituksittain' })).map((r) => [r[0], r[1], r[2], r[8], r[9], r[10], r[11], r[12], r[13]]),
    ).toEqual([
      [
        'Kartoitus',
        'Jakson koulupäivät',
        'Koulukieltäytyminen',
        'Päiviä yhteensä',
        'Osuus jaksosta',
        'Ongelmallisten osuus',
        'Raja (päiviä)',
        'Kaikki poissaolot suhteessa rajaan',
        'Ongelmalliset poissaolot suhteessa rajaan',
      ],
      // The checklists are a day before the function forms: 113, 57 and 8 days before "today".
      ['9.11.2025', '20', '8', '12', '60\u00a0%', '47,5\u00a0%', '2', '⚠ kyllä', '⚠ kyllä'],
      ['4.1.2026', '19', '4', '6', '31,6\u00a0%', '21,1\u00a0%', '1,9', '⚠ kyllä', '⚠ kyllä'],
      // 2.5 days missed, 1 of them problematic: all absence reaches 10 %, problematic absence (5 %) does not.
      ['22.2.2026', '20', '1', '2,5', '12,5\u00a0%', '5\u00a0%', '2', '⚠ kyllä', 'ei'],
    ]);
  });

  it('draws the function profile of one questionnaire in its results', async () => {
    await openExample('en');
    // The newest completed questionnaire (the father's, 23 Feb) has its results open.
    await screen.findByRole('region', { name: 'Profiles' });
    const open = document.querySelector<HTMLElement>('.timeline details[open]')!;
    const profile = within(open).getByRole('figure', { name: 'Function profile' });
    expect(
      within(profile).getByText('Co-primary functions (within 0.25 points of the highest): avoiding school-related distress and escaping social or evaluative situations.'),
    ).toBeInTheDocument();
    expect(within(profile).getByText('Other functions: seeking attention from significant others (1.20) and pursuing rewards outside school (0.40).')).toBeInTheDocument();
  });
});

describe('comparison margin setting', () => {
  it('stores 2.5 and refuses a value out of range or off the half-point steps', async () => {
    const db = testDatabase();
    await renderApp('/settings', { language: 'en', db });
    const section = await region('Comparing informants');
    const input = await section.findByLabelText('Margin in points');
    expect(input).toHaveValue('1.5');
    await userEvent.clear(input);
    await userEvent.type(input, '7');
    await userEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(await section.findByText('Give a number from 0.5 to 6.')).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription('From 0.5 to 6, in steps of 0.5. Default 1.5. Give a number from 0.5 to 6.');
    await userEvent.clear(input);
    await userEvent.type(input, '1.25');
    await userEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(await section.findByText('Use steps of 0.5, e.g. 1, 1.5 or 2.')).toBeInTheDocument();
    expect((await readSettings(db)).comparisonMargin).toBe(1.5);
    await userEvent.clear(input);
    await userEvent.type(input, '2.5');
    await userEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(await section.findByText('Saved.')).toBeInTheDocument();
    await waitFor(async () => expect((await readSettings(db)).comparisonMargin).toBe(2.5));
  });

  it('keeps what is typed when another tab saves a margin, says so, and never overwrites it unseen', async () => {
    const db = testDatabase();
    await renderApp('/settings', { language: 'en', db });
    const section = await region('Comparing informants');
    const input = await section.findByLabelText('Margin in points');
    await userEvent.clear(input);
    await userEvent.type(input, '2');
    // Another tab saves 3 meanwhile: the typed 2 stays, with a notice.
    await writeSetting(db, 'comparisonMargin', 3);
    expect(await section.findByText('This was changed in another tab or window after you opened it. Your changes here are not saved yet.')).toBeInTheDocument();
    expect(input).toHaveValue('2');
    await userEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(await section.findByText(/^Not saved: this was changed in another tab/)).toBeInTheDocument();
    expect((await readSettings(db)).comparisonMargin).toBe(3);
  });

  it('takes a decimal comma in Finnish', async () => {
    const db = testDatabase();
    await renderApp('/settings', { language: 'fi', db });
    const section = await region('Vastaajien vertailu');
    const input = await section.findByLabelText('Raja pisteinä');
    expect(input).toHaveValue('1,5');
    await userEvent.clear(input);
    await userEvent.type(input, '2,5');
    await userEvent.click(section.getByRole('button', { name: 'Tallenna' }));
    expect(await section.findByText('Tallennettu.')).toBeInTheDocument();
    await waitFor(async () => expect((await readSettings(db)).comparisonMargin).toBe(2.5));
  });
});
