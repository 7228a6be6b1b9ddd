// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shippedCatalog } from '../../../tests/support/shipped';
import { localDateOf } from '../../plan';
import { loadBrowserFonts } from '../../platform/report-fonts';
import { loadNodeFonts } from '../../report/node-fonts';
import { dumpDatabase, exampleCaseWithPlan, pdfText } from '../../report/test-helpers';

// jsdom cannot fetch the built font asset: the same files are read from disk.
vi.mock('../../platform/report-fonts', () => ({ loadBrowserFonts: vi.fn() }));

let blobs: Blob[] = [];

beforeEach(() => {
  vi.mocked(loadBrowserFonts).mockImplementation(loadNodeFonts);
  blobs = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:report-${blobs.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  // jsdom does not navigate; the automatic download click is a no-op here.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});

afterEach(() => vi.restoreAllMocks());

/** jsdom's Blob: read with its FileReader. */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

describe('report page', () => {
  test('makes a Swedish PDF from a Finnish interface, without the name, and changes nothing stored', { timeout: 90_000 }, async () => {
    const user = userEvent.setup();
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const before = await dumpDatabase(db);
    await renderApp(`/cases/${record.id}/report`, { language: 'fi', db });

    expect(await screen.findByRole('heading', { level: 1, name: `Raportti (PDF), tapaus ${record.code}` })).toBeInTheDocument();
    // The report language defaults to the interface language and is chosen independently of it.
    expect(screen.getByRole('radio', { name: 'Suomi' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Svenska' }));
    expect(screen.getByRole('radio', { name: 'Svenska' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Tulosta oppilaan nimi' })).not.toBeChecked();
    const questionnaires = screen.getByRole('group', { name: 'Raporttiin tulevat kyselyt' });
    expect(within(questionnaires).getAllByRole('checkbox')).toHaveLength(14);
    expect(screen.getByRole('checkbox', { name: /Syksyn paluu/ })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Tee PDF' }));
    const fileName = `polku-${record.code}-${localDateOf(new Date())}-sv.pdf`;
    expect(await screen.findByText(new RegExp(`^PDF on valmis: ${fileName} \\(\\d+ sivua\\)\\.$`), {}, { timeout: 30_000 })).toBeInTheDocument();
    const link = screen.getByRole('link', { name: `Lataa ${fileName}` });
    expect(link).toHaveAttribute('download', fileName);
    expect(link).toHaveAttribute('href', 'blob:report-1');

    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('application/pdf');
    const text = pdfText(await bytesOf(blobs[0]!));
    expect(text).toContain(`Rapport för ärende ${record.code}`);
    expect(text).toContain('Plan för gradvis återgång: Syksyn paluu');
    expect(text).not.toContain('Esimerkki Oppilas');
    expect(await dumpDatabase(db)).toEqual(before);
  });

  test('only the ticked questionnaires and parts are printed; the name when asked for', { timeout: 90_000 }, async () => {
    const user = userEvent.setup();
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    await renderApp(`/cases/${record.id}/report`, { language: 'en', db });
    await screen.findByRole('heading', { level: 1, name: `Report (PDF) for case ${record.code}` });

    await user.click(screen.getByRole('button', { name: 'Choose none' }));
    for (const box of screen.getAllByRole('checkbox', { name: /Absence checklist/ })) await user.click(box);
    await user.click(screen.getByRole('checkbox', { name: /Syksyn paluu/ }));
    await user.click(screen.getByRole('checkbox', { name: "Print the pupil's name" }));
    await user.click(screen.getByRole('button', { name: 'Make PDF' }));
    await screen.findByText(/^The PDF is ready/, {}, { timeout: 30_000 });

    const text = pdfText(await bytesOf(blobs[0]!));
    expect(text).toMatch(/Name\s+Esimerkki Oppilas/);
    expect(text).toMatch(/Questionnaires in this\s+3/);
    expect(text).toContain('Absence checklist: reasons for missed school days — Practitioner');
    expect(text).not.toContain('Polku function questionnaire – child form — Pupil');
    expect(text).not.toContain('Gradual-return plan');
  });

  test('a failure for want of memory gives a clear message and the page stays usable', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    vi.mocked(loadBrowserFonts).mockRejectedValueOnce(new RangeError('Array buffer allocation failed'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await renderApp(`/cases/${record.id}/report`, { language: 'sv', db });
    fireEvent.click(await screen.findByRole('button', { name: 'Gör pdf' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Rapporten är för stor för enhetens minne. Ingenting sparat ändrades.');
    expect(screen.getByRole('button', { name: 'Gör pdf' })).toBeEnabled();
    expect(blobs).toHaveLength(0);
    expect(logged).toHaveBeenCalledWith(expect.any(RangeError));
  });

  test('with nothing chosen the button says why it cannot make a PDF', async () => {
    const user = userEvent.setup();
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    await renderApp(`/cases/${record.id}/report`, { language: 'en', db });
    await screen.findByRole('heading', { level: 1, name: `Report (PDF) for case ${record.code}` });
    await user.click(screen.getByRole('button', { name: 'Choose none' }));
    await user.click(screen.getByRole('checkbox', { name: /Syksyn paluu/ }));
    for (const box of within(screen.getByRole('group', { name: 'Contents' })).getAllByRole('checkbox', { checked: true })) await user.click(box);
    expect(screen.getByRole('button', { name: 'Make PDF' })).toBeDisabled();
    expect(screen.getByText('Choose at least one questionnaire, plan or part.')).toBeInTheDocument();
  });
});
