// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { unzipSync } from 'fflate';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import { shippedCatalog } from '../../../tests/support/shipped';
import { loadExampleCase } from '../../storage/example-case';
import { createProject } from '../../storage/research';
import type * as RunInWorker from '../../platform/run-in-worker';

// The real builder (in-process: jsdom has no Worker), unless a test holds it back or makes it fail.
// 'writing' holds it after saying it has written 40 % of the rows, then builds ignoring the cancel; `finished` is set once the real build has returned.
const builder = vi.hoisted(() => ({ mode: 'real' as 'real' | 'hold' | 'writing' | 'fail', release: () => {}, finished: false }));
vi.mock('../../platform/run-in-worker', async (importOriginal) => {
  const actual = await importOriginal<typeof RunInWorker>();
  const buildInWorker: typeof actual.buildInWorker = async (input, options, control) => {
    if (builder.mode === 'fail') throw new Error('worker: out of memory');
    if (builder.mode === 'writing') {
      control?.onStep?.('zipping');
      control?.onProgress?.(0.4);
    }
    if (builder.mode === 'hold' || builder.mode === 'writing') await new Promise<void>((resolve) => (builder.release = resolve));
    const built = await actual.buildInWorker(input, options, builder.mode === 'writing' ? { ...control, signal: undefined } : control);
    builder.finished = true;
    return built;
  };
  return { ...actual, buildInWorker };
});

describe('research export screen', () => {
  let blobs: Blob[];
  let clicks: string[];
  beforeEach(() => {
    blobs = [];
    clicks = [];
    // jsdom has no object URLs or downloads: keep the blob and the clicked file name instead.
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return `blob:polku/${blobs.length}`;
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    builder.mode = 'real';
    builder.finished = false;
  });

  /** The example case in a project, on the screen, with its small groups accepted. */
  async function readyToExport(language?: 'en' | 'fi') {
    const db = testDatabase();
    await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00Z'));
    await createProject(db, 'Validation study');
    const user = userEvent.setup();
    await renderApp('/research', language ? { db, language } : { db });
    await user.click(await screen.findByLabelText(language === 'fi' ? /^Ota mukaan kuvitteellinen esimerkkitapaus/ : /^Include the fictional example case/));
    await user.click(await screen.findByLabelText(language === 'fi' ? /^Vie silti/ : /^Export anyway/));
    return { db, user };
  }

  it('creates a project, checks small groups, coarsens, and downloads a zip that is then listed', async () => {
    const db = testDatabase();
    await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00Z'));
    const user = userEvent.setup();
    await renderApp('/research', { db });

    expect(await screen.findByRole('heading', { level: 1, name: 'Research export' })).toBeInTheDocument();
    await user.click(await screen.findByText('Create the project'));
    expect(screen.getByText('Create a project first (step 1).')).toBeInTheDocument();
    expect(await screen.findByText('Give the project a name.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name of the project'), 'Validation study');
    await user.click(screen.getByText('Create the project'));
    expect(await screen.findByLabelText('Project')).toHaveDisplayValue('Validation study');

    // The fictional example case stays out until it is asked for.
    expect(screen.getByText('No completed questionnaire matches these choices.')).toBeInTheDocument();
    await user.click(screen.getByLabelText(/Include the fictional example case/));
    expect(await screen.findByText('This export holds 1 case and 14 questionnaires.')).toBeInTheDocument();

    // One child, 13 years old at every questionnaire: each informant is a group of one.
    expect(screen.getByText('4 combinations are shared by fewer than 5 cases. It concerns 1 case.')).toBeInTheDocument();
    const table = screen.getByText('Combinations shared by too few cases').closest('table')!;
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Age', 'Gender', 'Who answered', 'Cases']);
    await user.click(screen.getByText('Use age bands'));
    expect(screen.getByLabelText(/^Age bands/)).toBeChecked();
    const banded = screen.getByText('Combinations shared by too few cases').closest('table')!;
    expect(
      within(banded)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ),
    ).toEqual([
      ['13–15 years', 'Girl', 'Pupil', '1'],
      ['13–15 years', 'Girl', 'Father', '1'],
      ['13–15 years', 'Girl', 'Mother', '1'],
      ['13–15 years', 'Girl', 'Practitioner', '1'],
    ]);

    const exportButton = screen.getByText('Make the export');
    expect(exportButton).toBeDisabled();
    await user.click(screen.getByLabelText(/^Export anyway/));
    await user.click(screen.getByLabelText(/^FHIR R4/));
    await user.click(screen.getByLabelText(/^Semicolon/));
    await user.click(exportButton);

    expect(await screen.findByText(/The export is ready: 1 case, 14 questionnaires\./)).toBeInTheDocument();
    const link = screen.getByText('Download polku-research-export-1.zip');
    expect(link).toHaveAttribute('download', 'polku-research-export-1.zip');
    expect(link).toHaveAttribute('href', 'blob:polku/1');
    expect(clicks).toEqual(['polku-research-export-1.zip']);
    const files = unzipSync(new Uint8Array(await blobs[0]!.arrayBuffer()));
    expect(Object.keys(files)).toContain('fhir/QuestionnaireResponse.ndjson');
    expect(new TextDecoder().decode(files['wide/function-child.csv']).split('\r\n')[0]).toMatch(
      /^study_id;administration_no;instrument;instrument_version;informant;language;mode;age_band;gender;days_since_first;/,
    );

    const past = (await screen.findByText('Exports made on this device', { selector: 'caption' })).closest('table')!;
    await waitFor(() => expect(within(past).getAllByRole('row')).toHaveLength(2));
    expect(
      within(within(past).getAllByRole('row')[1]!)
        .getAllByRole('cell')
        .slice(1, 5)
        .map((c) => c.textContent),
    ).toEqual([
      '1',
      '14',
      'Wide tables (CSV), Long table (CSV), Codebook, JSON and instrument definitions, FHIR R4',
      'age band, gender, informant, days since firstExported with 4 small groups (fewer than 5 cases).',
    ]);
    expect(await db.studyIds.count()).toBe(1);
    // A long flow on a shared two-core machine: a limit, not a timing assertion.
  }, 60_000);

  it('reads the questionnaires once per export: the preview does not read them again when the export saves its study IDs', async () => {
    const { db, user } = await readyToExport();
    // The requests made of the questionnaires' store from here on.
    const reads: string[] = [];
    const getAll = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof getAll>) {
      if (this.name === 'administrations') reads.push('getAll');
      return getAll.apply(this, args);
    });
    await user.click(screen.getByText('Make the export'));
    expect(await screen.findByText(/The export is ready: 1 case, 14 questionnaires\./)).toBeInTheDocument();
    const past = (await screen.findByText('Exports made on this device', { selector: 'caption' })).closest('table')!;
    await waitFor(() => expect(within(past).getAllByRole('row')).toHaveLength(2));
    expect(await db.studyIds.count()).toBe(1);
    // The list of exports has been read again since the save; the preview's read (before: one more
    // getAll, of every completed questionnaire) would have been started with it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reads).toEqual(['getAll']);
  });

  it('offers only informants some form is written for: no teacher without a teacher form, but a stored teacher form keeps it', async () => {
    const db = testDatabase();
    await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00Z'));
    await createProject(db, 'Validation study');
    const { unmount } = (await renderApp('/research', { db })).view;
    const filter = () => document.querySelector<HTMLElement>('fieldset[aria-describedby="informants-hint"]')!;
    await waitFor(() => expect(filter()).not.toBeNull());
    await waitFor(() =>
      expect(
        within(filter())
          .getAllByRole('checkbox')
          .map((box) => box.closest('label')!.textContent),
      ).toEqual(['Pupil', 'Mother', 'Father', 'Other caregiver', 'Practitioner']),
    );
    unmount();
    // A teacher form restored from a backup stays valid and can be filtered.
    const example = (await db.administrations.toArray()).find((a) => a.status === 'complete')!;
    await db.administrations.put({ ...example, id: 'teacher-form', informant: 'teacher' });
    await renderApp('/research', { db });
    await waitFor(() => expect(within(filter()).getByRole('checkbox', { name: 'Teacher' })).toBeInTheDocument());
  });

  it('refuses a project name that is taken and speaks Finnish', async () => {
    const db = testDatabase();
    await createProject(db, 'Hanke A');
    const user = userEvent.setup();
    await renderApp('/research', { db, language: 'fi' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Tutkimusaineiston vienti' })).toBeInTheDocument();
    await user.type(await screen.findByLabelText('Uuden hankkeen nimi'), 'Hanke A');
    await user.click(screen.getByText('Luo hanke'));
    expect(await screen.findByText('Tämänniminen hanke on jo olemassa. Valitse toinen nimi.')).toBeInTheDocument();
    expect(screen.getByText('Tällä laitteella ei ole vielä tehty tutkimusaineiston vientiä.')).toBeInTheDocument();
  });

  it('says what it is doing while the files are built, with the button disabled, then offers the file', async () => {
    builder.mode = 'hold';
    const { db, user } = await readyToExport();
    await user.click(screen.getByText('Make the export'));
    const progress = await screen.findByText('Building the files… You can go on using this page meanwhile.');
    expect(progress).toHaveAttribute('role', 'status');
    expect(screen.getByText('Making the export…').closest('button')).toBeDisabled();
    // Nothing is saved while the files are being built.
    expect(await db.studyIds.count()).toBe(0);
    builder.release();
    expect(await screen.findByText(/The export is ready: 1 case, 14 questionnaires\./)).toBeInTheDocument();
    expect(progress).toBeEmptyDOMElement();
    expect(clicks).toEqual(['polku-research-export-1.zip']);
    expect(await db.studyIds.count()).toBe(1);
  });

  it('shows the share of rows written, and Cancel stops the export: no study ID, no audit entry, no file, even when the build ends afterwards', async () => {
    builder.mode = 'writing';
    const { db, user } = await readyToExport();
    await user.click(screen.getByText('Make the export'));
    expect(await screen.findByText('Writing the files into the zip…')).toHaveAttribute('role', 'status');
    const bar = screen.getByRole('progressbar', { name: 'Rows written so far' });
    expect(bar).toHaveAttribute('value', '0.4');
    expect(bar).toHaveAttribute('max', '1');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('The export was cancelled. Nothing was saved and no study ID was kept.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.getByText('Make the export').closest('button')).toBeEnabled();
    // A build that goes on after the cancel (in a browser the worker is ended instead) makes its zip, and it is dropped.
    builder.release();
    await waitFor(() => expect(builder.finished).toBe(true));
    expect(await db.studyIds.count()).toBe(0);
    expect(await db.audit.where('action').equals('export').count()).toBe(0);
    expect(blobs).toEqual([]);
    expect(clicks).toEqual([]);
    expect(screen.queryByText(/^Download /)).not.toBeInTheDocument();
    expect(screen.getByText('No research export has been made on this device yet.')).toBeInTheDocument();
  });

  it('says in Finnish that the export failed when building fails, and saves nothing', async () => {
    builder.mode = 'fail';
    const { db, user } = await readyToExport('fi');
    await user.click(screen.getByText('Tee vienti'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Vientiä ei voitu tehdä. Mitään ei tallennettu, eikä tutkimustunnuksia jäänyt talteen.');
    expect(screen.queryByText(/^Lataa /)).not.toBeInTheDocument();
    expect(clicks).toEqual([]);
    expect(await db.studyIds.count()).toBe(0);
    expect(await db.audit.where('action').equals('export').count()).toBe(0);
    expect(screen.getByText('Tee vienti').closest('button')).toBeEnabled();
  });
});
