/**
 * The files of a research export, from records already stripped of identifying fields (types.ts):
 * exportEntries writes each file row by row and zipEntries (zip.ts) deflates them into a streaming
 * zip (buildAndZip, in the worker); buildExport makes them whole, for the tests. Pure and linear in the
 * number of administrations, so `npm run bench` can time it with records in memory.
 */
import type { InstrumentDefinition } from '../instrument/schema';
import { materialize, planDataset, type Analysis, type Dataset, type DatasetPlan, type ExportSummary, type TablePlan } from './dataset';
import type { SmallCellReport } from './k-anonymity';
import { CODEBOOK_HEADER, codebookColumns, codebookMarkdown, codebookRows, removals } from './codebook';
import { csvLines } from './csv';
import { questionnaireOf, responseOf } from './fhir';
import type { Cell, ExportFile, ExportInput, ExportOptions } from './types';
import { zipEntries, type ZipSource } from './zip';

export const EXPORT_FORMAT = 'polku-research-export/1';

export interface ExportResult {
  files: ExportFile[];
  dataset: Dataset;
}

/** The instrument versions the selected administrations use, in id and version order. */
function usedDefinitions(dataset: Pick<Analysis, 'selected'>): InstrumentDefinition[] {
  const used = new Map<string, InstrumentDefinition>();
  for (const s of dataset.selected) used.set(`${s.definition.id}@${s.definition.version}`, s.definition);
  return [...used.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, d]) => d);
}

/** The rows of a table one by one; `tick` is called after each administration's rows. */
function* rowsOf(table: TablePlan, tick: () => void): Generator<Cell[]> {
  for (const batch of table.batches()) {
    yield* batch;
    tick();
  }
}

const namesOf = (table: TablePlan) => table.columns.map((c) => c.name);

/**
 * Every file of an export, in the order they go into the zip, each written from the plan's rows
 * when read. `tick` counts the administrations written, for the progress (see passesOf).
 */
export function exportEntries(plan: DatasetPlan, options: ExportOptions, tick: () => void = () => {}): ZipSource[] {
  const formats = new Set(options.formats);
  const definitions = usedDefinitions(plan);
  const entries: ZipSource[] = [];
  const about: { path: string; about: string }[] = [];
  const add = (path: string, description: string, text: () => Iterable<string>) => {
    about.push({ path, about: description });
    entries.push({ path, text });
  };
  const csvOf = (table: TablePlan) => () => csvLines(namesOf(table), rowsOf(table, tick), options);

  if (formats.has('wide')) {
    for (const table of plan.wide) add(`wide/${table.id}.csv`, `one row per completed ${table.id} questionnaire: answers, scale scores and profile.`, csvOf(table));
  }
  if (formats.has('long')) add('answers-long.csv', 'one row per answer given, for all instruments.', csvOf(plan.long));
  if (formats.has('json')) {
    add(
      'data.json',
      'the same data as the CSV files: each table as its column names and rows of values (wide tables per instrument, then the answers), with what was removed and the small-cell check.',
      () => dataJson(plan, options, tick),
    );
    for (const definition of definitions) {
      add(`instruments/${definition.id}@${definition.version}.json`, `the instrument definition ${definition.id} ${definition.version} as used (all languages).`, () => [
        JSON.stringify(definition, null, 2) + '\n',
      ]);
    }
  }
  if (formats.has('fhir')) {
    add('fhir/Questionnaire.ndjson', 'FHIR R4 Questionnaire resources, one per line, one per instrument version.', () =>
      definitions.map((d) => JSON.stringify(questionnaireOf(d)) + '\n'),
    );
    add('fhir/QuestionnaireResponse.ndjson', 'FHIR R4 QuestionnaireResponse resources, one per line, one per questionnaire; the subject is the study ID.', function* () {
      for (const [i, s] of plan.selected.entries()) {
        yield JSON.stringify(responseOf(s, options, plan.reports[i] ?? null)) + '\n';
        tick();
      }
    });
  }
  if (formats.has('codebook')) {
    // Both codebook files are listed before the Markdown is written, so it can name itself.
    about.push({ path: 'codebook.csv', about: 'every column of the data files, in the style of a REDCap data dictionary.' }, { path: 'codebook.md', about: 'this file.' });
    entries.push(
      { path: 'codebook.csv', text: () => csvLines(CODEBOOK_HEADER, codebookRows(codebookColumns(plan)), options) },
      { path: 'codebook.md', text: () => [codebookMarkdown({ dataset: plan, options, definitions, files: about })] },
    );
  }
  return entries;
}

/** How many times the files chosen go through the selected administrations: the progress's whole. */
function passesOf(options: ExportOptions): number {
  const formats = new Set(options.formats);
  return (formats.has('wide') ? 1 : 0) + (formats.has('long') ? 1 : 0) + (formats.has('json') ? 2 : 0) + (formats.has('fhir') ? 1 : 0);
}

/** Every file of an export as text, and the data set with its rows: for the tests and the bench (the app streams, see buildAndZip). */
export function buildExport(input: ExportInput, options: ExportOptions): ExportResult {
  const plan = planDataset(input, options);
  const files = exportEntries(plan, options).map((entry) => ({ path: entry.path, content: [...entry.text()].join('') }));
  return { files, dataset: materialize(plan) };
}

/**
 * data.json written row by row: the same bytes as JSON.stringify of the whole object (tables as
 * column names and rows of values; 10,000 questionnaires stay a few MB), without holding it.
 */
function* dataJson(plan: DatasetPlan, options: ExportOptions, tick: () => void): Generator<string> {
  const head = JSON.stringify({
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
    summary: plan.summary,
    removed: removals(options),
    smallCells: plan.smallCells,
  });
  // Each object is opened with JSON.stringify and its closing brace dropped, so "rows" can follow.
  const open = (value: object) => JSON.stringify(value).slice(0, -1);
  function* rows(table: TablePlan): Generator<string> {
    let first = true;
    for (const row of rowsOf(table, tick)) {
      yield (first ? '' : ',') + JSON.stringify(row);
      first = false;
    }
  }
  yield `${head.slice(0, -1)},"wide":[`;
  for (const [n, table] of plan.wide.entries()) {
    yield `${n ? ',' : ''}${open({ instrument: table.id, columns: namesOf(table) })},"rows":[`;
    yield* rows(table);
    yield ']}';
  }
  yield `],"answers":${open({ columns: namesOf(plan.long) })},"rows":[`;
  yield* rows(plan.long);
  yield ']}}\n';
}

export type BuildStep = 'building' | 'zipping';

/** What making an export hands back: the zip's parts and the facts for the audit trail, not the file texts (tens of MB). */
export interface BuiltExport {
  parts: Uint8Array[];
  /** The study IDs of the cases in the zip. */
  exported: string[];
  summary: ExportSummary;
  smallCells: SmallCellReport;
}

export interface BuildProgress {
  onStep?: (step: BuildStep) => void;
  /** The share of the selected administrations' rows written so far, 0 to 1, in steps of about 1 %. */
  onProgress?: (share: number) => void;
}

/**
 * Scores and lays out the data set ("building"), then writes every file row by row straight into
 * the zip ("zipping"): the work the export worker does (src/platform/run-in-worker.ts). What stays
 * in memory throughout is the input, the selection and one score report per administration; rows
 * and file texts exist only a piece at a time.
 */
export async function buildAndZip(input: ExportInput, options: ExportOptions, { onStep, onProgress }: BuildProgress = {}): Promise<BuiltExport> {
  onStep?.('building');
  const plan = planDataset(input, options);
  onStep?.('zipping');
  const total = plan.selected.length * passesOf(options);
  let done = 0;
  let told = 0;
  const tick = () => {
    done += 1;
    if (done !== total && done - told < total / 100) return;
    told = done;
    onProgress?.(done / total);
  };
  const parts = await zipEntries(exportEntries(plan, options, tick));
  return { parts, exported: [...new Set(plan.selected.map((s) => s.studyId))], summary: plan.summary, smallCells: plan.smallCells };
}
