import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { unzipSync } from 'fflate';
import { shipped } from '../../tests/support/shipped';
import { miniDefinition } from '../../tests/support/mini-definition';
import { validateDefinition } from '../instrument/validate';
import type { InstrumentDefinition } from '../instrument/schema';
import type { Answers } from '../instrument/answers';
import { ageBand, daysBetween, informantRole, nominalSchoolYear } from './anonymize';
import { buildAndZip, buildExport, EXPORT_FORMAT } from './build';
import { crc32, fflateDeflater, zipEntries, zipExport } from './zip';
import { removals } from './codebook';
import { csvCell, numberText, toCsv } from './csv';
import { analyzeExport, buildDataset } from './dataset';
import { ITEM_WEIGHT, responseOf } from './fhir';
import { smallCells } from './k-anonymity';
import { DEFAULT_OPTIONS, FORMATS, type Cell, type ExportCase, type ExportInput, type ExportOptions } from './types';

const definitions: InstrumentDefinition[] = [
  'function-child@1.0.0',
  'function-parent@1.0.0',
  'quality-function-child@1.0.0',
  'quality-function-parent@1.0.0',
  'srasr-key-child@1.0.0',
  'absence-checklist@1.0.0',
].map(shipped);

const allOn: ExportOptions = { ...DEFAULT_OPTIONS, formats: [...FORMATS], schoolYear: true, gender: true };

function functionChild(studyId: string, birthYear: number, gender: string, at: string, extra: Partial<ExportCase> = {}): ExportCase {
  const answers = Object.fromEntries(shipped('function-child@1.0.0').items.map((item) => [item.id, 3]));
  return {
    studyId,
    birthYear,
    birthMonth: 6,
    gender,
    administrations: [{ instrumentId: 'function-child', instrumentVersion: '1.0.0', informant: 'child', language: 'fi', mode: 'self-report', answers, at }],
    ...extra,
  };
}

/** Forms and made-up answers for the many-case exports below. */
const FORMS = [
  ['function-child', 'child'],
  ['function-parent', 'mother'],
  ['function-parent', 'father'],
  ['quality-function-child', 'child'],
  ['absence-checklist', 'practitioner'],
] as const;
const syntheticAnswers = (id: string, seed: number): Answers =>
  id === 'absence-checklist'
    ? { period: 20, refused: seed % 5, sick: 1.5 }
    : Object.fromEntries(
        shipped(`${id}@1.0.0`).items.map((item, n) => [item.id, id.startsWith('quality') ? { intensity: (seed + n) % 5, impact: (seed + n) % 5 ? 1 : null } : (seed + n) % 7]),
      );
const syntheticCase = (c: number, administrations: number): ExportCase => ({
  studyId: `S-${String(c).padStart(6, '0')}`,
  birthYear: 2008 + (c % 10),
  gender: ['girl', 'boy', 'other'][c % 3]!,
  administrations: Array.from({ length: administrations }, (_, a) => {
    const [instrumentId, informant] = FORMS[(c + a) % FORMS.length]!;
    return {
      instrumentId,
      instrumentVersion: '1.0.0',
      informant,
      language: 'fi',
      mode: 'paper',
      answers: syntheticAnswers(instrumentId, c + a),
      at: new Date(Date.UTC(2025, 0, 1 + a * 30, 10)).toISOString(),
    };
  }),
});

/** CRC-32 bit by bit, as the zip format defines it: what the table-driven crc32 must agree with. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('csv', () => {
  it('quotes only what needs it, doubles quotes, keeps a decimal point and ends lines with CRLF', () => {
    expect(csvCell('plain', ',')).toBe('plain');
    expect(csvCell('a,b', ',')).toBe('"a,b"');
    expect(csvCell('a,b', ';')).toBe('a,b');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('say "hi"', ',')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines', ',')).toBe('"two\nlines"');
    expect(csvCell(4.5, ';')).toBe('4.5');
    expect(csvCell(null, ',')).toBe('');
    expect(numberText(13 / 3)).toBe('4.333333');
    expect(numberText(1e-9)).toBe('0');
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, 0.5],
        ],
        { separator: ';', bom: true },
      ),
    ).toBe('\uFEFFa;b\r\n1;x\r\n;0.5\r\n');
  });

  it('reads back with papaparse exactly as written: quotes, separators, newlines, BOM', () => {
    const header = ['title', 'value', 'note'];
    const rows = [
      ['Koulunkäynti "tänään", huomenna', 4.25, 'line one\nline two'],
      ['semi;colon', -1, 'crlf\r\ninside'],
      ['', 0, '"'],
    ];
    for (const separator of [',', ';'] as const) {
      for (const bom of [false, true]) {
        const text = toCsv(header, rows, { separator, bom });
        expect(text.startsWith('\uFEFF')).toBe(bom);
        const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: separator, newline: '\r\n', skipEmptyLines: true });
        expect(parsed.errors).toEqual([]);
        expect(parsed.data).toEqual([header, ...rows.map((row) => row.map(String))]);
      }
    }
  });
});

describe('dates become ages and intervals', () => {
  it('computes whole days, school years, age bands and informant roles', () => {
    expect(daysBetween('2026-03-29T00:30:00', '2026-03-30T23:30:00')).toBe(1);
    expect(daysBetween('2026-01-01T12:00:00Z', '2026-03-01T12:00:00Z')).toBe(59);
    // Born 2013: grade 1 from August 2020, so grade 6 in spring 2026 and grade 7 from August 2026.
    expect(nominalSchoolYear(2013, '2026-02-10T12:00:00Z')).toBe(6);
    expect(nominalSchoolYear(2013, '2026-08-10T12:00:00Z')).toBe(7);
    expect(nominalSchoolYear(2021, '2026-08-10T12:00:00Z')).toBe(0);
    expect([5, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19, 30].map(ageBand)).toEqual([0, 0, 7, 7, 10, 10, 13, 13, 16, 16, 19, 19]);
    expect(['child', 'mother', 'father', 'other-caregiver', 'teacher', 'practitioner'].map(informantRole)).toEqual([
      'child',
      'parent',
      'parent',
      'parent',
      'teacher',
      'practitioner',
    ]);
  });
});

describe('small-cell check', () => {
  // Ages at 2026-09-15 with birth month 6: born 2013 → 13, 2012 → 14, 2011 → 15.
  const at = '2026-09-15T10:00:00Z';
  const crafted: ExportInput = {
    definitions,
    cases: [
      ...['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => functionChild(`S-${id}`, 2013, 'girl', at)),
      ...['B1', 'B2', 'B3'].map((id) => functionChild(`S-${id}`, 2012, 'girl', at)),
      ...['C1', 'C2'].map((id) => functionChild(`S-${id}`, 2011, 'girl', at)),
      functionChild('S-D1', 2013, 'boy', at),
      // Two questionnaires of one child are one case, not two.
      {
        ...functionChild('S-E1', 2012, 'boy', at),
        administrations: [...functionChild('S-E1', 2012, 'boy', at).administrations, ...functionChild('S-E1', 2012, 'boy', '2026-09-20T10:00:00Z').administrations],
      },
    ],
  };

  it('reports exactly the combinations shared by fewer than k cases', () => {
    const report = analyzeExport(crafted, { ...DEFAULT_OPTIONS, k: 5 }).smallCells;
    expect(report.fields).toEqual(['age', 'gender', 'informant']);
    expect(report.groups).toBe(5);
    expect(report.small).toEqual([
      { values: { age: 13, gender: 'boy', informant: 'child' }, cases: 1 },
      { values: { age: 14, gender: 'boy', informant: 'child' }, cases: 1 },
      { values: { age: 15, gender: 'girl', informant: 'child' }, cases: 2 },
      { values: { age: 14, gender: 'girl', informant: 'child' }, cases: 3 },
    ]);
    expect(report.casesAffected).toBe(7);
  });

  it('is resolved by age bands and leaving out gender', () => {
    const banded = analyzeExport(crafted, { ...DEFAULT_OPTIONS, age: 'bands' }).smallCells;
    expect(banded.fields).toEqual(['age_band', 'gender', 'informant']);
    expect(banded.small).toEqual([{ values: { age_band: 13, gender: 'boy', informant: 'child' }, cases: 2 }]);
    const resolved = analyzeExport(crafted, { ...DEFAULT_OPTIONS, age: 'bands', gender: false }).smallCells;
    expect(resolved).toEqual({ k: 5, fields: ['age_band', 'informant'], groups: 1, small: [], casesAffected: 0 });
  });

  it('counts cases per group and orders by size, then value', () => {
    const report = smallCells(
      [
        { studyId: 'x', values: { gender: 'girl' } },
        { studyId: 'x', values: { gender: 'girl' } },
        { studyId: 'y', values: { gender: 'boy' } },
        { studyId: 'z', values: { gender: null } },
      ],
      ['gender'],
      2,
    );
    expect(report.small).toEqual([
      { values: { gender: null }, cases: 1 },
      { values: { gender: 'boy' }, cases: 1 },
      { values: { gender: 'girl' }, cases: 1 },
    ]);
  });
});

describe('FHIR R4', () => {
  const JSONSchemaValidator = createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator') as new () => { validate: (resource: unknown) => unknown[] };
  const validator = new JSONSchemaValidator();

  it('every Questionnaire and QuestionnaireResponse validates against the R4 schema', () => {
    const at = '2026-02-10T10:00:00Z';
    const qualityAnswers: Answers = Object.fromEntries(
      shipped('quality-function-child@1.0.0').items.map((item, i): [string, Answers[string]] => [item.id, i % 3 === 0 ? { intensity: 0 } : { intensity: 2, impact: 1 }]),
    );
    const input: ExportInput = {
      definitions,
      cases: [
        {
          ...functionChild('S-AAAA2222', 2013, 'girl', at),
          administrations: [
            ...functionChild('S-AAAA2222', 2013, 'girl', at).administrations,
            { instrumentId: 'quality-function-child', instrumentVersion: '1.0.0', informant: 'child', language: 'sv', mode: 'interview', answers: qualityAnswers, at },
            {
              instrumentId: 'absence-checklist',
              instrumentVersion: '1.0.0',
              informant: 'practitioner',
              language: 'fi',
              mode: 'interview',
              answers: { period: 20, refused: 2.5 },
              at,
            },
            { instrumentId: 'srasr-key-child', instrumentVersion: '1.0.0', informant: 'child', language: 'fi', mode: 'paper', answers: { '1': 4, '2': 0 }, at },
          ],
        },
      ],
    };
    for (const dates of ['interval', 'year-month'] as const) {
      const { files } = buildExport(input, { ...allOn, dates });
      const lines = (path: string) =>
        files
          .find((f) => f.path === path)!
          .content.trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, any>);
      const questionnaires = lines('fhir/Questionnaire.ndjson');
      const responses = lines('fhir/QuestionnaireResponse.ndjson');
      expect(questionnaires.map((q) => `${q.url}|${q.version}`)).toEqual([
        'urn:polku:instrument:absence-checklist|1.0.0',
        'urn:polku:instrument:function-child|1.0.0',
        'urn:polku:instrument:quality-function-child|1.0.0',
        'urn:polku:instrument:srasr-key-child|1.0.0',
      ]);
      expect(responses.map((r) => r.questionnaire)).toEqual([
        'urn:polku:instrument:function-child|1.0.0',
        'urn:polku:instrument:quality-function-child|1.0.0',
        'urn:polku:instrument:absence-checklist|1.0.0',
        'urn:polku:instrument:srasr-key-child|1.0.0',
      ]);
      for (const resource of [...questionnaires, ...responses]) expect(validator.validate(resource), `${resource.resourceType} ${resource.id}`).toEqual([]);
      expect(responses[0]).toMatchObject({
        id: 'S-AAAA2222-1',
        status: 'completed',
        subject: { identifier: { system: 'urn:polku:study-id', value: 'S-AAAA2222' } },
        language: 'fi',
      });
      if (dates === 'interval') expect(responses[0]).not.toHaveProperty('authored');
      else expect(responses[0]!.authored).toBe('2026-02');
      // Answer weights: the coded answer 3 weighs 3; a rating skipped by its condition has no answer.
      const a1 = questionnaires[1]!.item.find((i: any) => i.linkId === 'a1');
      expect(a1.answerOption[3].valueCoding).toMatchObject({ code: '3', display: 'half the time', extension: [{ url: ITEM_WEIGHT, valueDecimal: 3 }] });
      const impact = questionnaires[2]!.item[0].item[1];
      expect(impact).toMatchObject({ linkId: 'dep1.impact', type: 'choice', enableBehavior: 'any' });
      expect(impact.enableWhen.map((w: any) => w.answerCoding.code)).toEqual(['1', '2', '3', '4']);
      expect(responses[1]!.item[0]).toEqual({
        linkId: 'dep1',
        item: [{ linkId: 'dep1.intensity', answer: [{ valueCoding: { system: 'urn:polku:instrument:quality-function-child/intensity-0-4', code: '0' } }] }],
      });
      expect(responses[2]!.item).toEqual([
        { linkId: 'period', answer: [{ valueInteger: 20 }] },
        { linkId: 'refused', answer: [{ valueDecimal: 2.5 }] },
      ]);
    }
  });
});

describe('buildExport', () => {
  it('writes the chosen files, zips them and reads back from the zip', async () => {
    const input: ExportInput = { definitions, cases: [functionChild('S-ZZZZ9999', 2013, 'girl', '2026-02-10T10:00:00Z')] };
    const { files } = buildExport(input, { ...allOn, separator: ';', bom: true });
    expect(files.map((f) => f.path)).toEqual([
      'wide/function-child.csv',
      'answers-long.csv',
      'data.json',
      'instruments/function-child@1.0.0.json',
      'fhir/Questionnaire.ndjson',
      'fhir/QuestionnaireResponse.ndjson',
      'codebook.csv',
      'codebook.md',
    ]);
    const zip = await zipExport(files);
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped).sort()).toEqual(files.map((f) => f.path).sort());
    // Every entry's DOS time stamp is 1980-01-01 12:00: the zip holds no date, not even the export's.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const stamps: [number, number][] = [];
    for (let at = 0; at + 30 <= zip.length; at += 1) {
      if (view.getUint32(at, true) === 0x04034b50) stamps.push([view.getUint16(at + 10, true), view.getUint16(at + 12, true)]);
    }
    expect(stamps).toHaveLength(files.length);
    expect(new Set(stamps.map(([time, date]) => `${time}/${date}`))).toEqual(new Set([`${12 << 11}/${(1 << 5) | 1}`]));
    // The BOM survives the zip as its three bytes (TextDecoder would hide it, so decode without dropping it).
    const text = (path: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(unzipped[path]!);
    expect([...unzipped['wide/function-child.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const wide = text('wide/function-child.csv');
    expect(
      wide.startsWith(
        '\uFEFFstudy_id;administration_no;instrument;instrument_version;informant;language;mode;age;gender;school_year;days_since_first;complete;completed_with_missing;item_a1;',
      ),
    ).toBe(true);
    const codebook = Papa.parse<string[]>(text('codebook.csv').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(codebook[0]![0]).toBe('Variable / Field Name');
    expect(codebook.find((row) => row[0] === 'item_a1')).toEqual([
      'item_a1',
      'function-child',
      'radio',
      '1. I feel worried or scared when I think about going to school the next day.',
      '0, never | 1, seldom | 2, sometimes | 3, half the time | 4, usually | 5, almost always | 6, always',
      '',
      '',
      '0',
      '6',
      'n',
      '',
      'function-child@1.0.0',
    ]);
    expect(buildExport(input, { ...allOn, formats: ['long'] }).files.map((f) => f.path)).toEqual(['answers-long.csv']);
  });

  it('does not export an impact stored while the intensity is 0 (scoring ignores it too): wide, long and FHIR', () => {
    const qf = shipped('quality-function-child@1.0.0');
    const answers: Answers = Object.fromEntries(qf.items.map((item) => [item.id, { intensity: 1, impact: 1 }]));
    answers.dep1 = { intensity: 0, impact: 3 };
    const input: ExportInput = {
      definitions,
      cases: [
        {
          studyId: 'S-STALE001',
          birthYear: 2013,
          birthMonth: 6,
          gender: 'girl',
          administrations: [
            { instrumentId: 'quality-function-child', instrumentVersion: '1.0.0', informant: 'child', language: 'fi', mode: 'paper', answers, at: '2026-02-10T10:00:00Z' },
          ],
        },
      ],
    };
    const { files } = buildExport(input, { ...allOn, separator: ',', bom: false });
    const read = (path: string) => files.find((f) => f.path === path)!.content;
    const wide = Papa.parse<Record<string, string>>(read('wide/quality-function-child.csv'), { header: true, skipEmptyLines: true }).data;
    expect(wide[0]!.item_dep1_intensity).toBe('0');
    expect(wide[0]!.item_dep1_impact).toBe('');
    expect(wide[0]!.item_dep2_impact).toBe('1');
    const long = Papa.parse<Record<string, string>>(read('answers-long.csv'), { header: true, skipEmptyLines: true }).data;
    expect(long.filter((row) => row.item === 'dep1').map((row) => [row.rating, row.value])).toEqual([['intensity', '0']]);
    const response = JSON.parse(read('fhir/QuestionnaireResponse.ndjson').trim());
    expect(response.item.find((i: { linkId: string }) => i.linkId === 'dep1').item.map((i: { linkId: string }) => i.linkId)).toEqual(['dep1.intensity']);
  });

  it('streams the zip row by row into the very files the whole texts make, with the fixed time stamps and the share of rows written', async () => {
    // 300 cases × 3 questionnaires: megabytes of text, so every big file goes into the zip in many pieces. One hostile study ID
    // (formula, quote, both separators) in every file, quoted and escaped in the streamed text as in the whole one.
    const cases = Array.from({ length: 300 }, (_, c) => (c === 7 ? { ...syntheticCase(c, 3), studyId: '=HYPERLINK("x"),;' } : syntheticCase(c, 3)));
    const input: ExportInput = { definitions, cases };
    for (const options of [
      { ...allOn, separator: ';', bom: true },
      { ...allOn, separator: ',', bom: false, absenceThresholdPercent: 10 },
    ] satisfies ExportOptions[]) {
      const shares: number[] = [];
      const steps: string[] = [];
      const built = await buildAndZip(input, options, { onStep: (step) => steps.push(step), onProgress: (share) => shares.push(share) });
      expect(steps).toEqual(['building', 'zipping']);
      expect(built.summary.administrations).toBe(900);
      // 900 questionnaires gone through 5 times (wide, long, data.json's two tables, FHIR): a report every 45, the last at 1.
      expect(shares).toHaveLength(100);
      expect(shares[0]).toBe(0.01);
      expect(shares.at(-1)).toBe(1);
      expect(shares.every((share, i) => i === 0 || share > shares[i - 1]!)).toBe(true);
      expect(built.parts.length).toBeGreaterThan(8);

      const zip = new Uint8Array(built.parts.reduce((sum, part) => sum + part.length, 0));
      built.parts.reduce((at, part) => (zip.set(part, at), at + part.length), 0);
      const unzipped = unzipSync(zip);
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const streamed = new Map(Object.entries(unzipped).map(([path, bytes]) => [path, decoder.decode(bytes)]));

      // The files as the builder wrote them before streaming: each table's rows made at once and joined.
      const dataset = buildDataset(input, options);
      const names = (columns: { name: string }[]) => columns.map((c) => c.name);
      const rows = (table: { rows: Cell[][] }) => table.rows;
      const whole = new Map<string, string>([
        ...dataset.wide.map((t): [string, string] => [`wide/${t.id}.csv`, toCsv(names(t.columns), rows(t), options)]),
        ['answers-long.csv', toCsv(names(dataset.long.columns), dataset.long.rows, options)],
        // data.json: its head (format, choices, counts) read back, its tables the whole ones; compact JSON.stringify as before.
        [
          'data.json',
          JSON.stringify({
            ...(JSON.parse(streamed.get('data.json')!) as object),
            wide: dataset.wide.map((t) => ({ instrument: t.id, columns: names(t.columns), rows: t.rows })),
            answers: { columns: names(dataset.long.columns), rows: dataset.long.rows },
          }) + '\n',
        ],
        ['fhir/QuestionnaireResponse.ndjson', dataset.selected.map((s, i) => JSON.stringify(responseOf(s, options, dataset.reports[i] ?? null)) + '\n').join('')],
      ]);
      const head = JSON.parse(streamed.get('data.json')!) as Record<string, unknown>;
      expect(Object.keys(head)).toEqual(['format', 'options', 'summary', 'removed', 'smallCells', 'wide', 'answers']);
      expect(head).toMatchObject({ format: EXPORT_FORMAT, summary: dataset.summary, removed: removals(options), smallCells: dataset.smallCells });
      expect((head.options as { absenceThresholdPercent?: number }).absenceThresholdPercent).toBe(options.separator === ',' ? 10 : undefined);
      expect(dataset.long.rows.length).toBeGreaterThan(10_000);
      for (const [path, text] of whole) expect(streamed.get(path), path).toBe(text);
      // And every file, the small ones too, is the one buildExport makes, in the same order.
      const { files } = buildExport(input, options);
      expect([...streamed.keys()]).toEqual(files.map((f) => f.path));
      for (const file of files) expect(streamed.get(file.path), file.path).toBe(file.content);
      expect(streamed.get('answers-long.csv')!.startsWith(options.bom ? '\uFEFFstudy_id' : 'study_id')).toBe(true);
      expect(streamed.get('wide/quality-function-child.csv')).toContain(options.separator === ';' ? `\r\n"'=HYPERLINK(""x""),;";` : `\r\n"'=HYPERLINK(""x""),;",`);

      // Every entry's local header and central directory entry carry 1980-01-01 12:00.
      const view = new DataView(zip.buffer);
      const stamps: string[] = [];
      for (let at = 0; at + 46 <= zip.length; at += 1) {
        const signature = view.getUint32(at, true);
        if (signature === 0x04034b50) stamps.push(`${view.getUint16(at + 10, true)}/${view.getUint16(at + 12, true)}`);
        if (signature === 0x02014b50) stamps.push(`${view.getUint16(at + 12, true)}/${view.getUint16(at + 14, true)}`);
      }
      expect(stamps).toHaveLength(2 * files.length);
      expect(new Set(stamps)).toEqual(new Set([`${12 << 11}/${(1 << 5) | 1}`]));
    }
  }, 120_000);

  it.each([
    ["the platform's zlib (CompressionStream)", undefined],
    ['fflate, where there is no CompressionStream', fflateDeflater],
  ] as const)('zips text written in many pieces, letters of two, three and four bytes, byte for byte with %s', async (_name, deflater) => {
    // Pieces of changing length, so each push ends at a different place in the reused buffer; one piece far longer than the rest.
    const pieces = Array.from({ length: 5_000 }, (_, n) => `${n};Åsa ärvde €${n % 97};😀${'x'.repeat(n % 61)}\r\n`);
    pieces.splice(2_500, 0, 'ö'.repeat(200_000));
    const parts = await zipEntries(
      [
        { path: 'a.csv', text: () => pieces },
        { path: 'b.txt', text: () => ['🎒', 'ä'] },
        { path: 'empty.txt', text: () => [] },
      ],
      deflater,
    );
    const zip = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    parts.reduce((at, part) => (zip.set(part, at), at + part.length), 0);
    const unzipped = unzipSync(zip);
    expect(new TextDecoder().decode(unzipped['a.csv'])).toBe(pieces.join(''));
    expect(new TextDecoder().decode(unzipped['b.txt'])).toBe('🎒ä');
    expect(unzipped['empty.txt']).toHaveLength(0);
    // Each central directory entry's CRC-32 and size are those of the file's bytes (unzipSync does not check them).
    const view = new DataView(zip.buffer);
    const directory: [number, number][] = [];
    for (let at = 0; at + 46 <= zip.length; at += 1) if (view.getUint32(at, true) === 0x02014b50) directory.push([view.getUint32(at + 16, true), view.getUint32(at + 24, true)]);
    const bytes = ['a.csv', 'b.txt', 'empty.txt'].map((path) => unzipped[path]!);
    expect(directory).toEqual(bytes.map((b) => [referenceCrc32(b), b.length]));
  });

  it('sums CRC-32 as zip does, in pieces of any length', () => {
    const ascii = new TextEncoder().encode('123456789');
    expect(crc32(ascii)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const bytes = Uint8Array.from({ length: 1_000 }, (_, n) => (n * 7919) & 0xff);
    for (const cut of [0, 1, 7, 8, 9, 500, 999]) expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(referenceCrc32(bytes));
  });

  it('leaves out the fictional example case unless asked for', () => {
    const input: ExportInput = { definitions, cases: [functionChild('S-EXAMPLE2', 2013, 'girl', '2026-02-10T10:00:00Z', { example: true })] };
    expect(analyzeExport(input, DEFAULT_OPTIONS).summary.cases).toBe(0);
    expect(analyzeExport(input, { ...DEFAULT_OPTIONS, filter: { includeExample: true } }).summary.cases).toBe(1);
  });

  it('exports 1,000 cases with 10,000 questionnaires (time and memory go in the bench)', async () => {
    const cases = Array.from({ length: 1000 }, (_, c) => syntheticCase(c, 10));
    const { files, dataset } = buildExport({ definitions, cases }, { ...allOn, age: 'bands' });
    expect(dataset.summary).toMatchObject({ cases: 1000, administrations: 10000 });
    expect(dataset.wide.map((t) => [t.id, t.rows.length])).toEqual([
      ['absence-checklist', 2000],
      ['function-child', 2000],
      ['function-parent', 4000],
      ['quality-function-child', 2000],
    ]);
    expect(files.find((f) => f.path === 'fhir/QuestionnaireResponse.ndjson')!.content.split('\n')).toHaveLength(10001);
    expect((await zipExport(files)).length).toBeGreaterThan(0);
    // A limit for a shared two-core machine, not a timing assertion: timing is in \`npm run bench\`.
  }, 120_000);
});

describe('injection from a pack (issue 13)', () => {
  /** An imported pack whose texts try formula injection in CSV and script injection in the codebook. */
  function evilPack(): InstrumentDefinition {
    const pack = miniDefinition();
    pack.id = 'evil';
    pack.family = 'evil';
    pack.title = { en: '<script>alert(1)</script> Evil' };
    pack.description = { en: '# Heading <img src=x onerror=alert(2)> [click](javascript:alert(3))' };
    pack.url = 'urn:evil:`<b>`';
    pack.responseScales[0].options[1].label = { en: '=HYPERLINK("http://attacker.example","x")' };
    pack.responseScales[0].options[2].label = { en: '@SUM(1+1)' };
    pack.items[0].number = '=1+1';
    pack.items[1].number = '+1';
    pack.items[2].number = '-2+3';
    pack.items[3].number = '\t=cmd';
    pack.items[4].number = '\r=cmd';
    pack.scales[0].label = { en: '-cmd|calc' };
    const result = validateDefinition(pack, { requireAllLanguages: false });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.definition;
  }

  const FORMULA = /^[=+\-@\t\r]/;

  it('every CSV cell starting with = + - @ tab or CR gets a single quote; numbers stay numbers (papaparse read-back)', () => {
    expect(csvCell('=1+1', ',')).toBe("'=1+1");
    expect(csvCell('+1', ',')).toBe("'+1");
    expect(csvCell('-cmd', ',')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)', ',')).toBe("'@SUM(A1)");
    expect(csvCell('\t=x', ',')).toBe("'\t=x");
    expect(csvCell('\r=x', ',')).toBe('"\'\r=x"');
    expect(csvCell('=A1,B1', ',')).toBe('"\'=A1,B1"');
    // Numbers, as numbers or as the plain decimal text numberText writes, are never changed.
    expect(csvCell(-1.5, ',')).toBe('-1.5');
    expect(csvCell('-1.5', ',')).toBe('-1.5');
    expect(csvCell('-1', ';')).toBe('-1');
    expect(csvCell('-1e5', ',')).toBe("'-1e5");

    const definition = evilPack();
    const answers = { a: 1, b: 2, c: 1, q: { intensity: 1, impact: 2 }, period: 10, sick: 2 };
    const input: ExportInput = {
      definitions: [definition],
      cases: [
        {
          studyId: 'S-23456789',
          birthYear: 2013,
          birthMonth: 6,
          gender: 'girl',
          administrations: [{ instrumentId: 'evil', instrumentVersion: '1.0.0', informant: 'child', language: 'en', mode: 'self-report', answers, at: '2026-03-01T10:00:00Z' }],
        },
      ],
    };
    if (process.env.DEBUG_EVIL) {
      const { files } = buildExport(input, { ...allOn });
      for (const f of files)
        if (/csv|md$/.test(f.path))
          console.log(
            f.path,
            f.content
              .split('\n')
              .filter((l) => /HYPER|script|img|<b>|cmd|SUM/.test(l))
              .join('\n'),
          );
    }
    for (const separator of [',', ';'] as const) {
      const { files } = buildExport(input, { ...allOn, separator, bom: false });
      const csvs = files.filter((f) => f.path.endsWith('.csv'));
      expect(csvs.map((f) => f.path).sort()).toEqual(['answers-long.csv', 'codebook.csv', 'wide/evil.csv']);
      const cells: string[] = [];
      for (const file of csvs) {
        const parsed = Papa.parse<string[]>(file.content, { delimiter: separator, newline: '\r\n', skipEmptyLines: true });
        expect(parsed.errors).toEqual([]);
        cells.push(...parsed.data.flat());
      }
      expect(cells.filter((cell) => FORMULA.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell))).toEqual([]);
      // The pack's texts are there, neutralised, not lost.
      expect(cells).toContain("'=1+1. Item a");
      expect(cells).toContain("'+1. Item b");
      expect(cells).toContain("'\t=cmd. Item q — How much");
      expect(cells).toContain("'\r=cmd. Days in period");
      expect(cells).toContain("'-cmd|calc: items with a value");
      // Inside a cell that starts harmlessly, the text is kept as it is.
      expect(cells).toContain('0, never | 1, =HYPERLINK("http://attacker.example","x") | 2, @SUM(1+1)');
    }
  });

  it('codebook.md escapes Markdown and HTML from a pack', () => {
    const definition = evilPack();
    const answers = { a: 1, b: 2, c: 1, q: { intensity: 1, impact: 2 }, period: 10, sick: 2 };
    const input: ExportInput = {
      definitions: [definition],
      cases: [
        {
          studyId: 'S-23456789',
          birthYear: 2013,
          birthMonth: 6,
          gender: 'girl',
          administrations: [{ instrumentId: 'evil', instrumentVersion: '1.0.0', informant: 'child', language: 'en', mode: 'self-report', answers, at: '2026-03-01T10:00:00Z' }],
        },
      ],
    };
    const codebook = buildExport(input, allOn).files.find((f) => f.path === 'codebook.md')!.content;
    expect(codebook).not.toMatch(/<script|<img|<b>/i);
    // No link: every ] of the pack's text is escaped.
    expect(codebook).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(codebook).toContain('## `wide/evil.csv`: &lt;script&gt;alert(1)&lt;/script&gt; Evil');
    expect(codebook).toContain('\\# Heading &lt;img src=x onerror=alert(2)&gt; \\[click\\](javascript:alert(3))');
    expect(codebook).toContain('Canonical URL urn:evil:\\`&lt;b&gt;\\`.');
    expect(codebook).toContain('\\-cmd\\|calc');
  });
});
