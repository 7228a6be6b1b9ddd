// @vitest-environment jsdom
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shipped, shippedCatalog } from '../../../tests/support/shipped';
import { startAdministration } from '../../storage/administrations';
import { createCase } from '../../storage/cases';
import { loadExampleCase } from '../../storage/example-case';
import type { CaseWithCounts } from '../../storage/reads';
import { filterCases } from './case-list';
import { asLocalDate } from '../../plan/dates';

describe('cases list', () => {
  it('offers the example case when there are no cases, and opens it', async () => {
    const { db } = await renderApp('/', { language: 'fi' });
    expect(await screen.findByRole('heading', { name: 'Ei vielä tapauksia' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Lataa esimerkkitapaus' }));
    await screen.findByText('Tämä on kuvitteellinen esimerkkitapaus. Kaikki sen tiedot ovat keksittyjä.');
    expect(await db.administrations.count()).toBe(14);
    expect(screen.getByRole('heading', { level: 2, name: /Kyselyt/ })).toHaveTextContent('yhteensä 14');
  });

  it('creates a case, refusing an impossible birth year with a message on the field', async () => {
    const { db } = await renderApp('/', { language: 'en' });
    await userEvent.click(await screen.findByRole('button', { name: 'New case' }));
    const code = (await screen.findByLabelText('Case code')) as HTMLInputElement;
    expect(code.value).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    await userEvent.clear(code);
    await userEvent.type(code, 'KOE-001');
    await userEvent.type(screen.getByLabelText('Year of birth'), '1890');
    await userEvent.click(screen.getByRole('button', { name: 'Create case' }));
    expect(await screen.findByText('Give a year of birth within the last 30 years, e.g. 2014.')).toBeInTheDocument();
    expect(await db.cases.count()).toBe(0);
    await userEvent.clear(screen.getByLabelText('Year of birth'));
    await userEvent.type(screen.getByLabelText('Year of birth'), '2014');
    await userEvent.selectOptions(screen.getByLabelText('Gender'), 'boy');
    await userEvent.click(screen.getByRole('button', { name: 'Create case' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Case KOE-001' })).toBeInTheDocument();
    expect(await db.cases.toArray()).toEqual([expect.objectContaining({ code: 'KOE-001', birthYear: 2014, gender: 'boy' })]);
  });

  it('refuses a case code that is already used, on the code field', async () => {
    const db = testDatabase();
    await createCase(db, { code: 'TAKEN-1', birthYear: 2012 });
    await renderApp('/', { language: 'sv', db });
    await userEvent.click(await screen.findByRole('button', { name: 'Nytt ärende' }));
    const code = await screen.findByLabelText('Ärendekod');
    await userEvent.clear(code);
    await userEvent.type(code, 'TAKEN-1');
    await userEvent.type(screen.getByLabelText('Födelseår'), '2013');
    await userEvent.click(screen.getByRole('button', { name: 'Skapa ärende' }));
    expect(await screen.findByText('Den koden används redan för ett ärende på enheten. Välj en annan kod.')).toBeInTheDocument();
    expect(await db.cases.count()).toBe(1);
  });
});

describe('cases list counts', () => {
  it('shows completed and unfinished questionnaires per case', async () => {
    const db = testDatabase();
    const example = await loadExampleCase(db, shippedCatalog);
    const other = await createCase(db, { code: 'ONE-DRAFT', birthYear: 2013 });
    await startAdministration(db, { caseId: example.id, definition: shipped('srasr-key-child@1.0.0'), informant: 'child', language: 'fi', mode: 'paper' });
    await startAdministration(db, { caseId: other.id, definition: shipped('srasr-key-child@1.0.0'), informant: 'child', language: 'fi', mode: 'paper' });
    await renderApp('/', { db });
    const row = (code: string) => document.querySelector(`tr[data-case="${code}"]`)!;
    await screen.findByText('ONE-DRAFT');
    expect(row(example.code).querySelectorAll('td')[4]!.textContent).toBe('14 completed1 unfinished');
    expect(row('ONE-DRAFT').querySelectorAll('td')[4]!.textContent).toBe('0 completed1 unfinished');
  });
});

describe('filterCases', () => {
  const at = (iso: string, code: string, extra: Partial<CaseWithCounts['record']> = {}, drafts = 0): CaseWithCounts => ({
    record: { id: code, code, birthYear: 2012, createdAt: iso, updatedAt: iso, lastActivityAt: iso, ...extra },
    completed: 1,
    drafts,
  });
  const now = new Date('2026-11-22T12:00:00Z');
  const cases = [at('2026-11-20T10:00:00Z', 'B', { school: 'Kallion koulu' }), at('2026-10-01T10:00:00Z', 'A', {}, 1), at('2026-11-01T10:00:00Z', 'C', { displayName: 'Aino' })];

  it('sorts by latest activity, code or creation', () => {
    expect(filterCases(cases, { query: '', filter: 'all', sort: 'activity', now }).map((c) => c.record.code)).toEqual(['B', 'C', 'A']);
    expect(filterCases(cases, { query: '', filter: 'all', sort: 'code', now }).map((c) => c.record.code)).toEqual(['A', 'B', 'C']);
  });

  it('filters by drafts, recent activity and a case-insensitive search', () => {
    expect(filterCases(cases, { query: '', filter: 'drafts', sort: 'code', now }).map((c) => c.record.code)).toEqual(['A']);
    expect(filterCases(cases, { query: '', filter: 'week', sort: 'code', now }).map((c) => c.record.code)).toEqual(['B']);
    expect(filterCases(cases, { query: '', filter: 'month', sort: 'code', now }).map((c) => c.record.code)).toEqual(['B', 'C']);
    expect(filterCases(cases, { query: 'kallion', filter: 'all', sort: 'code', now }).map((c) => c.record.code)).toEqual(['B']);
    expect(filterCases(cases, { query: 'aINO', filter: 'all', sort: 'code', now }).map((c) => c.record.code)).toEqual(['C']);
  });
});

describe('case page', () => {
  it('shows the results of the example case: scores, primary function and interpretation', async () => {
    const db = testDatabase();
    const kase = await loadExampleCase(db, shippedCatalog);
    await renderApp(`/cases/${kase.id}`, { language: 'en', db });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(`Case ${kase.code} · Esimerkki Oppilas`);
    // The newest completed questionnaire is open: the father's function form 7 days ago.
    // Father, time 3: avoidance [2,2,1,2,2] = 9/5 = 1.8; escape [2,1,2,2,2] = 1.8; attention [1,1,1,1,2] = 1.2; tangible [1,0,0,1,0] = 0.4
    const newest = document.querySelector('li.timeline-entry')!;
    const rows = within(within(newest as HTMLElement).getByRole('table', { name: 'Scale scores' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'Avoiding school-related distressprimaryNegative reinforcement (getting away from something unpleasant)1.805 of 5',
      'Escaping social or evaluative situationsprimaryNegative reinforcement (getting away from something unpleasant)1.805 of 5',
      'Seeking attention from significant othersPositive reinforcement (getting something rewarding)1.205 of 5',
      'Pursuing rewards outside schoolPositive reinforcement (getting something rewarding)0.405 of 5',
    ]);
    expect(within(newest as HTMLElement).getByText('Primary (tied):').parentElement).toHaveTextContent(
      'Avoiding school-related distress, Escaping social or evaluative situations',
    );
    // Both co-primary functions bring their interpretation and suggested kinds of plan steps.
    const interpretations = within(newest as HTMLElement)
      .getAllByText(/^The absence seems mainly kept up by/)
      .map((p) => p.textContent!.slice(0, 80));
    expect(interpretations).toEqual([
      'The absence seems mainly kept up by avoiding distress that school brings on (neg',
      'The absence seems mainly kept up by escaping social or evaluative situations (ne',
    ]);
    expect(within(newest as HTMLElement).getByText('Practise social skills and being evaluated in role-play before trying them at school')).toBeInTheDocument();
  });

  it('opens with the case at a glance in Finnish: the primary and what it rests on, informants, absence, attendance, plan, and a page index', async () => {
    const db = testDatabase();
    const kase = await loadExampleCase(db, shippedCatalog);
    await renderApp(`/cases/${kase.id}`, { language: 'fi', db });
    const glance = within(await screen.findByRole('region', { name: 'Yhteenveto' }));
    const terms = glance.getAllByRole('term').map((dt) => dt.textContent);
    expect(terms).toEqual(['Ensisijainen funktio', 'Vastaajat', 'Poissaolot', 'Läsnäolo', 'Paluusuunnitelma']);
    const lines = (term: string) => [...glance.getByText(term).nextElementSibling!.querySelectorAll('p')].map((p) => p.textContent);
    // The latest time point: pupil, mother and father; escape 2.00 and avoidance 1.80 lie within the 0.25 tie margin.
    expect(lines('Ensisijainen funktio')[0]).toBe(
      'Yhtä lailla ensisijaiset funktiot: sosiaalisten tai arvioivien tilanteiden pakeneminen ja koulun herättämien kielteisten tunteiden välttäminen.',
    );
    expect(lines('Ensisijainen funktio')[1]).toMatch(/^Perustuu 3 lomakkeeseen: oppilas, äiti ja isä, \d+\.\d+\.2\d{3} asti\.$/);
    expect(lines('Vastaajat')).toEqual(['Minkään kahden vastaajan arviot eivät eroa yhdessäkään funktiossa 1,5 pistettä tai enempää.']);
    expect(lines('Poissaolot')[0]).toMatch(/^Viimeisin poissaolojen kartoitus /);
    expect(lines('Paluusuunnitelma')).toEqual([
      'Voimassa oleva suunnitelma: Gradual return / Asteittainen paluu.',
      'Nykyinen vaihe: ”Attends full school days; presentations agreed in advance / Täydet koulupäivät, esitykset sovitaan etukäteen”.',
      expect.stringMatching(/^Seuraava arviointi: \d+\.\d+\.\d{4}\.$/),
    ]);
    // The not-validated notice is marked as a line not to miss.
    expect(glance.getByText(/^Kyselyä ei ole validoitu/).className).toBe('glance-warning');
    const index = within(glance.getByRole('navigation', { name: 'Tällä sivulla' }));
    expect(index.getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Profiilit', `#profiles-${kase.id}`],
      ['Paluusuunnitelmat ja läsnäolo', '#case-plans-title'],
      ['Kyselyt', '#timeline-title'],
      [expect.any(String), '#new-administration-title'],
      ['Tapauksen historia', '#history-title'],
    ]);
    for (const link of index.getAllByRole('link')) expect(document.getElementById(link.getAttribute('href')!.slice(1))).not.toBeNull();
  });

  it('starts a paper transcription of an SRAS-R key (paper is the only mode a key allows)', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'P-1', birthYear: 2011 });
    await renderApp(`/cases/${kase.id}`, { language: 'en', db });
    await userEvent.selectOptions(await screen.findByLabelText('Questionnaire'), 'srasr-key-parent@1.1.0');
    expect(
      within(screen.getByLabelText('How it is answered'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Typed in from a paper form']);
    await userEvent.selectOptions(screen.getByLabelText('Answered by'), 'father');
    await userEvent.selectOptions(screen.getByLabelText('Language of the questionnaire'), 'sv');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(async () => expect(await db.administrations.count()).toBe(1));
    expect((await db.administrations.toArray())[0]).toMatchObject({ instrumentId: 'srasr-key-parent', informant: 'father', language: 'sv', mode: 'paper', status: 'draft' });
  });

  it('deletes a case with its questionnaires, plan and attendance after confirmation', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'DEL-1', birthYear: 2012 });
    for (const informant of ['child', 'mother'] as const) {
      await startAdministration(db, { caseId: kase.id, definition: shipped('function-parent@1.0.0'), informant, language: 'fi', mode: 'interview' });
    }
    const stamp = new Date().toISOString();
    await db.plans.add({ id: 'plan-1', caseId: kase.id, title: 'Plan', goal: 'Goal', steps: [], contacts: [], reviews: [], revisions: [], createdAt: stamp, updatedAt: stamp });
    await db.attendance.add({ id: 'day-1', caseId: kase.id, date: asLocalDate('2026-11-02'), unit: 'lessons', scheduled: 6, attended: 4, updatedAt: stamp });
    await renderApp(`/cases/${kase.id}`, { language: 'en', db });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('The case and its 2 questionnaires are deleted from this device.');
    await userEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    await screen.findByRole('heading', { name: 'No cases yet' });
    expect([await db.cases.count(), await db.administrations.count(), await db.plans.count(), await db.attendance.count()]).toEqual([0, 0, 0, 0]);
  });
});
