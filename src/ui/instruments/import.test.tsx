// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { miniDefinition } from '../../../tests/support/mini-definition';
import { testDatabase } from '../../../tests/support/db';
import { renderApp } from '../../../tests/support/render-app';
import { shipped, shippedCatalog } from '../../../tests/support/shipped';
import { startAdministration } from '../../storage/administrations';
import { createCase } from '../../storage/cases';
import { importPack } from '../../storage/packs';

const packFile = (content: unknown, name = 'pack.json') =>
  new File([typeof content === 'string' ? content : JSON.stringify(content, null, 2)], name, { type: 'application/json' });

function brokenPack() {
  const pack = miniDefinition();
  pack.scales[0].items = ['a', 'b', 'missing'];
  pack.items[1].responseScale = 'nope';
  return pack;
}

async function upload(label: string, file: File) {
  await userEvent.upload(screen.getByLabelText(label), file);
}

describe('importing an instrument pack in the library', () => {
  it('lists every problem of a broken pack with its JSON path and stores nothing', async () => {
    const { db } = await renderApp('/instruments', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Instrument library' });
    await upload('Instrument pack file (.json)', packFile(brokenPack(), 'broken.json'));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not imported: 2 problems in broken.json.')).toBeInTheDocument();
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '$.items[1].responseScale: There is no response scale "nope".',
      '$.scales[0].items[2]: There is no item "missing".',
    ]);
    expect(alert).toHaveTextContent('Nothing was stored. Correct the file and import it again.');
    expect(await db.instrumentPacks.count()).toBe(0);
    expect(screen.getByRole('status')).toHaveTextContent('7 instruments');
  });

  it('says the same in Finnish', async () => {
    const { db } = await renderApp('/instruments', { language: 'fi' });
    await screen.findByRole('heading', { level: 1, name: 'Mittarikirjasto' });
    await upload('Mittaripaketin tiedosto (.json)', packFile(brokenPack(), 'rikki.json'));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Ei tuotu: tiedostossa rikki.json on 2 ongelmaa.')).toBeInTheDocument();
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '$.items[1].responseScale: Vastausasteikkoa "nope" ei ole.',
      '$.scales[0].items[2]: Osiota "missing" ei ole.',
    ]);
    expect(alert).toHaveTextContent('Mitään ei tallennettu.');
    expect(await db.instrumentPacks.count()).toBe(0);
  });

  it('imports a good pack: it appears in the list with an "Imported" badge and its missing translations are listed', async () => {
    const { db } = await renderApp('/instruments', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Instrument library' });
    const pack = miniDefinition();
    delete pack.title.sv;
    await upload('Instrument pack file (.json)', packFile(pack, 'mini.json'));
    expect(await screen.findByText('Imported Mini 1.0.0.')).toBeInTheDocument();
    expect(screen.getByText('1 text has no translation. Until a corrected pack is imported as a new version, the English text is shown in its place, marked:')).toBeInTheDocument();
    expect(screen.getByText((_, el) => el?.tagName === 'LI' && el.textContent === '$.title.sv: The sv translation is missing.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const card = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('li.card[data-instrument="mini"]');
      if (!found) throw new Error('no card yet');
      return found;
    });
    expect(within(card).getByRole('heading', { level: 2, name: 'Mini' })).toBeInTheDocument();
    expect(within(card).getByText('Imported')).toHaveClass('badge');
    expect(screen.getByRole('status')).toHaveTextContent('8 instruments');
    const stored = await db.instrumentPacks.get('mini@1.0.0');
    expect(stored).toMatchObject({ id: 'mini', version: '1.0.0', fileName: 'mini.json' });
    // Shipped cards say so.
    expect(within(document.querySelector<HTMLElement>('li.card[data-instrument="function-child"]')!).getByText('Shipped with Polku')).toBeInTheDocument();

    // The same file again: already there, nothing changes.
    await upload('Instrument pack file (.json)', packFile(pack, 'mini.json'));
    expect(await screen.findByText('Mini 1.0.0 is already imported with exactly this content. Nothing changed.')).toBeInTheDocument();
    expect(await db.instrumentPacks.count()).toBe(1);
  });

  it('explains malformed JSON, another format version, a version conflict and an unreadable file', async () => {
    const { db } = await renderApp('/instruments', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Instrument library' });
    const label = 'Instrument pack file (.json)';

    await upload(label, packFile('{"format": "polku-instrument/1",', 'cut.json'));
    let alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not imported: 1 problem in cut.json.');
    expect(alert).toHaveTextContent("The file could not be read as JSON. Check that you chose the pack's .json file");
    expect(within(alert).getByRole('listitem').textContent).toMatch(/^\$: The file is not valid JSON \(.+\)\.$/);

    await upload(label, packFile({ ...miniDefinition(), format: 'polku-instrument/2' }, 'future.json'));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Not imported: 1 problem in future.json.'));
    alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The pack was written for another version of the instrument format.');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('$.format: Pack format "polku-instrument/2" is not supported: this version of Polku reads "polku-instrument/1".');

    const changed = structuredClone(shipped('function-child@1.0.0'));
    changed.items[0]!.text!.en = 'Changed';
    await upload(label, packFile(changed, 'function-child.json'));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Not imported: function-child@1.0.0 ships with Polku with different content. A changed instrument needs a new version number',
      ),
    );

    const unreadable = packFile(miniDefinition(), 'gone.json');
    Object.defineProperty(unreadable, 'text', { value: () => Promise.reject(new DOMException('gone', 'NotReadableError')) });
    await upload(label, unreadable);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The file gone.json could not be read. Try again, or copy the file to this device first.'));
    expect(await db.instrumentPacks.count()).toBe(0);
  });
});

describe('retiring and deleting on the preview page', () => {
  async function withImportedMini() {
    const db = testDatabase();
    const result = await importPack(db, { text: JSON.stringify(miniDefinition()), fileName: 'mini.json' }, shippedCatalog);
    if (!result.ok) throw new Error('not imported');
    return { db, definition: result.definition };
  }

  it('retires a version and takes it back into use; the library shows it', async () => {
    const { db } = await renderApp('/instruments/function-child/1.0.0', { language: 'en' });
    const device = within(await screen.findByRole('region', { name: 'On this device' }));
    expect(device.getByText('Shipped with Polku')).toBeInTheDocument();
    expect(device.getByText('New administrations can be started with this version.')).toBeInTheDocument();
    expect(device.queryByRole('button', { name: 'Delete imported pack' })).not.toBeInTheDocument();
    expect(device.getByText(/keep scoring with exactly this version/)).toBeInTheDocument();

    await userEvent.click(device.getByRole('button', { name: 'Retire this version' }));
    expect(await device.findByText('Version 1.0.0 is retired on this device.')).toBeInTheDocument();
    expect(await db.instrumentStatus.get('function-child@1.0.0')).toMatchObject({ retired: true });
    expect(device.getByText('Retired on this device: no new administration starts with this version.')).toBeInTheDocument();
    expect(screen.getAllByText('Retired on this device').some((el) => el.classList.contains('badge'))).toBe(true);

    await userEvent.click(device.getByRole('button', { name: 'Use again' }));
    expect(await device.findByText('Version 1.0.0 is in use again.')).toBeInTheDocument();
    expect(await db.instrumentStatus.get('function-child@1.0.0')).toMatchObject({ retired: false });
    expect(device.getByRole('button', { name: 'Retire this version' })).toBeInTheDocument();
  });

  it('deletes an imported pack nobody uses, after confirmation', async () => {
    const { db } = await withImportedMini();
    await renderApp('/instruments/mini/1.0.0', { language: 'en', db });
    const device = within(await screen.findByRole('region', { name: 'On this device' }));
    expect(await device.findByText(/^Imported from mini\.json on /)).toBeInTheDocument();
    await userEvent.click(await device.findByRole('button', { name: 'Delete imported pack' }));
    const confirm = within(device.getByRole('group', { name: 'Delete Mini 1.0.0 from this device?' }));
    expect(confirm.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(confirm.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted Mini 1.0.0 from this device.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Instrument library' })).toBeInTheDocument();
    expect(await db.instrumentPacks.count()).toBe(0);
    expect(document.querySelector('li.card[data-instrument="mini"]')).toBeNull();
  });

  it('refuses to delete an imported pack an administration uses', async () => {
    const { db, definition } = await withImportedMini();
    const kase = await createCase(db, { code: 'ABC-123', birthYear: 2013 });
    await startAdministration(db, { caseId: kase.id, definition, informant: 'child', language: 'fi', mode: 'paper' });
    await renderApp('/instruments/mini/1.0.0', { language: 'en', db });
    const device = within(await screen.findByRole('region', { name: 'On this device' }));
    expect(
      await device.findByText('This pack cannot be deleted: 1 administration on this device was given with it and needs it to be scored. Retire the version instead.'),
    ).toBeInTheDocument();
    expect(device.getByText('1 administration on this device was given with this version.')).toBeInTheDocument();
    expect(device.queryByRole('button', { name: 'Delete imported pack' })).not.toBeInTheDocument();
    expect(await db.instrumentPacks.count()).toBe(1);
  });
});
