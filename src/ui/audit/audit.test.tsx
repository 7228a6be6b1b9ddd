// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shipped } from '../../../tests/support/shipped';
import { completeAdministration, startAdministration } from '../../storage/administrations';
import { createCase, deleteCase } from '../../storage/cases';
import { writeSetting } from '../../storage/settings';

async function seeded() {
  const db = testDatabase();
  await writeSetting(db, 'practitionerName', 'Psykologi P');
  const kept = await createCase(db, { code: 'KEEP-1', birthYear: 2012 });
  const a = await startAdministration(db, { caseId: kept.id, definition: shipped('srasr-key-child@1.0.0'), informant: 'child', language: 'fi', mode: 'paper' });
  await completeAdministration(db, a.id, { withMissing: true });
  const gone = await createCase(db, { code: 'GONE-1', birthYear: 2012 });
  await deleteCase(db, gone.id);
  return { db, kept };
}

describe('audit trail on screen', () => {
  it('lists every action in settings, newest first, with deleted cases shown as deleted', async () => {
    const { db } = await seeded();
    await renderApp('/settings', { db });
    const section = within(await screen.findByRole('region', { name: 'Audit trail' }));
    const rows = (await section.findAllByRole('row')).slice(1).map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent));
    expect(rows).toEqual([
      ['Case deleted', 'deleted case', 'questionnaires: 0', 'Psykologi P'],
      ['Case created', 'deleted case', '—', 'Psykologi P'],
      ['Questionnaire completed', 'KEEP-1', 'srasr-key-child@1.0.0 · with missing answers: yes', 'Psykologi P'],
      ['Questionnaire started', 'KEEP-1', 'srasr-key-child@1.0.0 · mode: paper', 'Psykologi P'],
      ['Case created', 'KEEP-1', '—', 'Psykologi P'],
    ]);
    expect(section.queryByRole('textbox')).toBeNull();
    expect(screen.queryByText('GONE-1')).toBeNull();
  });

  it('shows a case its own history in Finnish', async () => {
    const { db, kept } = await seeded();
    await renderApp(`/cases/${kept.id}`, { db, language: 'fi' });
    await userEvent.click(await screen.findByRole('heading', { level: 2, name: /^Tapauksen historia/ }));
    const history = within(screen.getByRole('region', { name: /Tapauksen historia/ }));
    expect(
      history
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelectorAll('td')[1]!.textContent),
    ).toEqual(['Kysely valmis', 'Kysely aloitettu', 'Tapaus luotu']);
  });
});
