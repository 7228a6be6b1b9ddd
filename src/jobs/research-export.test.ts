import Papa from 'papaparse';
import { unzipSync } from 'fflate';
import { testDatabase } from '../../tests/support/db';
import { shipped, shippedCatalog } from '../../tests/support/shipped';
import { DEFAULT_OPTIONS, FORMATS, type ExportOptions } from '../export/types';
import type { PolkuDatabase } from '../storage/db';
import { loadExampleCase } from '../storage/example-case';
import { buildInWorker } from '../platform/run-in-worker';
import { createProject, generateStudyId, pastExports, readExportSource } from '../storage/research';
import { writeSetting } from '../storage/settings';
import type { AdministrationRecord, AttendanceRecord, CaseRecord, PlanRecord } from '../storage/records';
import { ExportFailure, previewExport, runExport, type ExportStep } from './research-export';
import { asLocalDate } from '../plan/dates';

const definitions = shippedCatalog.all();
const everything: ExportOptions = { ...DEFAULT_OPTIONS, formats: [...FORMATS], gender: true, schoolYear: true, bom: true, filter: { includeExample: true } };

/** Unzips an export and decodes every file (keeping a BOM visible). */
async function unzip(zip: Blob): Promise<Map<string, string>> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return new Map(Object.entries(unzipSync(new Uint8Array(await zip.arrayBuffer()))).map(([path, bytes]) => [path, decoder.decode(bytes)]));
}

function table(text: string, separator = ','): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, delimiter: separator, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('the example case, exported', () => {
  it('gives exact cells in the wide and long files', async () => {
    const db = testDatabase();
    await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00Z'));
    const project = await createProject(db, 'Example');
    const outcome = await runExport(db, project.id, definitions, { ...everything, bom: false });
    expect(outcome).toMatchObject({ cases: 1, administrations: 14, fileName: 'polku-research-export-1.zip' });
    const files = await unzip(outcome.zip);
    const studyId = (await db.studyIds.toArray())[0]!.studyId;
    expect(studyId).toMatch(/^S-[2-9A-HJKMNP-Z]{8}$/);

    const child = table(files.get('wide/function-child.csv')!);
    expect(child.map((r) => r.administration_no)).toEqual(['2', '8', '12']);
    // The first function form, 112 days before 22 Nov 2026 (2 Aug 2026); the first questionnaire
    // (an absence checklist) was a day earlier. Born March 2013: 13 years old, nominal grade 7.
    expect(child[0]).toMatchObject({
      study_id: studyId,
      instrument: 'function-child',
      instrument_version: '1.1.0',
      informant: 'child',
      language: 'fi',
      mode: 'self-report',
      age: '13',
      gender: 'girl',
      school_year: '7',
      days_since_first: '1',
      complete: '1',
      completed_with_missing: '0',
      item_a1: '5',
      scale_avoidance_score: '5',
      scale_avoidance_answered: '5',
      scale_avoidance_items: '5',
      scale_avoidance_prorated: '0',
      scale_escape_score: '4',
      scale_attention_score: '1.6',
      scale_tangible_score: '0.4',
      primary: 'avoidance',
    });
    expect(child.map((r) => r.days_since_first)).toEqual(['1', '57', '106']);

    const parents = table(files.get('wide/function-parent.csv')!);
    expect(parents.map((r) => [r.informant, r.language, r.scale_avoidance_score])).toEqual([
      ['mother', 'fi', '5.4'],
      ['father', 'sv', '4.4'],
      ['mother', 'fi', '4.2'],
      ['father', 'sv', '3.4'],
      ['mother', 'fi', '2.2'],
      ['father', 'sv', '1.8'],
    ]);

    // A multi-rating item has one column per rating; impact is empty where intensity was 0.
    const quality = table(files.get('wide/quality-function-child.csv')!);
    expect(quality[0]).toMatchObject({
      item_dep1_intensity: '2',
      item_dep1_impact: '1',
      item_dep3_intensity: '1',
      item_dep3_impact: '0',
      item_ago1_intensity: '0',
      item_ago1_impact: '',
      scale_depression_intensity_score: '1.666667',
      scale_depression_impact_score: '0.666667',
      scale_agoraphobia_panic_impact_score: '0',
    });

    const absence = table(files.get('wide/absence-checklist.csv')!);
    expect(absence[0]).toMatchObject({
      administration_no: '1',
      days_since_first: '0',
      informant: 'practitioner',
      absence_period_days: '20',
      absence_refusal_days: '8',
      absence_total_days: '12',
      absence_total_percent: '60',
      absence_threshold_percent: '10',
      absence_total_flagged: '1',
      absence_problematic_flagged: '1',
    });

    const long = table(files.get('answers-long.csv')!);
    expect(long.filter((r) => r.administration_no === '5' && r.item === 'dep1')).toEqual([
      {
        study_id: studyId,
        administration_no: '5',
        instrument: 'quality-function-child',
        instrument_version: '1.1.0',
        informant: 'child',
        item: 'dep1',
        item_number: '1',
        rating: 'intensity',
        value: '2',
      },
      {
        study_id: studyId,
        administration_no: '5',
        instrument: 'quality-function-child',
        instrument_version: '1.1.0',
        informant: 'child',
        item: 'dep1',
        item_number: '1',
        rating: 'impact',
        value: '1',
      },
    ]);
    expect(long.filter((r) => r.administration_no === '5' && r.item === 'ago1').map((r) => r.rating)).toEqual(['intensity']);
  });

  it('records the export in the audit trail with flat facts only', async () => {
    const db = testDatabase();
    const kase = await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00Z'));
    const project = await createProject(db, 'Example');
    await runExport(db, project.id, definitions, {
      ...everything,
      filter: { includeExample: true, from: '2026-08-01', to: '2026-10-31', informants: ['child', 'mother'], instruments: ['function-child', 'function-parent'] },
    });
    const [entry] = await pastExports(db);
    expect(entry).toMatchObject({ action: 'export', target: 'research' });
    expect(entry!.caseId).toBeUndefined();
    expect(entry!.detail).toEqual({
      cases: 1,
      administrations: 4,
      formats: 'wide, long, codebook, json, fhir',
      fields: 'age, gender, school-year, informant, days-since-first',
      k: 5,
      // Aug–Oct 2026 the girl is 13 and in grade 7: one group for her answers, one for her mother's.
      smallGroups: 2,
      from: '2026-08-01',
      to: '2026-10-31',
      instruments: 'function-child, function-parent',
      informants: 'child, mother',
    });
    expect(JSON.stringify(entry)).not.toContain(kase.code);
  });
});

describe('study IDs', () => {
  async function seedCase(db: PolkuDatabase, code: string, at: string): Promise<CaseRecord> {
    const kase: CaseRecord = { id: crypto.randomUUID(), code, birthYear: 2012, gender: 'boy', createdAt: at, updatedAt: at, lastActivityAt: at };
    const answers = Object.fromEntries(shipped('srasr-key-child@1.0.0').items.map((item) => [item.id, 2]));
    const administration: AdministrationRecord = {
      id: crypto.randomUUID(),
      caseId: kase.id,
      instrumentId: 'srasr-key-child',
      instrumentVersion: '1.0.0',
      definitionHash: 'x',
      informant: 'child',
      language: 'fi',
      mode: 'paper',
      status: 'complete',
      answers,
      position: 0,
      startedAt: at,
      updatedAt: at,
      completedAt: at,
    };
    await db.cases.add(kase);
    await db.administrations.add(administration);
    return kase;
  }
  const studyIdsIn = async (zip: Blob) => table((await unzip(zip)).get('wide/srasr-key-child.csv')!).map((r) => r.study_id);

  it('stay the same within a project and are independent across projects', async () => {
    const db = testDatabase();
    const one = await seedCase(db, 'AAA-111', '2026-03-01T10:00:00Z');
    const two = await seedCase(db, 'BBB-222', '2026-03-02T10:00:00Z');
    const a = await createProject(db, 'A');
    const b = await createProject(db, 'B');
    const first = await runExport(db, a.id, definitions, DEFAULT_OPTIONS);
    const idOf = async (projectId: string, caseId: string) => (await db.studyIds.get(`${projectId}:${caseId}`))!.studyId;
    const inA = [await idOf(a.id, one.id), await idOf(a.id, two.id)];
    expect(new Set(await studyIdsIn(first.zip))).toEqual(new Set(inA));

    // A third case joins before the second wave: the first two keep their IDs.
    const three = await seedCase(db, 'CCC-333', '2026-04-01T10:00:00Z');
    const second = await runExport(db, a.id, definitions, DEFAULT_OPTIONS);
    expect(new Set(await studyIdsIn(second.zip))).toEqual(new Set([...inA, await idOf(a.id, three.id)]));
    expect([await idOf(a.id, one.id), await idOf(a.id, two.id)]).toEqual(inA);

    const other = await runExport(db, b.id, definitions, DEFAULT_OPTIONS);
    const inB = [await idOf(b.id, one.id), await idOf(b.id, two.id), await idOf(b.id, three.id)];
    expect(new Set(await studyIdsIn(other.zip))).toEqual(new Set(inB));
    const allA = new Set([...inA, await idOf(a.id, three.id)]);
    for (const id of inB) expect(allA.has(id)).toBe(false);
    expect(await db.studyIds.count()).toBe(6);
  });

  it('are saved only for the cases the build put in the zip', async () => {
    const db = testDatabase();
    const one = await seedCase(db, 'AAA-111', '2026-03-01T10:00:00Z');
    const two = await seedCase(db, 'BBB-222', '2026-03-05T10:00:00Z');
    const project = await createProject(db, 'Later only');
    // The first case's questionnaire is before the period chosen: it is not in the export, and gets no ID.
    const outcome = await runExport(db, project.id, definitions, { ...DEFAULT_OPTIONS, filter: { from: '2026-03-03' } });
    expect(outcome.cases).toBe(1);
    const saved = await db.studyIds.toArray();
    expect(saved.map((r) => r.caseId)).toEqual([two.id]);
    expect(await studyIdsIn(outcome.zip)).toEqual([saved[0]!.studyId]);
    expect(saved.some((r) => r.caseId === one.id)).toBe(false);
  });

  it('are kept only once the export is saved: a failed build writes no ID and no audit entry', async () => {
    const db = testDatabase();
    const kase = await seedCase(db, 'AAA-111', '2026-03-01T10:00:00Z');
    const project = await createProject(db, 'A');
    const steps: ExportStep[] = [];
    const failed = runExport(db, project.id, definitions, DEFAULT_OPTIONS, { onStep: (step) => steps.push(step), build: () => Promise.reject(new Error('worker: out of memory')) });
    await expect(failed).rejects.toBeInstanceOf(ExportFailure);
    await expect(failed).rejects.toMatchObject({ reason: 'build' });
    expect(steps).toEqual(['reading', 'building']);
    expect(await db.studyIds.count()).toBe(0);
    expect(await pastExports(db)).toEqual([]);

    // The next attempt works as if the failed one had never happened.
    steps.length = 0;
    const outcome = await runExport(db, project.id, definitions, DEFAULT_OPTIONS, { onStep: (step) => steps.push(step) });
    expect(steps).toEqual(['reading', 'building', 'zipping', 'saving']);
    expect(outcome.fileName).toBe('polku-research-export-1.zip');
    expect(await studyIdsIn(outcome.zip)).toEqual([(await db.studyIds.get(`${project.id}:${kase.id}`))!.studyId]);
  });

  it('fail the export, writing nothing, when another export of the project gave IDs to the same cases meanwhile', async () => {
    const db = testDatabase();
    const one = await seedCase(db, 'AAA-111', '2026-03-01T10:00:00Z');
    const two = await seedCase(db, 'BBB-222', '2026-03-02T10:00:00Z');
    const project = await createProject(db, 'A');
    const other = await createProject(db, 'B');
    // The first case already has its ID in the project; the second is new to it.
    await runExport(db, project.id, definitions, { ...DEFAULT_OPTIONS, filter: { from: '2026-03-01', to: '2026-03-01' } });
    const before = await db.studyIds.toArray();
    expect(before.map((r) => r.caseId)).toEqual([one.id]);

    // While this export is being built, a whole export of the same project runs (another tab) and
    // one of another project too: the second case now has an ID the zip being built does not hold.
    let inBetween: Blob | undefined;
    const racing = runExport(db, project.id, definitions, DEFAULT_OPTIONS, {
      build: async (input, options, control) => {
        inBetween = (await runExport(db, project.id, definitions, DEFAULT_OPTIONS)).zip;
        await runExport(db, other.id, definitions, DEFAULT_OPTIONS);
        return buildInWorker(input, options, control);
      },
    });
    await expect(racing).rejects.toMatchObject({ reason: 'changed' });
    const assigned = (await db.studyIds.where('projectId').equals(project.id).toArray()).map((r): [string, string] => [r.caseId, r.studyId]);
    expect(new Map(assigned)).toEqual(
      new Map([
        [one.id, before[0]!.studyId],
        [two.id, (await db.studyIds.get(`${project.id}:${two.id}`))!.studyId],
      ]),
    );
    expect(new Set(await studyIdsIn(inBetween!))).toEqual(new Set(assigned.map(([, id]) => id)));
    // The first export, the one in between and the other project's: not the failed one.
    expect((await pastExports(db)).map((e) => e.detail?.cases)).toEqual([2, 2, 1]);

    // An export of another project meanwhile is no conflict.
    const calm = await runExport(db, project.id, definitions, DEFAULT_OPTIONS, {
      build: async (input, options, control) => {
        await runExport(db, other.id, definitions, DEFAULT_OPTIONS);
        return buildInWorker(input, options, control);
      },
    });
    expect(calm.fileName).toBe('polku-research-export-5.zip');
    expect(new Set(await studyIdsIn(calm.zip))).toEqual(new Set(assigned.map(([, id]) => id)));
  });

  it('fail the export, writing nothing, when a case it holds was deleted meanwhile', async () => {
    const db = testDatabase();
    await seedCase(db, 'AAA-111', '2026-03-01T10:00:00Z');
    const gone = await seedCase(db, 'BBB-222', '2026-03-02T10:00:00Z');
    const project = await createProject(db, 'A');
    const racing = runExport(db, project.id, definitions, DEFAULT_OPTIONS, {
      build: async (input, options, control) => {
        await db.cases.delete(gone.id);
        return buildInWorker(input, options, control);
      },
    });
    await expect(racing).rejects.toMatchObject({ reason: 'changed' });
    expect(await db.studyIds.count()).toBe(0);
    expect(await pastExports(db)).toEqual([]);
  });

  it('come from the random source alone, not from the case', async () => {
    expect(generateStudyId(() => new Uint8Array([0, 255, 30, 31, 248, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).toBe('S-2Z234567');
    const db = testDatabase();
    const kase = await seedCase(db, 'AAA-111', '2026-03-01T10:00:00Z');
    const project = await createProject(db, 'A');
    // With the random source fixed, the ID is what the bytes say, whatever the case's id or code.
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
      new Uint8Array(array.buffer).fill(9);
      return array;
    });
    try {
      await runExport(db, project.id, definitions, DEFAULT_OPTIONS);
    } finally {
      spy.mockRestore();
    }
    expect((await db.studyIds.get(`${project.id}:${kase.id}`))!.studyId).toBe('S-BBBBBBBB');
  });
});

describe('anonymization', () => {
  const secrets = {
    names: ['Zebulon Quixotely', 'Hyacinth Bucketworth'],
    codes: ['ZQX-KAPPA', 'HBW-OMEGA'],
    schools: ['Mörköniemen koulu', 'Skogsbrynets skola'],
    classes: ['9Ö-Salainen', '8Z-Hemlig'],
    notes: ['Muistiinpano: isä Ukko Pekkanen', 'Anteckning: mamma Greta Garbostrom'],
    practitioner: 'Dr. Pirkko Praktikko',
    administeredBy: 'Psykologi Vilhelmiina Vuorenvarma',
    plan: [
      'Astuu luokkaan Aarnivalkean kanssa',
      'Onnistuu jos Hiidenkirnu',
      'Tuki: Lohikäärmeopettaja',
      'Rehtori Rautakanki',
      'rautakanki@example.fi',
      'Arvio: Hölmölän kokous',
      'Paluusuunnitelma Kuutamo',
      'Tavoite: Tähtisumu',
    ],
    attendance: 'Poissa: Kummitusjuna',
    project: 'Projekti Salakuja',
  };

  /**
   * Whether `lower` (a file's text in lower case) holds `secret`, in any case. A short one (the example's class "7B") counts only
   * as a token of its own: a random study ID holds any two of its characters now and then (once in
   * about a hundred runs), and that is no leak.
   */
  function holds(lower: string, secret: string): boolean {
    const needle = secret.toLowerCase();
    if (needle.length >= 4) return lower.includes(needle);
    const partOfWord = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      if (!partOfWord(lower[at - 1]) && !partOfWord(lower[at + needle.length])) return true;
    }
    return false;
  }

  async function seed(db: PolkuDatabase) {
    await writeSetting(db, 'practitionerName', secrets.practitioner);
    const births = [
      { year: 2011, month: 11 },
      { year: 2014, month: 2 },
    ];
    const dates = ['2026-01-13T08:15:00Z', '2026-02-17T13:45:00Z', '2026-05-20T09:05:00Z'];
    const cases: CaseRecord[] = [];
    for (const [i, birth] of births.entries()) {
      const kase: CaseRecord = {
        id: crypto.randomUUID(),
        code: secrets.codes[i]!,
        displayName: secrets.names[i]!,
        birthYear: birth.year,
        birthMonth: birth.month,
        gender: i === 0 ? 'other' : 'girl',
        school: secrets.schools[i]!,
        className: secrets.classes[i]!,
        notes: secrets.notes[i]!,
        createdAt: dates[0]!,
        updatedAt: dates[2]!,
        lastActivityAt: dates[2]!,
      };
      cases.push(kase);
      await db.cases.add(kase);
      const qualityAnswers = Object.fromEntries(shipped('quality-function-parent@1.0.0').items.map((item, n) => [item.id, n % 2 ? { intensity: 3, impact: 2 } : { intensity: 0 }]));
      const functionAnswers = Object.fromEntries(shipped('function-child@1.0.0').items.map((item, n) => [item.id, n % 7]));
      const planned: [string, string, object][] = [
        ['function-child', 'child', functionAnswers],
        ['quality-function-parent', 'father', qualityAnswers],
        ['absence-checklist', 'practitioner', { period: 19, refused: 3.5, sick: 1 }],
      ];
      for (const [n, [instrumentId, informant, answers]] of planned.entries()) {
        const at = dates[n]!;
        await db.administrations.add({
          id: crypto.randomUUID(),
          caseId: kase.id,
          instrumentId,
          instrumentVersion: '1.0.0',
          definitionHash: 'h',
          informant: informant as AdministrationRecord['informant'],
          language: 'sv',
          mode: 'interview',
          status: 'complete',
          answers: answers as AdministrationRecord['answers'],
          position: 3,
          administeredBy: secrets.administeredBy,
          startedAt: at,
          updatedAt: at,
          completedAt: at,
          completedWithMissing: n === 2,
        });
      }
      const [action, criterion, supports, contact, reach, review, title, goal] = secrets.plan as [string, string, string, string, string, string, string, string];
      const plan: PlanRecord = {
        id: crypto.randomUUID(),
        caseId: kase.id,
        title,
        goal,
        returnDate: asLocalDate('2026-03-02'),
        steps: [
          {
            id: crypto.randomUUID(),
            action,
            startDate: asLocalDate('2026-02-23'),
            reviewDate: asLocalDate('2026-03-09'),
            successCriterion: criterion,
            supports,
            responsible: ['pupil', 'other'],
            responsibleNote: contact,
            status: 'in-progress',
          },
        ],
        contacts: [{ id: crypto.randomUUID(), name: contact, role: 'rehtori', reach }],
        reviews: [{ id: crypto.randomUUID(), date: asLocalDate('2026-03-09'), notes: review }],
        revisions: [],
        createdAt: dates[1]!,
        updatedAt: dates[1]!,
      };
      await db.plans.add(plan);
      const day: AttendanceRecord = {
        id: crypto.randomUUID(),
        caseId: kase.id,
        date: asLocalDate('2026-02-24'),
        unit: 'lessons',
        scheduled: 6,
        attended: 2,
        distress: { morning: 8 },
        note: secrets.attendance,
        updatedAt: dates[1]!,
      };
      await db.attendance.add(day);
    }
    // A draft with its own free-text-like answers state must not appear either.
    await db.administrations.add({
      id: crypto.randomUUID(),
      caseId: cases[0]!.id,
      instrumentId: 'function-child',
      instrumentVersion: '1.0.0',
      definitionHash: 'h',
      informant: 'child',
      language: 'fi',
      mode: 'self-report',
      status: 'draft',
      answers: { a1: 6 },
      position: 1,
      administeredBy: secrets.administeredBy,
      startedAt: '2026-06-01T10:00:00Z',
      updatedAt: '2026-06-01T10:00:00Z',
    });
    await loadExampleCase(db, shippedCatalog, new Date('2026-11-22T10:00:00Z'));
    return cases;
  }

  it('no file of an export with every option on holds a name, code, school, note, practitioner, free text, id or date', async () => {
    const db = testDatabase();
    const cases = await seed(db);
    const project = await createProject(db, secrets.project);
    const ids = [
      ...(await db.cases.toArray()).map((c) => c.id),
      ...(await db.administrations.toArray()).map((a) => a.id),
      ...(await db.plans.toArray()).map((p) => p.id),
      ...(await db.attendance.toArray()).map((a) => a.id),
      project.id,
    ];
    const example = (await db.cases.toArray()).find((c) => c.example)!;
    const forbidden = [
      ...secrets.names,
      ...secrets.codes,
      ...secrets.schools,
      ...secrets.classes,
      ...secrets.notes,
      secrets.practitioner,
      secrets.administeredBy,
      ...secrets.plan,
      secrets.attendance,
      secrets.project,
      example.code,
      example.displayName!,
      example.school!,
      example.className!,
      example.notes!,
      'Example psychologist',
      ...ids,
    ];
    // The class "7B" as a cell is found; inside a study ID it is not (the failure seen once in 120 runs).
    expect([holds('s-k27bqxwm', '7B'), holds('1;7b;2', '7B'), holds('"class":"7b"', '7B')]).toEqual([false, true, true]);
    for (const [dates, separator] of [
      ['interval', ','],
      ['year-month', ';'],
    ] as const) {
      const outcome = await runExport(db, project.id, definitions, { ...everything, dates, separator });
      expect(outcome.cases).toBe(3);
      const files = await unzip(outcome.zip);
      expect([...files.keys()].sort()).toEqual([
        'answers-long.csv',
        'codebook.csv',
        'codebook.md',
        'data.json',
        'fhir/Questionnaire.ndjson',
        'fhir/QuestionnaireResponse.ndjson',
        // The example case uses the newest versions (1.1.0); the other cases here were given with 1.0.0.
        'instruments/absence-checklist@1.0.0.json',
        'instruments/absence-checklist@1.1.0.json',
        'instruments/function-child@1.0.0.json',
        'instruments/function-child@1.1.0.json',
        'instruments/function-parent@1.1.0.json',
        'instruments/quality-function-child@1.1.0.json',
        'instruments/quality-function-parent@1.0.0.json',
        'instruments/quality-function-parent@1.1.0.json',
        'wide/absence-checklist.csv',
        'wide/function-child.csv',
        'wide/function-parent.csv',
        'wide/quality-function-child.csv',
        'wide/quality-function-parent.csv',
      ]);
      expect(outcome.fileName).not.toMatch(/\d{4}-\d{2}/);
      for (const [path, text] of files) {
        const lower = text.toLowerCase();
        for (const secret of forbidden) expect(holds(lower, secret), `${path} holds "${secret}"`).toBe(false);
        expect(text, `${path} holds a date`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(text, `${path} holds a time`).not.toMatch(/T\d{2}:\d{2}/);
        for (const kase of [...cases, example]) {
          const y = kase.birthYear;
          const m = kase.birthMonth!;
          const mm = String(m).padStart(2, '0');
          for (const pattern of [
            `${y}-${mm}`,
            `${y}-${m}`,
            `${y}/${mm}`,
            `${mm}/${y}`,
            `${m}/${y}`,
            `${m}.${y}`,
            `${mm}.${y}`,
            `${y}${separator}${m}`,
            `${y}${separator}${mm}`,
            `"birthYear"`,
            `"birthMonth"`,
          ]) {
            expect(text.includes(pattern), `${path} holds "${pattern}"`).toBe(false);
          }
        }
      }
      // The birth year does not appear as a value in any data cell either.
      for (const path of [...files.keys()].filter((p) => p.endsWith('.csv'))) {
        const rows = Papa.parse<string[]>(files.get(path)!.replace(/^\uFEFF/, ''), { delimiter: separator, skipEmptyLines: true }).data;
        for (const row of rows.slice(1)) for (const cell of row) expect(['2011', '2013', '2014'].includes(cell), `${path}: ${cell}`).toBe(false);
      }
      if (dates === 'year-month')
        expect(
          table(files.get('wide/function-child.csv')!, ';')
            .map((r) => r.year_month)
            .sort(),
        ).toEqual(['2026-01', '2026-01', '2026-08', '2026-09', '2026-11']);
    }
  });

  it('previews the same cases without assigning study IDs', async () => {
    const db = testDatabase();
    await seed(db);
    await createProject(db, 'P');
    const preview = previewExport(await readExportSource(db), definitions, { ...DEFAULT_OPTIONS, gender: true });
    expect(preview.summary).toMatchObject({ cases: 2, administrations: 6 });
    expect(preview.smallCells.small).toHaveLength(6);
    expect(await db.studyIds.count()).toBe(0);
    expect(await db.audit.where('action').equals('export').count()).toBe(0);
  });
});
