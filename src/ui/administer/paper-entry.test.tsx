// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router';
import { testDatabase } from '../../../tests/support/db';
import { shipped } from '../../../tests/support/shipped';
import { renderWithProviders } from '../../../tests/support/render-app';
import type { Language } from '../../instrument/schema';
import { score } from '../../scoring/score';
import { startAdministration } from '../../storage/administrations';
import { createCase } from '../../storage/cases';
import type { PolkuDatabase } from '../../storage/db';
import type { AdministrationRecord } from '../../storage/records';
import { PaperEntry } from './PaperEntry';

function CaseLanding() {
  const { caseId } = useParams();
  return <h1>case {caseId}</h1>;
}

/** The app's providers around PaperEntry alone, with a case route to land on. */
async function renderPaper(reference: string, { language = 'en', db = testDatabase(), record }: { language?: Language; db?: PolkuDatabase; record?: AdministrationRecord } = {}) {
  const definition = shipped(reference);
  let administration = record;
  if (!administration) {
    const kase = await createCase(db, { code: 'PAP-234', birthYear: 2012 });
    administration = await startAdministration(db, { caseId: kase.id, definition, informant: 'child', language: 'en', mode: 'paper' });
  }
  const { view } = await renderWithProviders(
    <Routes>
      <Route path="/paper" element={<PaperEntry record={administration} definition={definition} />} />
      <Route path="/cases/:caseId" element={<CaseLanding />} />
    </Routes>,
    '/paper',
    { language, db },
  );
  return { db, record: administration, definition, view, user: userEvent.setup() };
}

/** The text of a definition list's value by its term. */
function rowOf(term: string): string | null | undefined {
  return [...document.querySelectorAll('dt')].find((dt) => dt.textContent === term)?.nextElementSibling?.textContent;
}

async function storedAnswers(db: PolkuDatabase, id: string) {
  return (await db.administrations.get(id))!.answers;
}

describe('paper entry: SRAS-R transcription key', () => {
  it('stores an allowed digit at once and moves on; refuses a digit outside the scale; Backspace clears', async () => {
    const { db, record, user } = await renderPaper('srasr-key-child@1.0.0');
    const item1 = screen.getByLabelText('Item 1');
    expect(item1).toHaveAttribute('inputmode', 'numeric');
    await user.click(item1);
    await user.keyboard('4');
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ '1': 4 }));
    expect(item1).toHaveValue('4');
    expect(screen.getByLabelText('Item 2')).toHaveFocus();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('All answers saved.'));

    await user.keyboard('9');
    expect(screen.getByText('Item 2: 9 is not an allowed answer (0–6)')).toBeInTheDocument();
    expect(screen.getByLabelText('Item 2')).toHaveValue('');
    expect(screen.getByLabelText('Item 2')).toHaveFocus();
    await user.keyboard('x');
    expect(screen.getByText('Item 2: x is not an allowed answer (0–6)')).toBeInTheDocument();
    expect(await storedAnswers(db, record.id)).toEqual({ '1': 4 });

    await user.keyboard('{ArrowLeft}');
    expect(item1).toHaveFocus();
    await user.keyboard('{Backspace}');
    expect(item1).toHaveValue('');
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({}));
    expect(screen.getByText('0 of 24 required answers given')).toBeInTheDocument();
  });

  it('takes 24 digits in a row, shows the scores score() gives, and completes', async () => {
    const { db, record, definition, user } = await renderPaper('srasr-key-child@1.0.0');
    await user.click(screen.getByLabelText('Item 1'));
    // Items 1–24, four to a round (avoidance, escape, attention, tangible):
    //   1–4: 5 1 4 2 | 5–8: 6 3 5 0 | 9–12: 4 1 6 2 | 13–16: 5 3 4 0 | 17–20: 6 2 5 1 | 21–24: 4 0 3 3
    await user.keyboard('514263504162534062514033');
    const expected = Object.fromEntries('514263504162534062514033'.split('').map((digit, i) => [String(i + 1), Number(digit)]));
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual(expected));
    // After the last item the cursor is on the check button.
    expect(screen.getByRole('button', { name: 'Check against the paper' })).toHaveFocus();
    expect(screen.getByText('24 of 24 required answers given')).toBeInTheDocument();

    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 2, name: 'Check against the paper' })).toHaveFocus();
    expect(document.querySelector('li[data-item="13"]')).toHaveTextContent('13Item 13: 5');

    // By hand:
    //   avoidance  (1, 5, 9, 13, 17, 21) = 5+6+4+5+6+4 = 30 / 6 = 5.00
    //   escape     (2, 6, 10, 14, 18, 22) = 1+3+1+3+2+0 = 10 / 6 = 1.67
    //   attention  (3, 7, 11, 15, 19, 23) = 4+5+6+4+5+3 = 27 / 6 = 4.50
    //   tangible   (4, 8, 12, 16, 20, 24) = 2+0+2+0+1+3 =  8 / 6 = 1.33
    // Primary: avoidance alone (attention is 0.50 below, outside the 0.25 tie margin).
    const scored = score(definition, expected);
    expect(scored.ok && scored.report.scales.map((s) => s.score!.toFixed(2))).toEqual(['5.00', '1.67', '4.50', '1.33']);
    expect(scored.ok && scored.report.primary).toEqual(['avoidance']);
    const row = (id: string) => document.querySelector(`tr[data-scale="${id}"]`)!;
    expect(row('avoidance')).toHaveTextContent('Avoiding school-related distress5.006 of 6');
    expect(row('escape')).toHaveTextContent('1.67');
    expect(row('attention')).toHaveTextContent('4.50');
    expect(row('tangible')).toHaveTextContent('1.33');
    expect(screen.getByText('Primary: Avoiding school-related distress')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save as complete' }));
    expect(await screen.findByRole('heading', { level: 1, name: `case ${record.caseId}` })).toBeInTheDocument();
    const stored = (await db.administrations.get(record.id))!;
    expect(stored.status).toBe('complete');
    expect(stored.completedWithMissing).toBeUndefined();
    expect(stored.answers).toEqual(expected);
  });

  it('shows Finnish scores with a decimal comma and asks before completing with missing answers', async () => {
    const { db, record, user } = await renderPaper('srasr-key-child@1.0.0', { language: 'fi' });
    await user.click(screen.getByLabelText('Osio 1'));
    // Items 1–22 only: avoidance (1, 5, …, 21) = 6×6 / 6 = 6,00; attention (3, 7, …, 19; 23 missing) = 5×2 / 5 = 2,00, prorated.
    await user.keyboard('6123612361236123612361');
    await waitFor(async () => expect(Object.keys(await storedAnswers(db, record.id))).toHaveLength(22));
    await user.click(screen.getByRole('button', { name: 'Tarkista paperilomaketta vasten' }));
    expect(screen.getByText('22/24 pakollista vastausta annettu')).toBeInTheDocument();
    expect(within(document.querySelector('li[data-item="23"]') as HTMLElement).getByText('Puuttuu')).toBeInTheDocument();
    expect(document.querySelector('tr[data-scale="avoidance"]')).toHaveTextContent('6,00');
    expect(document.querySelector('tr[data-scale="attention"]')).toHaveTextContent('2,005/6suhteutettu');

    await user.click(screen.getByRole('button', { name: 'Tallenna valmiina' }));
    expect(screen.getByText(/^2 pakollista vastausta puuttuu: Osio 23, Osio 24\./)).toHaveFocus();
    expect((await db.administrations.get(record.id))!.status).toBe('draft');
    await user.click(screen.getByRole('button', { name: 'Tallenna valmiina puuttuvin vastauksin' }));
    await screen.findByRole('heading', { level: 1, name: `case ${record.caseId}` });
    expect(await db.administrations.get(record.id)).toMatchObject({ status: 'complete', completedWithMissing: true });
  });

  it('shows every saved value again when the form is reopened', async () => {
    const first = await renderPaper('srasr-key-child@1.0.0');
    await first.user.click(screen.getByLabelText('Item 1'));
    await first.user.keyboard('305');
    await waitFor(async () => expect(await storedAnswers(first.db, first.record.id)).toEqual({ '1': 3, '2': 0, '3': 5 }));
    first.view.unmount();

    const reopened = (await first.db.administrations.get(first.record.id))!;
    await renderPaper('srasr-key-child@1.0.0', { db: first.db, record: reopened });
    expect(screen.getByLabelText('Item 1')).toHaveValue('3');
    expect(screen.getByLabelText('Item 2')).toHaveValue('0');
    expect(screen.getByLabelText('Item 3')).toHaveValue('5');
    expect(screen.getByLabelText('Item 4')).toHaveValue('');
    expect(screen.getByText('3 of 24 required answers given')).toBeInTheDocument();
  });
});

describe('paper entry: storage failures', () => {
  it('says so when the device is full, and shows what is stored', async () => {
    const { db, record, user } = await renderPaper('srasr-key-child@1.0.0');
    await user.click(screen.getByLabelText('Item 1'));
    await user.keyboard('2');
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ '1': 2 }));
    const put = vi.spyOn(db.administrations, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    await user.keyboard('5');
    expect(await screen.findByRole('alert')).toHaveTextContent("The device's storage is full, so this was not saved.");
    await waitFor(() => expect(screen.getByLabelText('Item 2')).toHaveValue(''));
    expect(screen.getByLabelText('Item 1')).toHaveValue('2');
    put.mockRestore();
    expect(await storedAnswers(db, record.id)).toEqual({ '1': 2 });
  });
});

describe('paper entry: intensity and impact', () => {
  it('disables impact while intensity is 0 and stores both ratings when intensity is above 0', async () => {
    const { db, record, user } = await renderPaper('quality-function-child@1.0.0');

    const intensity1 = screen.getByLabelText('Item 1, intensity');
    const impact1 = screen.getByLabelText('Item 1, impact');
    // Impact is asked once intensity is filled in.
    expect(impact1).toBeDisabled();
    expect(impact1).toHaveAccessibleDescription(/Asked once intensity is filled in\./);

    await user.click(intensity1);
    await user.keyboard('0');
    expect(impact1).toBeDisabled();
    expect(impact1).toHaveValue('–');
    expect(impact1).toHaveAccessibleDescription(/Not asked, because intensity is 0\./);
    // The cursor skips the impact that is not asked.
    expect(screen.getByLabelText('Item 2, intensity')).toHaveFocus();
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ dep1: { intensity: 0 } }));

    await user.keyboard('23');
    expect(screen.getByLabelText('Item 2, impact')).toHaveValue('3');
    expect(screen.getByLabelText('Item 3, intensity')).toHaveFocus();
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ dep1: { intensity: 0 }, soc1: { intensity: 2, impact: 3 } }));

    await user.keyboard('{ArrowUp}');
    expect(screen.getByLabelText('Item 2, impact')).toHaveFocus();
    await user.keyboard('5');
    expect(screen.getByText('Item 2, impact: 5 is not an allowed answer (0–4)')).toBeInTheDocument();
    expect(screen.getByLabelText('Item 2, impact')).toHaveValue('3');

    await user.click(screen.getByRole('button', { name: 'Check against the paper' }));
    expect(screen.getAllByRole('columnheader', { name: 'impact' })).toHaveLength(2);
    expect(document.querySelector('tr[data-item="dep1"]')).toHaveTextContent('10Not asked');
    expect(document.querySelector('tr[data-item="soc1"]')).toHaveTextContent('223');
    expect(within(document.querySelector('tr[data-item="perf1"]') as HTMLElement).getByText('Missing')).toBeInTheDocument();
  });
});

describe('paper entry: one rule for stale ratings (applyAnswer)', () => {
  it('an intensity changed to 0 clears the impact on screen and in the stored record', async () => {
    const { db, record, user } = await renderPaper('quality-function-child@1.0.0');
    await user.click(screen.getByLabelText('Item 1, intensity'));
    await user.keyboard('23');
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ dep1: { intensity: 2, impact: 3 } }));
    await user.click(screen.getByLabelText('Item 1, intensity'));
    await user.keyboard('{Backspace}0');
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ dep1: { intensity: 0 } }));
    expect(screen.getByLabelText('Item 1, impact')).toBeDisabled();
    expect(screen.getByLabelText('Item 1, impact')).toHaveValue('–');
  });
});

describe('paper entry: absence checklist', () => {
  it('takes day counts with a decimal point or comma and refuses values off the half-day step', async () => {
    const { db, record, user } = await renderPaper('absence-checklist@1.0.0');
    const period = screen.getByLabelText('Item 1');
    expect(period).toHaveAttribute('inputmode', 'numeric');
    expect(screen.getByLabelText('Item 3')).toHaveAttribute('inputmode', 'decimal');

    await user.click(period);
    await user.keyboard('20{Enter}');
    expect(screen.getByLabelText('Item 2')).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.keyboard('2,5{Enter}');
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ period: 20, sick: 2.5 }));
    expect(screen.getByLabelText('Item 3')).toHaveValue('2.5');
    expect(screen.getByLabelText('Item 4')).toHaveFocus();

    await user.keyboard('2.25{Enter}');
    expect(screen.getByText('Item 4: 2.25 is not an allowed answer (0–60 in steps of 0.5)')).toBeInTheDocument();
    expect(screen.getByLabelText('Item 4')).toHaveFocus();
    expect(screen.getByLabelText('Item 4')).toHaveValue('');
    await user.keyboard('3{Tab}');
    await waitFor(async () => expect(await storedAnswers(db, record.id)).toEqual({ period: 20, sick: 2.5, refused: 3 }));

    await user.click(screen.getByRole('button', { name: 'Check against the paper' }));
    // 2.5 + 3 = 5.5 of 20 days = 27.5 %; school refusal 3 days = 15 %.
    expect(screen.getByText('5.5 days (27.5% of school days)')).toBeInTheDocument();
    expect(document.querySelector('tr[data-category="refusal"]')).toHaveTextContent('School refusal315%');
    // All absence 27.5 % and problematic absence (3 refused days) 15 %: both reach 10 %, each named.
    expect(rowOf('All absence vs threshold')).toBe('Reached: 10% of school days or more');
    expect(rowOf('Problematic absence (refusal, truancy, withdrawal, exclusion) vs threshold')).toBe('Reached: 10% of school days or more');
  });
});
