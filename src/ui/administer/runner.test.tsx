// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { renderApp, renderWithProviders } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shipped } from '../../../tests/support/shipped';
import type { Language } from '../../instrument/schema';
import { saveAnswer, saveAnswers, setPosition, startAdministration } from '../../storage/administrations';
import { createCase } from '../../storage/cases';
import type { PolkuDatabase } from '../../storage/db';
import type { AdministrationMode, AdministrationRecord } from '../../storage/records';
import { Runner } from './Runner';

async function start(db: PolkuDatabase, reference: string, { mode = 'self-report', language = 'en' }: { mode?: AdministrationMode; language?: Language } = {}) {
  const kase = await createCase(db, { code: 'RUN-1', birthYear: 2013 });
  return startAdministration(db, { caseId: kase.id, definition: shipped(reference), informant: 'child', language, mode });
}

const stored = async (db: PolkuDatabase, id: string) => (await db.administrations.get(id))!;

const progress = () => screen.getByRole('progressbar');

describe('questionnaire runner, one item per screen', () => {
  it('saves every answer at once, moves on, and resumes at the same screen with the answer selected', async () => {
    const db = testDatabase();
    const definition = shipped('function-child@1.0.0');
    const record = await start(db, 'function-child@1.0.0');
    const { view } = await renderApp(`/administrations/${record.id}`, { db });

    expect(await screen.findByRole('heading', { level: 1, name: definition.title.en })).toBeInTheDocument();
    expect(screen.getByText(definition.instructions!.en)).toHaveAttribute('lang', 'en');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));

    expect(screen.getByText('Question 1 of 20')).toBeInTheDocument();
    expect(progress()).toHaveAttribute('aria-valuenow', '1');
    expect(progress()).toHaveAttribute('aria-valuemax', '20');
    expect(screen.getByRole('heading', { level: 2, name: definition.items[0]!.text!.en })).toBeInTheDocument();
    expect((await stored(db, record.id)).position).toBe(1);

    await userEvent.click(screen.getByRole('radio', { name: 'half the time' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ a1: 3 }));
    // Chosen with a pointer: on to the next question, and the resume point with it.
    expect(await screen.findByText('Question 2 of 20')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: definition.items[1]!.text!.en })).toBeInTheDocument();
    expect((await stored(db, record.id)).position).toBe(2);

    await userEvent.click(screen.getByRole('radio', { name: 'never' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ a1: 3, t1: 0 }));
    expect(await screen.findByText('Question 3 of 20')).toBeInTheDocument();

    // Keyboard: arrows only select (and save); Enter moves on.
    const third = screen.getByRole('radio', { name: 'never' });
    third.focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ a1: 3, t1: 0, e1: 1 }));
    expect(screen.getByText('Question 3 of 20')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'seldom' })).toBeChecked();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Question 4 of 20')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByText('Question 2 of 20')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'never' })).toBeChecked();
    await waitFor(async () => expect((await stored(db, record.id)).position).toBe(2));

    view.unmount();
    await renderApp(`/administrations/${record.id}`, { db });
    expect(await screen.findByText('Question 2 of 20')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: definition.items[1]!.text!.en })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'never' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'always' })).not.toBeChecked();
    expect(screen.getByText('3 of 20 questions answered')).toBeInTheDocument();
  });

  it('asks the impact on the same screen only once the intensity is above 0, and stores both', async () => {
    const db = testDatabase();
    const definition = shipped('quality-function-child@1.0.0');
    const record = await start(db, 'quality-function-child@1.0.0');
    await renderApp(`/administrations/${record.id}`, { db });
    await userEvent.click(await screen.findByRole('button', { name: 'Start' }));

    const intensity = () => screen.getByRole('radiogroup', { name: 'How much is this a problem?' });
    const impact = () => screen.queryByRole('radiogroup', { name: 'How often has this kept you from school?' });
    expect(screen.getByRole('heading', { level: 2, name: definition.items[0]!.text!.en })).toBeInTheDocument();
    expect(impact()).toBeNull();

    await userEvent.click(within(intensity()).getByRole('radio', { name: 'a lot' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ dep1: { intensity: 3 } }));
    // The screen is not answered yet: it stays, and the impact appears.
    expect(await screen.findByRole('radiogroup', { name: 'How often has this kept you from school?' })).toBeInTheDocument();
    expect(screen.getByText('Question 1 of 39')).toBeInTheDocument();

    await userEvent.click(within(impact()!).getByRole('radio', { name: 'often' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ dep1: { intensity: 3, impact: 3 } }));
    expect(await screen.findByText('Question 2 of 39')).toBeInTheDocument();

    // No problem at all: no impact question, straight on.
    await userEvent.click(within(intensity()).getByRole('radio', { name: 'not at all' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ dep1: { intensity: 3, impact: 3 }, soc1: { intensity: 0 } }));
    expect(await screen.findByText('Question 3 of 39')).toBeInTheDocument();

    // Changing an intensity to 0 takes back the impact that no longer applies.
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByText('Question 1 of 39')).toBeInTheDocument();
    expect(within(impact()!).getByRole('radio', { name: 'often' })).toBeChecked();
    await userEvent.click(within(intensity()).getByRole('radio', { name: 'not at all' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers.dep1).toEqual({ intensity: 0 }));
  });

  it('lists missing answers before completing, jumps to them, and completes with missing answers only when confirmed', async () => {
    const db = testDatabase();
    const definition = shipped('function-child@1.0.0');
    const record = await start(db, 'function-child@1.0.0');
    const answers = Object.fromEntries(definition.items.map((item) => [item.id, 2]));
    delete answers[definition.items[4]!.id];
    delete answers[definition.items[11]!.id];
    await saveAnswers(db, record.id, answers);
    await setPosition(db, record.id, 21); // instructions + 20 items: the review screen
    await renderApp(`/administrations/${record.id}`, { db });

    expect(await screen.findByRole('heading', { level: 2, name: 'Review and complete' })).toBeInTheDocument();
    expect(screen.getByText('2 required answers are missing. Go back to:')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Complete' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Question 12' }));
    expect(screen.getByText('Question 12 of 20')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: definition.items[11]!.text!.en })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'usually' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers[definition.items[11]!.id]).toBe(4));
    // Question 13 is answered already; Next through to the review.
    for (let n = 13; n <= 20; n += 1) {
      expect(await screen.findByText(`Question ${n} of 20`)).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    }
    expect(await screen.findByText('1 required answer is missing. Go back to:')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Question 5' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Complete' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Complete with missing answers' }));
    expect(screen.getByText(/1 required answer stays missing/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await stored(db, record.id)).status).toBe('draft');

    await userEvent.click(screen.getByRole('button', { name: 'Complete with missing answers' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, complete with missing answers' }));
    await waitFor(async () => expect((await stored(db, record.id)).status).toBe('complete'));
    const done = await stored(db, record.id);
    expect(done.completedWithMissing).toBe(true);
    expect(done.answers[definition.items[4]!.id]).toBeUndefined();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Yes, complete with missing answers' })).toBeNull());
  });

  it('says so when an answer cannot be stored, and shows it as not given', async () => {
    const db = testDatabase();
    const record = await start(db, 'srasr-key-child@1.0.0');
    await renderApp(`/administrations/${record.id}`, { db });
    expect(await screen.findByRole('heading', { level: 2, name: 'Item 1 of the paper form' })).toBeInTheDocument();

    const full = Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
    const failing = () => {
      throw full;
    };
    db.administrations.hook('updating', failing);
    await userEvent.click(screen.getByRole('radio', { name: 'usually' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/The device's storage is full, so this was not saved/);
    expect(screen.getByRole('radio', { name: 'usually' })).not.toBeChecked();
    expect(screen.getByText('Question 1 of 24')).toBeInTheDocument();
    expect((await stored(db, record.id)).answers).toEqual({});

    db.administrations.hook('updating').unsubscribe(failing);
    await userEvent.click(screen.getByRole('radio', { name: 'usually' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ '1': 4 }));
    expect(await screen.findByText('Question 2 of 24')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('completes without the missing-answers mark when everything is answered, and then shows the answers read-only', async () => {
    const db = testDatabase();
    const definition = shipped('function-parent@1.0.0');
    const record = await start(db, 'function-parent@1.0.0');
    await saveAnswers(db, record.id, Object.fromEntries(definition.items.map((item, i) => [item.id, i % 7])));
    await setPosition(db, record.id, 100); // past the end: the last screen
    const { view } = await renderApp(`/administrations/${record.id}`, { db });

    expect(await screen.findByText('Every required question is answered.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(async () => expect((await stored(db, record.id)).status).toBe('complete'));
    expect((await stored(db, record.id)).completedWithMissing).toBeUndefined();
    // On to the case.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Complete' })).toBeNull());

    view.unmount();
    await renderApp(`/administrations/${record.id}`, { db });
    expect(await screen.findByRole('heading', { level: 2, name: 'Answers' })).toBeInTheDocument();
    expect(screen.queryByRole('radio')).toBeNull();
    const third = document.querySelector(`tr[data-item="${definition.items[2]!.id}"]`)!;
    expect(third).toHaveTextContent(definition.items[2]!.text!.en);
    expect(third).toHaveTextContent('2 – sometimes');
    expect(screen.getAllByRole('link', { name: '← Back to case' })[0]).toHaveAttribute('href', `/cases/${record.caseId}`);
  });
});

describe('questionnaire runner, whole form (interview)', () => {
  it('shows every item on one page and saves each change', async () => {
    const db = testDatabase();
    const definition = shipped('function-parent@1.0.0');
    const record = await start(db, 'function-parent@1.0.0', { mode: 'interview' });
    await renderApp(`/administrations/${record.id}`, { db });

    await screen.findByRole('heading', { level: 1, name: definition.title.en });
    const groups = screen.getAllByRole('radiogroup');
    expect(groups).toHaveLength(20);
    for (const item of definition.items) expect(screen.getByText(item.text!.en)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();

    await userEvent.click(within(groups[4]!).getByRole('radio', { name: 'usually' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ [definition.items[4]!.id]: 4 }));
    // No moving on in an interview: every item stays on the page.
    expect(screen.getAllByRole('radiogroup')).toHaveLength(20);
    await userEvent.click(within(groups[0]!).getByRole('radio', { name: 'never' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ [definition.items[4]!.id]: 4, [definition.items[0]!.id]: 0 }));
    expect(screen.getByText('2 of 20 questions answered')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Clear the answer to question 5' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ [definition.items[0]!.id]: 0 }));
    expect(within(groups[4]!).getByRole('radio', { name: 'usually' })).not.toBeChecked();
    expect(screen.getByText('19 required answers are missing. Go back to:')).toBeInTheDocument();
  });

  it('takes day counts with − / + in the scale’s steps and refuses values the scale does not allow', async () => {
    const db = testDatabase();
    const record = await start(db, 'absence-checklist@1.0.0', { mode: 'interview' });
    await renderApp(`/administrations/${record.id}`, { db });

    const period = await screen.findByRole('textbox', { name: /How many school days were there in the period/ });
    await userEvent.type(period, '20');
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ period: 20 }));

    const sick = screen.getByRole('textbox', { name: /because of illness/ });
    const sickBlock = sick.closest('.count-answer') as HTMLElement;
    expect(within(sickBlock).getByText('days')).toHaveAttribute('lang', 'en');
    await userEvent.click(within(sickBlock).getByRole('button', { name: 'Increase by 0.5' }));
    await userEvent.click(within(sickBlock).getByRole('button', { name: 'Increase by 0.5' }));
    expect(sick).toHaveValue('1');
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ period: 20, sick: 1 }));
    await userEvent.click(within(sickBlock).getByRole('button', { name: 'Decrease by 0.5' }));
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ period: 20, sick: 0.5 }));

    await userEvent.clear(sick);
    await userEvent.type(sick, '1.3');
    expect(await within(sickBlock).findByRole('alert')).toHaveTextContent('Not saved: this value is not allowed. Enter 0–60 in steps of 0.5.');
    expect(sick).toHaveAttribute('aria-invalid', 'true');
    // "1." was a whole step on the way and is kept; 1.3 is refused.
    expect((await stored(db, record.id)).answers.sick).toBe(1);

    await userEvent.clear(sick);
    await userEvent.type(sick, '2,5');
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ period: 20, sick: 2.5 }));
    expect(within(sickBlock).queryByRole('alert')).toBeNull();
    expect(await screen.findByText(/^2 of \d+ questions answered$/)).toBeInTheDocument();
  });
});

describe('questionnaire runner and the live read of its record', () => {
  it('does not follow a read answered before its own last save (a cleared count keeps empty), and follows a newer one', async () => {
    const db = testDatabase();
    const definition = shipped('absence-checklist@1.0.0');
    const record = await start(db, 'absence-checklist@1.0.0', { mode: 'interview' });
    const withSick = await saveAnswer(db, definition, record.id, { itemId: 'sick', value: 1 });
    // The record as the live query hands it to the runner; the test decides when each read arrives.
    let deliver!: (record: AdministrationRecord) => void;
    function LiveRecord() {
      const [current, setCurrent] = useState(withSick);
      deliver = setCurrent;
      return <Runner record={current} definition={definition} layout="whole-form" />;
    }
    await renderWithProviders(<LiveRecord />, '/', { db });
    const sick = await screen.findByRole('textbox', { name: /because of illness/ });
    expect(sick).toHaveValue('1');

    await userEvent.clear(sick);
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({}));
    // A read made before the clear, late on a busy device: the field stays as the user left it.
    act(() => deliver({ ...withSick }));
    expect(sick).toHaveValue('');
    // A newer revision (another tab's answer) is shown.
    const elsewhere = await saveAnswer(db, definition, record.id, { itemId: 'sick', value: 3 });
    act(() => deliver(elsewhere));
    expect(sick).toHaveValue('3');
  });
});

describe('questionnaire language and interface language', () => {
  it('shows the questionnaire in Swedish with a Finnish interface', async () => {
    const db = testDatabase();
    const definition = shipped('function-child@1.0.0');
    const record = await start(db, 'function-child@1.0.0', { language: 'sv' });
    await renderApp(`/administrations/${record.id}`, { db, language: 'fi' });

    expect(await screen.findByRole('heading', { level: 1, name: definition.title.fi })).toBeInTheDocument();
    expect(screen.getByText('Kyselyn kieli').nextSibling).toHaveTextContent('ruotsi');
    expect(screen.getByText(definition.instructions!.sv!)).toHaveAttribute('lang', 'sv');
    await userEvent.click(screen.getByRole('button', { name: 'Aloita' }));

    expect(screen.getByText('Kysymys 1/20')).toBeInTheDocument();
    const question = screen.getByRole('heading', { level: 2, name: definition.items[0]!.text!.sv });
    expect(within(question).getByText(definition.items[0]!.text!.sv!)).toHaveAttribute('lang', 'sv');
    const never = screen.getByRole('radio', { name: 'aldrig' });
    expect(screen.getByText('aldrig')).toHaveAttribute('lang', 'sv');
    expect(screen.getByRole('button', { name: 'Seuraava' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edellinen' })).toBeInTheDocument();

    await userEvent.click(never);
    await waitFor(async () => expect((await stored(db, record.id)).answers).toEqual({ a1: 0 }));
    expect(await screen.findByText('Kysymys 2/20')).toBeInTheDocument();
  });
});
