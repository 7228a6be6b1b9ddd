// @vitest-environment jsdom
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shippedCatalog } from '../../../tests/support/shipped';
import { createCase } from '../../storage/cases';
import { loadExampleCase } from '../../storage/example-case';
import { createPlan } from '../../storage/plans';

async function fillStep(item: HTMLElement, action: string, start: string, review: string) {
  const step = within(item);
  await userEvent.type(step.getByLabelText('What the pupil does'), action);
  await userEvent.type(step.getByLabelText('Start date'), start);
  await userEvent.type(step.getByLabelText('Review date'), review);
  await userEvent.click(step.getByRole('checkbox', { name: 'Pupil' }));
}

describe('plan editor', () => {
  it('writes three steps, reorders them and saves them in that order', { timeout: 60_000 }, async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'PLAN-1', birthYear: 2013 });
    await renderApp(`/cases/${kase.id}/plans/new`, { db });
    expect(await screen.findByRole('heading', { level: 1, name: 'New return plan' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Goal'), 'Full school days');
    for (const [action, start, review] of [
      // Typed day first, as the English (British) interface writes dates, whatever the browser's locale.
      ['Mornings with the resource teacher', '02/03/2026', '13/03/2026'],
      ['Whole mornings in class', '16/03/2026', '27/03/2026'],
      ['Full days', '30/03/2026', '10/04/2026'],
    ] as const) {
      await userEvent.click(screen.getByRole('button', { name: '+ Add a step' }));
      const items = screen.getAllByRole('group', { name: /^Step \d/ }).map((g) => g.closest('li')!);
      await fillStep(items.at(-1)!, action, start, review);
    }
    // Step 3 up to place 2, by keyboard.
    const up = screen.getByRole('button', { name: 'Move step 3 up' });
    up.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent('The step is now step 2.');
    await userEvent.click(screen.getByRole('button', { name: 'Create plan' }));
    expect(await screen.findByText('The plan is saved.')).toBeInTheDocument();
    const [plan] = await db.plans.toArray();
    expect(plan!.steps.map((s) => s.action)).toEqual(['Mornings with the resource teacher', 'Full days', 'Whole mornings in class']);
    expect(plan).toMatchObject({ title: 'Gradual return plan', goal: 'Full school days', revisions: [] });
    expect(plan!.steps[0]).toMatchObject({ startDate: '2026-03-02', reviewDate: '2026-03-13', responsible: ['pupil'], status: 'planned' });
    expect(screen.getByRole('heading', { level: 1, name: 'Gradual return plan' })).toBeInTheDocument();
  });

  it('shows review-before-start on the field and stores nothing', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'PLAN-2', birthYear: 2013 });
    await renderApp(`/cases/${kase.id}/plans/new`, { db, language: 'fi' });
    await userEvent.type(await screen.findByLabelText('Tavoite'), 'Täydet koulupäivät');
    await userEvent.click(screen.getByRole('button', { name: '+ Lisää vaihe' }));
    const item = screen.getByRole('group', { name: /^Vaihe 1/ }).closest('li')!;
    const step = within(item);
    await userEvent.type(step.getByLabelText('Alkaa'), '10.3.2026');
    await userEvent.type(step.getByLabelText('Arviointipäivä'), '9.3.2026');
    await userEvent.click(step.getByRole('checkbox', { name: 'Oppilas' }));
    await userEvent.click(screen.getByRole('button', { name: 'Luo suunnitelma' }));
    expect(await screen.findByText('Suunnitelmaa ei tallennettu: korjaa merkityt kentät.')).toBeInTheDocument();
    const review = step.getByLabelText('Arviointipäivä');
    expect(review).toHaveAttribute('aria-invalid', 'true');
    expect(review).toHaveAccessibleDescription('Päivä, kuukausi ja vuosi, esim. 3.12.2026. Arviointipäivä ei voi olla ennen alkamispäivää.');
    expect(step.getByLabelText('Mitä oppilas tekee')).toHaveAccessibleDescription(/Vaiheella pitää olla sisältö: kirjoita, mitä oppilas tekee./);
    expect(await db.plans.count()).toBe(0);
    // A text that is no day is named on its field; nothing is stored.
    await userEvent.clear(step.getByLabelText('Alkaa'));
    await userEvent.type(step.getByLabelText('Alkaa'), '31.2.2026');
    await userEvent.click(screen.getByRole('button', { name: 'Luo suunnitelma' }));
    expect(await step.findByText('Anna oikea päivämäärä.')).toBeInTheDocument();
    expect(await db.plans.count()).toBe(0);
  });

  it('offers the primary functions’ suggestions; an accepted one becomes an editable step', async () => {
    const db = testDatabase();
    const kase = await loadExampleCase(db, shippedCatalog);
    await renderApp(`/cases/${kase.id}/plans/new`, { db, language: 'sv' });
    // Latest forms: escape 2.0 and avoidance 1.8 are within the tie margin, so both are primary.
    const panel = (await screen.findByRole('heading', { name: 'Utgångspunkter från den primära funktionen' })).closest('section')!;
    expect(within(panel).getByText('Primära funktioner:', { exact: false })).toBeInTheDocument();
    const accept = within(panel).getAllByRole('button', { name: 'Lägg till som steg' });
    // Escape's four suggestions, then avoidance's four (psychoeducation first, then graded exposure).
    expect(accept).toHaveLength(8);
    await userEvent.click(accept[5]!);
    const action = screen.getByLabelText('Vad eleven gör') as HTMLTextAreaElement;
    expect(action.value).toBe('Gradvis exponering: återgång steg för steg, med början i den minst obehagliga delen av skoldagen');
    await userEvent.type(action, ', två lektioner');
    expect(action.value).toMatch(/skoldagen, två lektioner$/);
    expect(within(panel).getByText('Tillagt som steg')).toBeInTheDocument();
  });

  it('does not offer again a suggestion that a saved step started from', async () => {
    const db = testDatabase();
    const kase = await loadExampleCase(db, shippedCatalog);
    const [example] = await db.plans.where('caseId').equals(kase.id).toArray();
    const step = {
      id: 'x1',
      action: 'From a suggestion, edited',
      startDate: '2026-03-02',
      reviewDate: '2026-03-13',
      successCriterion: '',
      supports: '',
      responsible: ['pupil' as const],
      responsibleNote: '',
      status: 'planned' as const,
    };
    const plan = await createPlan(db, kase.id, { title: 'Second plan', goal: 'Back', returnDate: '', steps: [{ ...step, suggestedFor: 'escape:0' }], contacts: [], reviews: [] });
    expect(example).toBeDefined();
    await renderApp(`/cases/${kase.id}/plans/${plan.id}`, { db });
    const panel = (await screen.findByRole('heading', { name: 'Starting points from the primary function' })).closest('section')!;
    expect(within(panel).getAllByRole('button', { name: 'Add as a step' })).toHaveLength(7);
    expect(within(panel).getAllByText('Added as a step')).toHaveLength(1);
  });

  it('revises a step and keeps the replaced state in the history', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'PLAN-3', birthYear: 2013 });
    const plan = await createPlan(db, kase.id, {
      title: 'Plan',
      goal: 'Back',
      returnDate: '',
      steps: [
        {
          id: 's1',
          action: 'Two lessons',
          startDate: '2026-03-02',
          reviewDate: '2026-03-13',
          successCriterion: '',
          supports: '',
          responsible: ['pupil'],
          responsibleNote: '',
          status: 'in-progress',
        },
      ],
      contacts: [],
      reviews: [],
    });
    await renderApp(`/cases/${kase.id}/plans/${plan.id}`, { db });
    await userEvent.click(await screen.findByRole('button', { name: 'Revise' }));
    // Stored days are shown as the interface language writes them.
    expect(within(screen.getByRole('group', { name: /^Step 2/ })).getByLabelText('Review date')).toHaveValue('13/03/2026');
    const replacement = screen.getByRole('group', { name: /^Step 2/ });
    const action = within(replacement).getByLabelText('What the pupil does');
    await userEvent.clear(action);
    await userEvent.type(action, 'One lesson');
    await userEvent.click(screen.getByRole('button', { name: 'Save plan' }));
    expect(await screen.findByText('The plan is saved.')).toBeInTheDocument();
    const stored = (await db.plans.get(plan.id))!;
    expect(stored.steps.map((s) => [s.action, s.status, s.revisionOf ?? null])).toEqual([
      ['Two lessons', 'revised', null],
      ['One lesson', 'planned', 's1'],
    ]);
    expect(stored.revisions.map((r) => r.steps.map((s) => s.status))).toEqual([['in-progress']]);
    expect(await screen.findByRole('heading', { name: /Revision history/ })).toHaveTextContent('(1)');
  });
});

describe('attendance log', () => {
  it('enters a week and shows its rate; the rows are stored', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-1', birthYear: 2013 });
    await renderApp(`/cases/${kase.id}/attendance?week=2026-03-04`, { db });
    expect(await screen.findByRole('heading', { level: 2, name: /Week 10/ })).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1, 6);
    const typeIn = async (row: number, column: string, value: string) => userEvent.type(within(rows[row]!).getByRole('textbox', { name: new RegExp(`^${column}`) }), value);
    // 6 + 6 + 6 + 6 + 6 scheduled, 3 + 6 + 6 + 6 + 3 attended: 24 of 30 = 80 %.
    await typeIn(0, 'Scheduled', '6');
    await userEvent.click(screen.getByRole('button', { name: 'Copy Monday’s schedule to empty days' }));
    for (const [i, v] of ['3', '6', '6', '6', '3'].entries()) await typeIn(i, 'Attended', v);
    await typeIn(0, 'Distress: morning', '8');
    await typeIn(0, 'Note', 'Stomach ache');
    expect(screen.getByText('Attended this week as entered', { exact: false })).toHaveTextContent('Attended this week as entered: 80% attended (24 of 30 lessons)');
    await userEvent.click(screen.getByRole('button', { name: 'Save the week' }));
    expect(await screen.findByText('Saved: 5 days (0 removed).')).toBeInTheDocument();
    const stored = await db.attendance.where('caseId').equals(kase.id).sortBy('date');
    expect(stored.map((r) => [r.date, r.unit, r.scheduled, r.attended])).toEqual([
      ['2026-03-02', 'lessons', 6, 3],
      ['2026-03-03', 'lessons', 6, 6],
      ['2026-03-04', 'lessons', 6, 6],
      ['2026-03-05', 'lessons', 6, 6],
      ['2026-03-06', 'lessons', 6, 3],
    ]);
    expect(stored[0]).toMatchObject({ distress: { morning: 8 }, note: 'Stomach ache' });
    await waitFor(() => expect(screen.getByRole('table', { name: 'Attendance per week, with the plan step current that week' })).toHaveTextContent('Week 10'));
  });

  it('refuses attended over scheduled on the field and stores nothing', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'ATT-2', birthYear: 2013 });
    await renderApp(`/cases/${kase.id}/attendance?week=2026-03-04`, { db, language: 'sv' });
    await screen.findByRole('heading', { level: 2, name: /Vecka 10/ });
    const monday = screen.getAllByRole('row')[1]!;
    await userEvent.type(within(monday).getByRole('textbox', { name: /^Schemalagt/ }), '4');
    await userEvent.type(within(monday).getByRole('textbox', { name: /^Närvarande/ }), '5');
    await userEvent.type(within(monday).getByRole('textbox', { name: /^Oro: kväll/ }), '11');
    await userEvent.click(screen.getByRole('button', { name: 'Spara veckan' }));
    expect(await screen.findByText('Veckan sparades inte: rätta de markerade fälten.')).toBeInTheDocument();
    expect(within(monday).getByRole('textbox', { name: /^Närvarande/ })).toHaveAccessibleDescription('Närvaron kan inte vara större än det schemalagda.');
    expect(within(monday).getByRole('textbox', { name: /^Oro: kväll/ })).toHaveAccessibleDescription('Ett heltal från 0 till 10.');
    expect(await db.attendance.count()).toBe(0);
  });
});
