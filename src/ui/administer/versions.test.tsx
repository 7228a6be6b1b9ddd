// @vitest-environment jsdom
/** A newer instrument version is installed while a draft of the older one is open. */
import { screen, within } from '@testing-library/react';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shipped, shippedCatalog } from '../../../tests/support/shipped';
import { completeAdministration, saveAnswers, startAdministration } from '../../storage/administrations';
import { createCase } from '../../storage/cases';
import { importPack } from '../../storage/packs';

async function withNewerVersion() {
  const db = testDatabase();
  const kase = await createCase(db, { code: 'VER-1', birthYear: 2012 });
  const old = shipped('srasr-key-child@1.0.0');
  const draft = await startAdministration(db, { caseId: kase.id, definition: old, informant: 'child', language: 'en', mode: 'paper' });
  const done = await startAdministration(db, { caseId: kase.id, definition: old, informant: 'child', language: 'en', mode: 'paper' });
  // Items 1..24 = 6,0,0,0 repeating: avoidance 6, the others 0.
  await saveAnswers(db, done.id, Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), i % 4 === 0 ? 6 : 0])));
  await completeAdministration(db, done.id, { withMissing: false });
  // Version 1.2.0 (newer than the shipped 1.1.0) moves item 1 from avoidance to escape: scoring with it would change the result.
  const newer = structuredClone(old) as Record<string, any>;
  newer.version = '1.2.0';
  newer.scales[0].items = ['5', '9', '13', '17', '21'];
  newer.scales[0].minAnswered = 4;
  newer.scales[1].items = ['1', '2', '6', '10', '14', '18', '22'];
  const imported = await importPack(db, { text: JSON.stringify(newer) }, shippedCatalog);
  expect(imported.ok).toBe(true);
  return { db, kase, draft, done };
}

describe('instrument versions', () => {
  it('finishes a draft on the version it was started with, saying a newer one exists', async () => {
    const { db, draft } = await withNewerVersion();
    await renderApp(`/administrations/${draft.id}`, { db });
    expect(
      await screen.findByText('A newer version 1.2.0 of this questionnaire is installed. This draft is finished on version 1.0.0, which it was started with.'),
    ).toBeInTheDocument();
    expect((await db.administrations.get(draft.id))!.instrumentVersion).toBe('1.0.0');
  });

  it('keeps scoring a completed administration with its own version', async () => {
    const { db, kase } = await withNewerVersion();
    await renderApp(`/cases/${kase.id}`, { db });
    const entry = (await screen.findAllByText('Completed'))[0]!.closest('li') as HTMLElement;
    const avoidance = within(entry)
      .getAllByRole('row')
      .find((r) => r.textContent!.startsWith('Avoiding school-related distress'))!;
    // With 1.0.0: items 1,5,9,13,17,21 are all 6 -> 6.00 over 6 of 6.
    expect(avoidance).toHaveTextContent('6.006 of 6');
  });
});
