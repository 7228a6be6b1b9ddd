// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { findSeeded, putInTheClear } from '../../../tests/support/sealed-rows';
import { shipped } from '../../../tests/support/shipped';
import { startAdministration } from '../../storage/administrations';
import { createCase } from '../../storage/cases';
import { KeySession } from '../../storage/crypto/keys';
import { readKeyring, setUpEncryption } from '../../storage/keyring';
import { readSettings, writeSetting } from '../../storage/settings';
import { setupI18n } from '../i18n';
import { DatabaseProvider } from './database-context';
import { LockButton, LockGate } from './Lock';
import { onBeforeLock } from './before-lock';

const PASSPHRASE = 'otter lantern mosaic';
const CODE = 'ZEBRA-4471';
const NAME = 'Aino Salanimi';

/** A database with a keyring (fast key derivation for tests), unlocked, with one case. */
async function keyedDatabase({ locked = false, idleMinutes = 0 } = {}) {
  const db = testDatabase({ session: new KeySession() });
  await setUpEncryption(db, PASSPHRASE, { iterations: 1_000 });
  if (idleMinutes) await writeSetting(db, 'lockIdleMinutes', idleMinutes);
  const kase = await createCase(db, { code: CODE, birthYear: 2012, displayName: NAME, notes: 'Refuses the school bus since March.' });
  // A reload: the page starts without the key.
  if (locked) db.keySession.drop();
  return { db, kase };
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

async function enterPassphrase(passphrase: string) {
  const input = screen.getByLabelText('Passphrase');
  await userEvent.clear(input);
  await userEvent.type(input, passphrase);
  await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
});

describe('first run', () => {
  it('asks for a passphrase, says plainly that a forgotten one loses the data, refuses a short or mistyped one, then opens Polku', async () => {
    const db = testDatabase({ session: new KeySession() });
    await renderApp('/', { db });
    expect(await screen.findByRole('heading', { level: 1, name: 'Protect the data on this device' })).toBeInTheDocument();
    expect(screen.getByText(/If you forget this passphrase, nobody can recover the data on this device\. Only a backup file can bring it back/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Passphrase')).toHaveFocus());

    await userEvent.type(screen.getByLabelText('Passphrase'), 'too short');
    await userEvent.type(screen.getByLabelText('Passphrase again'), 'too short');
    await userEvent.click(screen.getByRole('button', { name: 'Encrypt and continue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The passphrase needs at least 10 characters.');
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(screen.getByLabelText('Passphrase'));
    await userEvent.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await userEvent.click(screen.getByRole('button', { name: 'Encrypt and continue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two passphrases differ. Enter the same passphrase twice.');
    expect(await readKeyring(db)).toBeUndefined();

    await userEvent.clear(screen.getByLabelText('Passphrase again'));
    await userEvent.type(screen.getByLabelText('Passphrase again'), PASSPHRASE);
    await userEvent.click(screen.getByRole('button', { name: 'Encrypt and continue' }));
    // Real key derivation (600,000 iterations) on this path.
    expect(await screen.findByRole('heading', { name: 'No cases yet' }, { timeout: 15_000 })).toBeInTheDocument();
    const row = (await readKeyring(db))!;
    expect(row.keyring.iterations).toBe(600_000);
    expect(row.encryptedAt).toEqual(expect.any(String));
    expect(db.keySession.unlocked).toBe(true);
  });

  it('seals the cases an older version stored in the clear, and says so', async () => {
    // Rows as database version 3 left them: written below the encryption layer.
    const stamp = '2026-01-01T00:00:00.000Z';
    const db = testDatabase({ session: new KeySession() });
    await putInTheClear(db, {
      cases: [{ id: 'c1', code: 'FIX-002', birthYear: 2012, displayName: 'Mikko Ääkkönen', createdAt: stamp, updatedAt: stamp, lastActivityAt: stamp }],
    });
    await renderApp('/', { db });
    expect(await screen.findByText('The cases already on this device are encrypted now. Keep this page open until Polku opens.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await userEvent.type(screen.getByLabelText('Passphrase again'), PASSPHRASE);
    await userEvent.click(screen.getByRole('button', { name: 'Encrypt and continue' }));
    expect(await screen.findByText('FIX-002', {}, { timeout: 15_000 })).toBeInTheDocument();
    const raw = await new Promise<unknown[]>((resolve) => {
      const request = db.backendDB().transaction('cases').objectStore('cases').getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
    });
    expect(findSeeded(raw)).toEqual([]);
    expect(raw).toEqual([expect.objectContaining({ id: 'c1', enc: expect.objectContaining({ v: 1 }) })]);
  });

  it('keeps the set-up screen and its progress while it seals, and never shows the unlock screen meanwhile', async () => {
    // 450 rows as database version 3 left them: sealed in three batches of 200.
    const stamp = '2026-01-01T00:00:00.000Z';
    const db = testDatabase({ session: new KeySession() });
    await putInTheClear(db, {
      cases: Array.from({ length: 450 }, (_, index) => ({
        id: `c${index}`,
        code: `OLD-${1000 + index}`,
        birthYear: 2012,
        createdAt: stamp,
        updatedAt: stamp,
        lastActivityAt: stamp,
      })),
    });
    await renderApp('/', { db });
    await screen.findByRole('heading', { level: 1, name: 'Protect the data on this device' });
    // Every heading and status line the page shows from the click on, however briefly.
    const headings = new Set<string>();
    const statuses = new Set<string>();
    const observer = new MutationObserver(() => {
      for (const heading of document.querySelectorAll('h1')) headings.add(heading.textContent ?? '');
      for (const status of document.querySelectorAll('[role="status"]')) statuses.add(status.textContent ?? '');
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await userEvent.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await userEvent.type(screen.getByLabelText('Passphrase again'), PASSPHRASE);
    await userEvent.click(screen.getByRole('button', { name: 'Encrypt and continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' }, { timeout: 50_000 })).toBeInTheDocument();
    observer.disconnect();
    expect(statuses).toContain('Encrypting the stored records: 200 done…');
    expect(statuses).toContain('Encrypting the stored records: 400 done…');
    expect(headings).not.toContain('Polku is locked');
  }, 60_000);
});

describe('app lock', () => {
  it('shows only the passphrase screen while locked: no case code, name, content or navigation', async () => {
    const { db, kase } = await keyedDatabase({ locked: true });
    await renderApp(`/cases/${kase.id}`, { db });

    expect(await lockScreen()).toBeInTheDocument();
    expect(screen.getByText('Polku', { selector: '.lock-brand' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Passphrase')).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
    expectNothingOfTheCase();
    // Nothing of a case can be read either: the page holds no key.
    await expect(db.cases.toArray()).rejects.toMatchObject({ failure: 'locked' });
  });

  it('refuses a wrong passphrase, and the right one shows the page where it was', async () => {
    const { db, kase } = await keyedDatabase({ locked: true });
    await renderApp(`/cases/${kase.id}`, { db });
    await lockScreen();

    await enterPassphrase('otter lantern mosaik');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The passphrase is not correct. Nothing was opened.'));
    expect(screen.getByLabelText('Passphrase')).toHaveValue('');
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');
    expect(db.keySession.unlocked).toBe(false);
    expectNothingOfTheCase();

    await enterPassphrase(PASSPHRASE);
    expect(await caseHeading()).toHaveTextContent(NAME);
    expect(screen.queryByRole('heading', { name: 'Polku is locked' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect((await readSettings(db)).locked).toBe(false);
  });

  it('"Lock now" drops the key: the page is hidden at once, and a reload needs the passphrase again', async () => {
    const { db, kase } = await keyedDatabase();
    const first = await renderApp('/settings', { db });
    const section = within(await screen.findByRole('region', { name: 'Lock and encryption' }));
    await userEvent.click(section.getByRole('button', { name: 'Lock now' }));
    expect(await lockScreen()).toBeInTheDocument();
    expect(db.keySession.unlocked).toBe(false);
    await waitFor(async () => expect((await readSettings(db)).locked).toBe(true));

    // A reload (unmount, then the app again, at a case's address).
    first.view.unmount();
    await renderApp(`/cases/${kase.id}`, { db });
    expect(await lockScreen()).toBeInTheDocument();
    expectNothingOfTheCase();
    await enterPassphrase(PASSPHRASE);
    expect(await caseHeading()).toBeInTheDocument();
  });

  it('locks when another tab locks', async () => {
    const { db, kase } = await keyedDatabase();
    await renderApp(`/cases/${kase.id}`, { db });
    await caseHeading();
    // Another tab's Lock button writes the shared flag.
    await writeSetting(db, 'locked', true);
    expect(await lockScreen()).toBeInTheDocument();
    expect(db.keySession.unlocked).toBe(false);
    expectNothingOfTheCase();
  });

  it('locks after the chosen idle minutes, and activity starts the count again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const { db, kase } = await keyedDatabase({ idleMinutes: 2 });
    await renderApp(`/cases/${kase.id}`, { db });
    await caseHeading();

    await act(() => vi.advanceTimersByTimeAsync(90_000));
    fireEvent.keyDown(window, { key: 'Tab' });
    await act(() => vi.advanceTimersByTimeAsync(90_000));
    fireEvent.pointerDown(document.body);
    await act(() => vi.advanceTimersByTimeAsync(90_000));
    // 4½ minutes in all, but never 2 without activity.
    expect(screen.getByRole('heading', { level: 1, name: new RegExp(`Case ${CODE}`) })).toBeInTheDocument();
    expect(db.keySession.unlocked).toBe(true);

    await act(() => vi.advanceTimersByTimeAsync(31_000));
    expect(await lockScreen()).toBeInTheDocument();
    expectNothingOfTheCase();
    expect(db.keySession.unlocked).toBe(false);
    await waitFor(async () => expect((await readSettings(db)).locked).toBe(true));
  });

  it('never locks by idle time during a hand-over', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const { db, kase } = await keyedDatabase({ idleMinutes: 2 });
    const definition = shipped('function-child@1.0.0');
    const record = await startAdministration(db, { caseId: kase.id, definition, informant: 'child', language: 'en', mode: 'self-report' });
    await writeSetting(db, 'handover', { administrationId: record.id, startedAt: new Date().toISOString() });
    await renderApp(`/handover/${record.id}`, { db });
    expect(await screen.findByText(definition.instructions!.en)).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(10 * 60_000));
    expect(screen.getByText(definition.instructions!.en)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Polku is locked' })).toBeNull();
    expect(db.keySession.unlocked).toBe(true);
  });

  it('the header Lock button locks, and back from the lock screen focus goes to the main content', async () => {
    const { db } = await keyedDatabase();
    const i18n = await setupI18n('en');
    const view = render(
      <I18nextProvider i18n={i18n}>
        <DatabaseProvider db={db}>
          <LockGate>
            <main id="main" tabIndex={-1}>
              <p>Case {CODE}</p>
              <LockButton />
            </main>
          </LockGate>
        </DatabaseProvider>
      </I18nextProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Lock' }));
    expect(await lockScreen()).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(CODE);

    await enterPassphrase(PASSPHRASE);
    expect(await screen.findByText(`Case ${CODE}`)).toBeInTheDocument();
    await waitFor(() => expect(document.getElementById('main')).toHaveFocus());
    view.unmount();
  });
});

describe('lock settings', () => {
  it('saves the idle time as soon as it is chosen', async () => {
    const { db } = await keyedDatabase();
    await renderApp('/settings', { db });
    const section = within(await screen.findByRole('region', { name: 'Lock and encryption' }));
    const select = section.getByLabelText('Lock automatically after a time without use');
    expect(select).toHaveValue('0');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Off', 'After 2 minutes', 'After 5 minutes', 'After 10 minutes', 'After 15 minutes', 'After 30 minutes']);
    expect(select).toHaveAccessibleDescription(/A questionnaire handed over to a pupil or a parent is never locked in the middle/);
    await userEvent.selectOptions(select, 'After 10 minutes');
    await waitFor(() => expect(section.getAllByRole('status')[0]).toHaveTextContent('Saved.'));
    expect((await readSettings(db)).lockIdleMinutes).toBe(10);
    await waitFor(() => expect(section.getByLabelText('Lock automatically after a time without use')).toHaveValue('10'));
  });

  it('changes the passphrase: a wrong current one changes nothing, the new one unlocks and the old one no longer does', async () => {
    const { db } = await keyedDatabase();
    const before = (await readKeyring(db))!.keyring;
    await renderApp('/settings', { db });
    const form = within(await screen.findByRole('form', { name: 'Change the passphrase' }));
    const next = 'a brand new passphrase';
    await userEvent.type(form.getByLabelText('Current passphrase'), 'not the passphrase');
    await userEvent.type(form.getByLabelText('New passphrase'), next);
    await userEvent.type(form.getByLabelText('New passphrase again'), next);
    await userEvent.click(form.getByRole('button', { name: 'Change passphrase' }));
    await waitFor(() => expect(form.getByRole('alert')).toHaveTextContent('The current passphrase is not correct. Nothing was changed.'), { timeout: 15_000 });
    expect((await readKeyring(db))!.keyring).toEqual(before);

    await userEvent.clear(form.getByLabelText('Current passphrase'));
    await userEvent.type(form.getByLabelText('Current passphrase'), PASSPHRASE);
    await userEvent.click(form.getByRole('button', { name: 'Change passphrase' }));
    await waitFor(() => expect(form.getByText('Passphrase changed. Use the new one from now on.')).toBeInTheDocument(), { timeout: 15_000 });
    expect((await readKeyring(db))!.keyring.wrappedKey).not.toBe(before.wrappedKey);

    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    await lockScreen();
    await enterPassphrase(PASSPHRASE);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The passphrase is not correct.'), { timeout: 15_000 });
    await enterPassphrase(next);
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' }, { timeout: 15_000 })).toBeInTheDocument();
    // The same data key: the case written before the change still opens.
    expect((await db.cases.toArray()).map((c) => c.code)).toEqual([CODE]);
  });
});

describe('the lock leaves no case text in the document, and unsaved work is kept sealed (issues 13, 17)', () => {
  it('removes the chart-label measurement span recharts leaves in <body>, after the before-lock listeners ran with the key still there', async () => {
    const { db, kase } = await keyedDatabase();
    await renderApp(`/cases/${kase.id}`, { db });
    await caseHeading();
    // What recharts leaves behind after measuring a chart label (src DOMUtils: a span on <body>).
    const span = document.createElement('span');
    span.id = 'recharts_measurement_span';
    span.textContent = `${CODE} ${NAME}`;
    document.body.appendChild(span);
    const seen: string[] = [];
    const stop = onBeforeLock(() =>
      seen.push(`${document.body.textContent?.includes('Refuses the school bus') ? 'form still there' : 'form gone'}, ${db.keySession.unlocked ? 'key' : 'no key'}`),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    await lockScreen();
    stop();
    expect(seen).toEqual(['form still there, key']);
    expect(document.getElementById('recharts_measurement_span')).toBeNull();
    expectNothingOfTheCase();
    expect(document.documentElement.outerHTML).not.toContain(CODE);
    expect(document.documentElement.outerHTML).not.toContain(NAME);
  });

  it('keeps an unsaved case edit as a sealed draft, and gives it back after the unlock', async () => {
    const { db, kase } = await keyedDatabase();
    await renderApp(`/cases/${kase.id}`, { db });
    await caseHeading();
    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const notes = await screen.findByLabelText('Notes');
    await userEvent.type(notes, ' Mornings are the hardest.');
    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    await lockScreen();

    const stored = Object.keys(sessionStorage).map((key) => `${key}=${sessionStorage.getItem(key)}`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^polku:draft:case:[^=]+=v1\.[A-Za-z0-9_-]+$/);
    expect(stored[0]).not.toContain('Mornings');
    expect(stored[0]).not.toContain(CODE);

    await enterPassphrase(PASSPHRASE);
    expect(await screen.findByLabelText('Notes')).toHaveValue('Refuses the school bus since March. Mornings are the hardest.');
  });
});
