// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { verifyPin } from '../../storage/pin';
import { readSettings } from '../../storage/settings';

const section = async (name: string) => within(await screen.findByRole('region', { name }));

beforeEach(() => localStorage.clear());

describe('settings', () => {
  it('stores a custom threshold of 12.5 % and refuses 120 % with a message on the field', async () => {
    const { db } = await renderApp('/settings', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    const threshold = await section('Problematic absence threshold');
    expect(threshold.getByRole('radio', { name: 'Finland 10 %' })).toBeChecked();
    expect(threshold.getByRole('radio', { name: 'Kearney 2008 25 %' })).toHaveAccessibleDescription('Problematic absenteeism: at least 25 % of school time missed.');
    expect(threshold.getByRole('radio', { name: 'Sweden 15 %' })).toHaveAccessibleDescription(/Skollagen 7 kap\. 19 a §/);

    await userEvent.click(threshold.getByRole('radio', { name: 'Custom' }));
    const input = threshold.getByLabelText('Your threshold (%)');
    await userEvent.clear(input);
    await userEvent.type(input, '120');
    await userEvent.click(threshold.getByRole('button', { name: 'Save' }));
    expect(await threshold.findByText('The threshold must be between 0 and 100 %.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('A number from 0 to 100; decimals are allowed, e.g. 12.5. The threshold must be between 0 and 100 %.');
    expect(await db.settings.toArray()).toEqual([]);

    await userEvent.clear(input);
    await userEvent.type(input, '12.5');
    await userEvent.click(threshold.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(threshold.getByRole('status')).toHaveTextContent('Saved.'));
    expect(threshold.queryByText('The threshold must be between 0 and 100 %.')).not.toBeInTheDocument();
    expect(await readSettings(db)).toMatchObject({ thresholdPreset: 'custom', customThresholdPercent: 12.5 });
  });

  it('accepts a decimal comma in Finnish', async () => {
    const { db } = await renderApp('/settings', { language: 'fi' });
    await screen.findByRole('heading', { level: 1, name: 'Asetukset' });
    const threshold = await section('Ongelmallisen poissaolon raja');
    await userEvent.click(threshold.getByRole('radio', { name: 'Oma raja' }));
    const input = threshold.getByLabelText('Oma raja (%)');
    await userEvent.clear(input);
    await userEvent.type(input, 'kymmenen');
    await userEvent.click(threshold.getByRole('button', { name: 'Tallenna' }));
    expect(await threshold.findByText('Anna raja lukuna, esim. 12,5.')).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, '7,5');
    await userEvent.click(threshold.getByRole('button', { name: 'Tallenna' }));
    await waitFor(() => expect(threshold.getByRole('status')).toHaveTextContent('Tallennettu.'));
    expect(await readSettings(db)).toMatchObject({ thresholdPreset: 'custom', customThresholdPercent: 7.5 });
  });

  it('stores the default answering language and the practitioner name', async () => {
    const { db } = await renderApp('/settings', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    const form = await section('New administrations');
    expect(within(form.getByRole('group', { name: 'Default answering language' })).getByRole('radio', { name: 'Suomi' })).toBeChecked();
    await userEvent.click(within(form.getByRole('group', { name: 'Default answering language' })).getByRole('radio', { name: 'Svenska' }));
    await userEvent.type(form.getByLabelText('Your name'), '  Maija Psykologi ');
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(form.getByRole('status')).toHaveTextContent('Saved.'));
    expect(await readSettings(db)).toMatchObject({ answerLanguage: 'sv', practitionerName: 'Maija Psykologi' });

    await userEvent.clear(form.getByLabelText('Your name'));
    await userEvent.type(form.getByLabelText('Your name'), 'x'.repeat(121));
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('The name can be at most 120 characters.')).toBeInTheDocument();
    expect((await readSettings(db)).practitionerName).toBe('Maija Psykologi');
  });

  it('sets a PIN twice-entered, stores only its hash, and changes it only with the current PIN', async () => {
    const { db } = await renderApp('/settings', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    const pin = await section('Practitioner PIN');
    expect(pin.getByText('No PIN is set. Set one before handing the device to a pupil or a parent.')).toBeInTheDocument();
    expect(pin.queryByLabelText('Current PIN')).not.toBeInTheDocument();

    await userEvent.type(pin.getByLabelText('New PIN'), '12a4');
    await userEvent.type(pin.getByLabelText('New PIN again'), '12a4');
    await userEvent.click(pin.getByRole('button', { name: 'Set PIN' }));
    expect(await pin.findByText('The PIN must be 4–8 digits, numbers only.')).toBeInTheDocument();
    expect(pin.getByLabelText('New PIN')).toHaveAccessibleDescription('4–8 digits. The PIN must be 4–8 digits, numbers only.');

    await userEvent.clear(pin.getByLabelText('New PIN'));
    await userEvent.clear(pin.getByLabelText('New PIN again'));
    await userEvent.type(pin.getByLabelText('New PIN'), '73915062');
    await userEvent.type(pin.getByLabelText('New PIN again'), '73915063');
    await userEvent.click(pin.getByRole('button', { name: 'Set PIN' }));
    expect(await pin.findByText('The PINs do not match. Enter the same PIN twice.')).toBeInTheDocument();
    expect((await readSettings(db)).pin).toBeUndefined();

    await userEvent.clear(pin.getByLabelText('New PIN again'));
    await userEvent.type(pin.getByLabelText('New PIN again'), '73915062');
    await userEvent.click(pin.getByRole('button', { name: 'Set PIN' }));
    expect(await pin.findByText('PIN set.')).toBeInTheDocument();
    expect(await pin.findByText('A PIN is set.')).toBeInTheDocument();
    const stored = (await readSettings(db)).pin!;
    expect(await verifyPin('73915062', stored)).toBe(true);
    expect(JSON.stringify(await db.settings.toArray())).not.toContain('73915062');
    expect(document.body.textContent).not.toContain('73915062');

    // Changing needs the current PIN.
    await userEvent.type(pin.getByLabelText('New PIN'), '2468');
    await userEvent.type(pin.getByLabelText('New PIN again'), '2468');
    await userEvent.click(pin.getByRole('button', { name: 'Change PIN' }));
    expect(await pin.findByText('Enter your current PIN first.')).toBeInTheDocument();
    await userEvent.type(pin.getByLabelText('Current PIN'), '11111111');
    await userEvent.click(pin.getByRole('button', { name: 'Change PIN' }));
    expect(await pin.findByText('The current PIN is not correct. The PIN was not changed.')).toBeInTheDocument();
    expect(pin.getByLabelText('Current PIN')).toHaveFocus();
    expect((await readSettings(db)).pin).toEqual(stored);

    await userEvent.clear(pin.getByLabelText('Current PIN'));
    await userEvent.type(pin.getByLabelText('Current PIN'), '73915062');
    await userEvent.click(pin.getByRole('button', { name: 'Change PIN' }));
    expect(await pin.findByText('PIN changed.')).toBeInTheDocument();
    const changed = (await readSettings(db)).pin!;
    expect(await verifyPin('2468', changed)).toBe(true);
    expect(await verifyPin('73915062', changed)).toBe(false);
    expect(pin.getByLabelText('Current PIN')).toHaveValue('');
  });

  it('switches the interface language at once, kept in the browser and not in the database', async () => {
    const { db, i18n } = await renderApp('/settings', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    const group = (await section('Interface language')).getByRole('group', { name: "Language of Polku's menus, buttons and messages" });
    await userEvent.click(within(group).getByRole('radio', { name: 'Suomi' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Asetukset' })).toBeInTheDocument();
    expect(i18n.language).toBe('fi');
    expect(localStorage.getItem('polku.language')).toBe('fi');
    expect(document.documentElement.lang).toBe('fi');
    const swedish = within((await section('Käyttöliittymän kieli')).getByRole('group')).getByRole('radio', { name: 'Svenska' });
    await userEvent.click(swedish);
    expect(await screen.findByRole('heading', { level: 1, name: 'Inställningar' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Gräns för problematisk frånvaro' })).toBeInTheDocument();
    expect(await db.settings.toArray()).toEqual([]);
  });
});
