// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shipped } from '../../../tests/support/shipped';
import { startAdministration } from '../../storage/administrations';
import { createCase } from '../../storage/cases';
import type { PolkuDatabase } from '../../storage/db';
import { hashPin } from '../../storage/pin';
import { readSettings, writeSetting } from '../../storage/settings';
import { setupI18n } from '../i18n';
import { DatabaseProvider } from './database-context';
import { LockButton, LockGate } from './Lock';
import { onBeforeLock } from './before-lock';
import { formatDateTime } from '../../format/locale';

const PIN = '4826';
const CODE = 'ZEBRA-4471';
const NAME = 'Aino Salanimi';

async function seed(db: PolkuDatabase, { pin = true, locked = false, idleMinutes = 0 } = {}) {
  if (pin) await writeSetting(db, 'pin', await hashPin(PIN, 1000));
  if (locked) await writeSetting(db, 'locked', true);
  if (idleMinutes) await writeSetting(db, 'lockIdleMinutes', idleMinutes);
  return createCase(db, { code: CODE, birthYear: 2012, displayName: NAME, notes: 'Refuses the school bus since March.' });
}

const lockScreen = () => screen.findByRole('heading', { level: 1, name: 'Polku is locked' });
const caseHeading = () => screen.findByRole('heading', { level: 1, name: new RegExp(`Case ${CODE}`) });

function expectNothingOfTheCase() {
  const text = document.body.textContent ?? '';
  expect(text).not.toContain(CODE);
  expect(text).not.toContain(NAME);
  expect(text).not.toContain('Refuses the school bus');
  expect(text).not.toContain('Questionnaires');
  expect(screen.queryByRole('navigation')).toBeNull();
  expect(screen.queryAllByRole('link')).toHaveLength(0);
}

async function enterPin(pin: string) {
  const input = screen.getByLabelText('Practitioner PIN');
  await userEvent.clear(input);
  await userEvent.type(input, pin);
  await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe('app lock', () => {
  it('shows only the lock screen while locked: no case code, name, content or navigation', async () => {
    const db = testDatabase();
    const kase = await seed(db, { locked: true });
    await renderApp(`/cases/${kase.id}`, { db });

    expect(await lockScreen()).toBeInTheDocument();
    expect(screen.getByText('Polku', { selector: '.lock-brand' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Practitioner PIN')).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
    expectNothingOfTheCase();
  });

  it('refuses a wrong PIN, and the right one shows the page where it was', async () => {
    const db = testDatabase();
    const kase = await seed(db, { locked: true });
    await renderApp(`/cases/${kase.id}`, { db });
    await lockScreen();

    await enterPin('1111');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The PIN is not correct. 4 tries left before a pause.'));
    expect(screen.getByLabelText('Practitioner PIN')).toHaveValue('');
    expect(screen.getByLabelText('Practitioner PIN')).toHaveAttribute('aria-invalid', 'true');
    expect((await readSettings(db)).locked).toBe(true);
    expectNothingOfTheCase();

    await enterPin(PIN);
    expect(await caseHeading()).toHaveTextContent(NAME);
    expect(screen.queryByRole('heading', { name: 'Polku is locked' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect((await readSettings(db)).locked).toBe(false);
  });

  it('pauses PIN entry for 30 seconds after five wrong PINs in a row', async () => {
    const db = testDatabase();
    await seed(db, { locked: true });
    await renderApp('/', { db });
    await lockScreen();
    for (let left = 4; left >= 1; left -= 1) {
      await enterPin('0000');
      const message = left === 1 ? 'The PIN is not correct. 1 try left before a pause.' : `The PIN is not correct. ${left} tries left before a pause.`;
      await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(message));
    }
    await enterPin('0000');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Too many wrong PINs in a row. Wait 30 seconds, then try again.'));
    expect(screen.getByLabelText('Practitioner PIN')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
    expect((await readSettings(db)).locked).toBe(true);
  });

  it('stays locked after a reload, and locking from the settings hides the page at once', async () => {
    const db = testDatabase();
    const kase = await seed(db);
    const first = await renderApp('/settings', { db });
    const section = within(await screen.findByRole('region', { name: 'App lock' }));
    await userEvent.click(section.getByRole('button', { name: 'Lock now' }));
    expect(await lockScreen()).toBeInTheDocument();
    await waitFor(async () => expect((await readSettings(db)).locked).toBe(true));

    // A reload (unmount, then the app again, at a case's address).
    first.view.unmount();
    await renderApp(`/cases/${kase.id}`, { db });
    expect(await lockScreen()).toBeInTheDocument();
    expectNothingOfTheCase();
    await enterPin(PIN);
    expect(await caseHeading()).toBeInTheDocument();
  });

  it('locks after the chosen idle minutes, and activity starts the count again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const db = testDatabase();
    const kase = await seed(db, { idleMinutes: 2 });
    await renderApp(`/cases/${kase.id}`, { db });
    await caseHeading();

    await act(() => vi.advanceTimersByTimeAsync(90_000));
    fireEvent.keyDown(window, { key: 'Tab' });
    await act(() => vi.advanceTimersByTimeAsync(90_000));
    fireEvent.pointerDown(document.body);
    await act(() => vi.advanceTimersByTimeAsync(90_000));
    // 4½ minutes in all, but never 2 without activity.
    expect(screen.getByRole('heading', { level: 1, name: new RegExp(`Case ${CODE}`) })).toBeInTheDocument();
    expect((await readSettings(db)).locked).toBe(false);

    await act(() => vi.advanceTimersByTimeAsync(31_000));
    expect(await lockScreen()).toBeInTheDocument();
    expectNothingOfTheCase();
    await waitFor(async () => expect((await readSettings(db)).locked).toBe(true));
  });

  it('never locks by idle time during a hand-over, and not at all without a PIN', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const db = testDatabase();
    const kase = await seed(db, { idleMinutes: 2 });
    const definition = shipped('function-child@1.0.0');
    const record = await startAdministration(db, { caseId: kase.id, definition, informant: 'child', language: 'en', mode: 'self-report' });
    await writeSetting(db, 'handover', { administrationId: record.id, startedAt: new Date().toISOString() });
    const first = await renderApp(`/handover/${record.id}`, { db });
    expect(await screen.findByText(definition.instructions!.en)).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(10 * 60_000));
    expect(screen.getByText(definition.instructions!.en)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Polku is locked' })).toBeNull();
    expect((await readSettings(db)).locked).toBe(false);

    // Without a PIN, neither the idle time nor a stale flag locks.
    first.view.unmount();
    await writeSetting(db, 'handover', undefined);
    await writeSetting(db, 'pin', undefined);
    await writeSetting(db, 'locked', true);
    await renderApp(`/cases/${kase.id}`, { db });
    expect(await caseHeading()).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(10 * 60_000));
    expect(screen.queryByRole('heading', { name: 'Polku is locked' })).toBeNull();
    await waitFor(async () => expect((await readSettings(db)).locked).toBe(false));
  });

  it('shows the header Lock button only with a PIN, and it locks', async () => {
    const db = testDatabase();
    const i18n = await setupI18n('en');
    const tree = (
      <I18nextProvider i18n={i18n}>
        <DatabaseProvider db={db}>
          <LockGate>
            <main id="main" tabIndex={-1}>
              <p>Case {CODE}</p>
              <LockButton />
            </main>
          </LockGate>
        </DatabaseProvider>
      </I18nextProvider>
    );
    const view = render(tree);
    expect(await screen.findByText(`Case ${CODE}`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();

    await writeSetting(db, 'pin', await hashPin(PIN, 1000));
    await userEvent.click(await screen.findByRole('button', { name: 'Lock' }));
    expect(await lockScreen()).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(CODE);
    await waitFor(async () => expect((await readSettings(db)).locked).toBe(true));

    await enterPin(PIN);
    expect(await screen.findByText(`Case ${CODE}`)).toBeInTheDocument();
    await waitFor(() => expect(document.getElementById('main')).toHaveFocus());
    view.unmount();
  });
});

describe('lock settings', () => {
  it('asks for a PIN first: without one, nothing in the section can lock', async () => {
    const db = testDatabase();
    await seed(db, { pin: false });
    await renderApp('/settings', { db });
    const section = within(await screen.findByRole('region', { name: 'App lock' }));
    expect(section.getByText('Set a practitioner PIN first: without a PIN, Polku cannot be locked.')).toBeInTheDocument();
    expect(section.getByRole('link', { name: 'Go to the PIN setting' })).toHaveAttribute('href', '#pin-title');
    expect(section.getByLabelText('Lock automatically after a time without use')).toBeDisabled();
    expect(section.getByRole('button', { name: 'Lock now' })).toBeDisabled();
  });

  it('saves the idle time as soon as it is chosen', async () => {
    const db = testDatabase();
    await seed(db);
    await renderApp('/settings', { db });
    const section = within(await screen.findByRole('region', { name: 'App lock' }));
    const select = section.getByLabelText('Lock automatically after a time without use');
    expect(select).toHaveValue('0');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Off', 'After 2 minutes', 'After 5 minutes', 'After 10 minutes', 'After 15 minutes', 'After 30 minutes']);
    expect(select).toHaveAccessibleDescription(/A questionnaire handed over to a pupil or a parent is never locked in the middle/);
    await userEvent.selectOptions(select, 'After 10 minutes');
    await waitFor(() => expect(section.getByRole('status')).toHaveTextContent('Saved.'));
    expect((await readSettings(db)).lockIdleMinutes).toBe(10);
    // The select follows the stored value, which the live query delivers after the save resolves.
    await waitFor(() => expect(section.getByLabelText('Lock automatically after a time without use')).toHaveValue('10'));
  });
});

describe('the lock leaves no case text in the document (issue 13)', () => {
  it('removes the chart-label measurement span recharts leaves in <body>, after the before-lock listeners ran', async () => {
    const db = testDatabase();
    const kase = await seed(db);
    await renderApp(`/cases/${kase.id}`, { db });
    await caseHeading();
    // What recharts leaves behind after measuring a chart label (src DOMUtils: a span on <body>).
    const span = document.createElement('span');
    span.id = 'recharts_measurement_span';
    span.textContent = `${CODE} ${NAME}`;
    document.body.appendChild(span);
    const seen: string[] = [];
    const stop = onBeforeLock(() => seen.push(document.body.textContent?.includes('Refuses the school bus') ? 'form still there' : 'form gone'));

    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    await lockScreen();
    stop();
    expect(seen).toEqual(['form still there']);
    expect(document.getElementById('recharts_measurement_span')).toBeNull();
    expectNothingOfTheCase();
    expect(document.documentElement.outerHTML).not.toContain(CODE);
    expect(document.documentElement.outerHTML).not.toContain(NAME);
  });

  it('shows a long pause as the time it ends, and a pause from another tab at once', async () => {
    const db = testDatabase();
    await seed(db, { locked: true });
    await renderApp('/', { db });
    await lockScreen();
    const until = Date.now() + 10 * 60_000;
    // Another tab's fifth wrong PIN of the third round.
    await writeSetting(db, 'pinAttempts', { failures: 0, blockedUntil: until, pauses: 3 });
    const expected = `Too many wrong PINs in a row. Try again after ${formatDateTime(new Date(until).toISOString(), 'en')}.`;
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(expected));
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  });
});
