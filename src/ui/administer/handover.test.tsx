// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shipped } from '../../../tests/support/shipped';
import { saveAnswers, setPosition, startAdministration } from '../../storage/administrations';
import { createCase, deleteCase } from '../../storage/cases';
import type { PolkuDatabase } from '../../storage/db';
import { hashPin } from '../../storage/pin';
import { readSettings, writeSetting } from '../../storage/settings';

const PIN = '2468';
const CODE = 'HAND-7';

async function handOver(db: PolkuDatabase, { pin = true, language = 'en' as const }: { pin?: boolean; language?: 'en' | 'fi' | 'sv' } = {}) {
  if (pin) await writeSetting(db, 'pin', await hashPin(PIN, 1000));
  const kase = await createCase(db, { code: CODE, birthYear: 2012 });
  const record = await startAdministration(db, { caseId: kase.id, definition: shipped('function-child@1.0.0'), informant: 'child', language, mode: 'self-report' });
  await writeSetting(db, 'handover', { administrationId: record.id, startedAt: new Date().toISOString() });
  return record;
}

const returnButton = () => screen.findByRole('button', { name: 'Return to the practitioner' });

async function enterPin(pin: string) {
  await userEvent.type(screen.getByLabelText('Practitioner PIN'), pin);
  await userEvent.click(screen.getByRole('button', { name: 'Return' }));
}

afterEach(() => localStorage.clear());

describe('hand-over mode', () => {
  it('shows only the questionnaire: no navigation, no links, no case code', async () => {
    const db = testDatabase();
    const definition = shipped('function-child@1.0.0');
    const record = await handOver(db);
    await renderApp(`/handover/${record.id}`, { db });

    expect(await screen.findByText(definition.instructions!.en)).toBeInTheDocument();
    expect(await returnButton()).toBeInTheDocument();
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByText(CODE)).toBeNull();
    expect(screen.queryByLabelText('Interface language')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.getByText('Question 1 of 20')).toBeInTheDocument();
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });

  it('speaks the questionnaire language to the pupil, whatever the interface language', async () => {
    const db = testDatabase();
    const record = await handOver(db, { language: 'sv' });
    const { i18n } = await renderApp(`/handover/${record.id}`, { db, language: 'fi' });
    expect(await screen.findByText(shipped('function-child@1.0.0').instructions!.sv!)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Tillbaka till yrkespersonen' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Börja' }));
    expect(screen.getByText('Fråga 1 av 20')).toBeInTheDocument();
    // The practitioner's own interface stays Finnish.
    expect(i18n.language).toBe('fi');
  });

  it('shows no word of the interface language before the questionnaire language: the first frame is already Swedish or empty', async () => {
    const db = testDatabase();
    const record = await handOver(db, { language: 'sv' });
    // Every text the screen shows, from the first render on.
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(document.body.textContent ?? ''));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    await renderApp(`/handover/${record.id}`, { db, language: 'fi' });
    seen.add(document.body.textContent ?? '');
    await screen.findByRole('button', { name: 'Tillbaka till yrkespersonen' });
    observer.disconnect();
    const texts = [...seen].join('\n');
    // Finnish is the interface: neither its loading text nor its return button may flash first.
    expect(texts).not.toMatch(/Ladataan|Palauta laite työntekijälle|Loading|Return to the practitioner/);
  });

  it('sends every other route back to the hand-over screen while it is on', async () => {
    const db = testDatabase();
    const record = await handOver(db);
    const { view } = await renderApp('/', { db });
    expect(await screen.findByText(shipped('function-child@1.0.0').instructions!.en)).toBeInTheDocument();
    expect(await returnButton()).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).toBeNull();

    view.unmount();
    await renderApp(`/cases/${record.caseId}`, { db });
    expect(await returnButton()).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('refuses a wrong PIN, and the right PIN ends the hand-over and leaves it', async () => {
    const db = testDatabase();
    await handOver(db);
    const record = (await db.administrations.toArray())[0]!;
    await renderApp(`/handover/${record.id}`, { db });

    await userEvent.click(await returnButton());
    await enterPin('1111');
    expect(await screen.findByRole('alert')).toHaveTextContent('The PIN is not correct. 4 tries left before a pause.');
    expect((await readSettings(db)).handover?.administrationId).toBe(record.id);

    // Cancel goes back to the questionnaire, still handed over.
    await userEvent.click(screen.getByRole('button', { name: 'Cancel, continue the questionnaire' }));
    expect(await screen.findByRole('button', { name: 'Start' })).toBeInTheDocument();

    await userEvent.click(await returnButton());
    await enterPin(PIN);
    await waitFor(async () => expect((await readSettings(db)).handover).toBeUndefined());
    // The practitioner's layout is back.
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Return to the practitioner' })).toBeNull();
  });

  it('blocks the PIN prompt for 30 seconds after five wrong tries in a row', async () => {
    const db = testDatabase();
    const record = await handOver(db);
    await renderApp(`/handover/${record.id}`, { db });
    await userEvent.click(await returnButton());
    for (let tries = 4; tries >= 1; tries -= 1) {
      await enterPin('0000');
      const message = tries === 1 ? 'The PIN is not correct. 1 try left before a pause.' : `The PIN is not correct. ${tries} tries left before a pause.`;
      await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(message));
    }
    await enterPin('0000');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Too many wrong PINs in a row. Wait 30 seconds, then try again.'));
    expect(screen.getByLabelText('Practitioner PIN')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Return' })).toBeDisabled();
    expect((await readSettings(db)).handover?.administrationId).toBe(record.id);
  });

  it('thanks the respondent after the last answer and still needs the PIN to leave', async () => {
    const db = testDatabase();
    const definition = shipped('function-child@1.0.0');
    const record = await handOver(db);
    const last = definition.items.at(-1)!;
    await saveAnswers(db, record.id, Object.fromEntries(definition.items.filter((item) => item !== last).map((item) => [item.id, 1])));
    await setPosition(db, record.id, definition.items.length); // instructions + 19 items before it
    await renderApp(`/handover/${record.id}`, { db });

    expect(await screen.findByText('Question 20 of 20')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'always' }));
    expect(await screen.findByText('You have answered every question. Thank you! Press Finish when you are ready.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Finish' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you!' })).toBeInTheDocument();
    expect(screen.getByText('Please give the device back.')).toBeInTheDocument();
    const done = (await db.administrations.get(record.id))!;
    expect(done.status).toBe('complete');
    expect(done.answers[last.id]).toBe(6);
    expect(done.completedWithMissing).toBeUndefined();
    expect((await readSettings(db)).handover?.administrationId).toBe(record.id);
    expect(screen.queryAllByRole('link')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Return to the practitioner' }));
    expect(screen.getByLabelText('Practitioner PIN')).toBeInTheDocument();
  });

  it('opens an administration that is not the one handed over in practitioner mode', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'OTHER-1', birthYear: 2012 });
    const record = await startAdministration(db, { caseId: kase.id, definition: shipped('function-child@1.0.0'), informant: 'child', language: 'en', mode: 'self-report' });
    await renderApp(`/handover/${record.id}`, { db });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '← Back to case' })).toHaveAttribute('href', `/cases/${kase.id}`);
    expect(screen.queryByRole('button', { name: 'Return to the practitioner' })).toBeNull();
  });

  it('can be left without a PIN when none is set, after a confirmation', async () => {
    const db = testDatabase();
    const record = await handOver(db, { pin: false });
    await renderApp(`/handover/${record.id}`, { db });
    await userEvent.click(await returnButton());
    expect(screen.getByText(/No practitioner PIN is set on this device/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Practitioner PIN')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Return to the practitioner' }));
    await waitFor(async () => expect((await readSettings(db)).handover).toBeUndefined());
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('ends a hand-over whose questionnaire no longer exists', async () => {
    const db = testDatabase();
    const record = await handOver(db);
    await deleteCase(db, record.caseId);
    await renderApp('/instruments', { db });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    await waitFor(async () => expect((await readSettings(db)).handover).toBeUndefined());
  });
});
