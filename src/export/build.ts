/**
 * buildExport(input, options): every file of a research export, in memory, from records already
 * stripped of identifying fields (types.ts). zipExport bundles them with fflate. Pure and linear
 * in the number of administrations, so `npm run bench` can time it with records in memory.
 */
import { strToU8, zipSync } from 'fflate';
import type { InstrumentDefinition } from '../instrument/schema';
import { buildDataset, type Dataset, type ExportSummary, type Table } from './dataset';
import type { SmallCellReport } from './k-anonymity';
import { CODEBOOK_HEADER, codebookColumns, codebookMarkdown, codebookRows, removals } from './codebook';
import { toCsv } from './csv';
import { questionnaireOf, responseOf } from './fhir';
import type { ExportFile, ExportInput, ExportOptions } from './types';

export const EXPORT_FORMAT = 'polku-research-export/1';

export interface ExportResult {
  files: ExportFile[];
  dataset: Dataset;
}

const csvOf = (table: Table, options: ExportOptions) =>
  toCsv(
    table.columns.map((c) => c.name),
    table.rows,
    options,
  );

/** The instrument versions the selected administrations use, in id and version order. */
function usedDefinitions(dataset: Dataset): InstrumentDefinition[] {
  const used = new Map<string, InstrumentDefinition>();
  for (const s of dataset.selected) used.set(`${s.definition.id}@${s.definition.version}`, s.definition);
  return [...used.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, d]) => d);
}

export function buildExport(input: ExportInput, options: ExportOptions): ExportResult {
  const dataset = buildDataset(input, options);
  const formats = new Set(options.formats);
  const definitions = usedDefinitions(dataset);
  const files: ExportFile[] = [];
  const about: { path: string; about: string }[] = [];
  const add = (path: string, description: string, content: () => string) => {
    about.push({ path, about: description });
    files.push({ path, content: content() });
  };

  if (formats.has('wide')) {
    for (const table of dataset.wide)
      add(`wide/${table.id}.csv`, `one row per completed ${table.id} questionnaire: answers, scale scores and profile.`, () => csvOf(table, options));
  }
  if (formats.has('long')) add('answers-long.csv', 'one row per answer given, for all instruments.', () => csvOf(dataset.long, options));
  if (formats.has('json')) {
    add(
      'data.json',
      'the same data as the CSV files: each table as its column names and rows of values (wide tables per instrument, then the answers), with what was removed and the small-cell check.',
      () => dataJson(dataset, options),
    );
    for (const definition of definitions) {
      add(
        `instruments/${definition.id}@${definition.version}.json`,
        `the instrument definition ${definition.id} ${definition.version} as used (all languages).`,
        () => JSON.stringify(definition, null, 2) + '\n',
      );
    }
  }
  if (formats.has('fhir')) {
    add('fhir/Questionnaire.ndjson', 'FHIR R4 Questionnaire resources, one per line, one per instrument version.', () => ndjson(definitions.map(questionnaireOf)));
    add('fhir/QuestionnaireResponse.ndjson', 'FHIR R4 QuestionnaireResponse resources, one per line, one per questionnaire; the subject is the study ID.', () =>
      ndjson(dataset.selected.map((s, i) => responseOf(s, options, dataset.reports[i] ?? null))),
    );
  }
  if (formats.has('codebook')) {
    const columns = codebookColumns(dataset);
    // Both codebook files are listed before the Markdown is written, so it can name itself.
    const entries = [
      { path: 'codebook.csv', about: 'every column of the data files, in the style of a REDCap data dictionary.' },
      { path: 'codebook.md', about: 'this file.' },
    ];
    about.push(...entries);
    files.push({ path: 'codebook.csv', content: toCsv(CODEBOOK_HEADER, codebookRows(columns), options) });
    files.push({ path: 'codebook.md', content: codebookMarkdown({ dataset, options, definitions, files: about }) });
  }
  return { files, dataset };
}

const ndjson = (resources: readonly unknown[]) => resources.map((r) => JSON.stringify(r)).join('\n') + (resources.length ? '\n' : '');

/** Tables as a list of column names and rows of values (compact: 10,000 questionnaires stay a few MB). */
function dataJson(dataset: Dataset, options: ExportOptions): string {
  const tableJson = (table: Table) => ({ columns: table.columns.map((c) => c.name), rows: table.rows });
  return (
    JSON.stringify({
      format: EXPORT_FORMAT,
      options: {
        age: options.age,
        gender: options.gender,
        schoolYear: options.schoolYear,
        informant: options.informant,
        dates: options.dates,
        k: options.k,
        ...(options.absenceThresholdPercent === undefined ? {} : { absenceThresholdPercent: options.absenceThresholdPercent }),
      },
      summary: dataset.summary,
      removed: removals(options),
      smallCells: dataset.smallCells,
      wide: dataset.wide.map((table) => ({ instrument: table.id, ...tableJson(table) })),
      answers: tableJson(dataset.long),
    }) + '\n'
  );
}

/**
 * The zip of an export. Deflate level 1: for 10,000 questionnaires it is over twice as fast as
 * level 6 for a file about 1.5 times as large (still a few MB), and the researcher waits for it.
 */
export function zipExport(files: readonly ExportFile[]): Uint8Array {
  // Every entry carries the same fixed time (the zip epoch), so not even the export's own date is in the file.
  return zipSync(Object.fromEntries(files.map((f) => [f.path, strToU8(f.content)])), { level: 1, mtime: ZIP_EPOCH });
}

/** 1980-01-01, the earliest time a zip entry can hold. */
const ZIP_EPOCH = new Date(1980, 0, 1, 12);

export type BuildStep = 'building' | 'zipping';

/** What making an export hands back: the zip and the facts for the audit trail, not the file texts (tens of MB). */
export interface BuiltExport {
  zip: Uint8Array;
  summary: ExportSummary;
  smallCells: SmallCellReport;
}

/** Builds and zips, saying which step it is on: the work the export worker does (src/platform/run-in-worker.ts). */
export function buildAndZip(input: ExportInput, options: ExportOptions, onStep: (step: BuildStep) => void = () => {}): BuiltExport {
  onStep('building');
  const { files, dataset } = buildExport(input, options);
  onStep('zipping');
  return { zip: zipExport(files), summary: dataset.summary, smallCells: dataset.smallCells };
}
