/**
 * The codebook, in English: a CSV in the style of a REDCap data dictionary (one row per column
 * of every data file) and a readable Markdown file that also says what was removed and why, and
 * what the small-cell check found.
 */
import type { InstrumentDefinition } from '../instrument/schema';
import type { Analysis, Column, TableLayout } from './dataset';
import { numberText } from './csv';
import type { Cell, ExportOptions } from './types';

export const CODEBOOK_HEADER = [
  'Variable / Field Name',
  'Form Name',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Instrument Versions',
] as const;

const FIELD_TYPES: Record<Column['type'], { type: string; validation: string }> = {
  text: { type: 'text', validation: '' },
  integer: { type: 'text', validation: 'integer' },
  number: { type: 'text', validation: 'number' },
  choice: { type: 'radio', validation: '' },
  yesno: { type: 'yesno', validation: '' },
};

const choicesText = (column: Column) => (column.choices ?? []).map((c) => `${c.value}, ${c.label}`).join(' | ');

/** Every column once: the shared columns (form "administration"), then each wide file's own, then the long file's. */
export function codebookColumns(dataset: Pick<CodebookDataset, 'wide' | 'long'>): Column[] {
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const table of [...dataset.wide, dataset.long]) {
    for (const column of table.columns) {
      const key = `${column.form}\u0000${column.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(column);
    }
  }
  return columns;
}

export function codebookRows(columns: readonly Column[]): Cell[][] {
  return columns.map((column) => {
    const kind = FIELD_TYPES[column.type];
    return [
      column.name,
      column.form,
      kind.type,
      column.label,
      choicesText(column),
      column.note ?? '',
      kind.validation,
      column.min === undefined ? '' : numberText(column.min),
      column.max === undefined ? '' : numberText(column.max),
      'n',
      column.branching ?? '',
      column.versions.join(' '),
    ];
  });
}

export interface Removal {
  what: string;
  why: string;
}

/** What this export leaves out or changes, and why — written into the codebook and data.json. */
export function removals(options: ExportOptions): Removal[] {
  const list: Removal[] = [
    { what: "Children's names", why: 'They identify the child directly.' },
    {
      what: 'Case codes',
      why: "They are the practitioner's key to the child's records. Each case has a random study ID instead, which exists only in this project and cannot be traced back without the device that made the export.",
    },
    {
      what: 'Birth year and month',
      why:
        'Together with gender and school they can identify a child. They were used only to compute the age at each questionnaire' +
        (options.schoolYear ? ' and the nominal school year.' : '.'),
    },
    {
      what: 'Exact dates and times',
      why:
        options.dates === 'interval'
          ? "Dates can be matched with school records. Each questionnaire has the number of days since the case's first questionnaire instead, which keeps the time between waves."
          : 'Dates can be matched with school records. Each questionnaire has only the year and month it was completed.',
    },
    { what: 'School and class names', why: 'With age and gender they can narrow a data set down to one child.' },
    { what: 'Notes and every other free text', why: 'Free text may contain anything, including names, diagnoses and family circumstances, and cannot be checked automatically.' },
    { what: 'Return-to-school plans and the attendance log', why: 'They consist of free text (steps, contacts, review notes, attendance notes) and exact dates.' },
    { what: 'Practitioner names', why: 'They identify the practitioner and, through them, the school and the child.' },
    {
      what: 'Database ids of cases and questionnaires',
      why: "They would link the export back to the device's records. A questionnaire is identified by the study ID and its number instead.",
    },
    { what: 'Unfinished questionnaires', why: 'Only completed questionnaires are exported; a draft may still change.' },
  ];
  if (!options.gender) list.push({ what: 'Gender', why: 'Left out by choice, so that small groups cannot point at a child.' });
  if (options.age === 'bands') list.push({ what: 'Age in years (coarsened to age bands)', why: 'Coarsened by choice, so that small groups cannot point at a child.' });
  if (options.age === 'none') list.push({ what: 'Age', why: 'Left out by choice, so that small groups cannot point at a child.' });
  if (options.informant === 'role') list.push({ what: 'Which parent answered (coarsened to "parent")', why: 'Coarsened by choice, so that small groups cannot point at a child.' });
  if (!options.filter.includeExample) list.push({ what: 'The fictional example case', why: 'It is invented data for trying Polku out.' });
  return list;
}

/**
 * Text from a pack or the data, made inert in Markdown and in the HTML a Markdown viewer makes:
 * one line; & < > as entities (no <script>, <img onerror>, autolinks); Markdown's link, emphasis,
 * code and table characters escaped; nothing can start a heading, list or quote.
 */
const md = (text: string) =>
  text
    .replace(/\r\n|\r|\n/g, ' ')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]|#~!]/g, '\\$&')
    .replace(/^(\s*)([-+=]|\d+[.)])/, '$1\\$2');

function columnTable(columns: readonly Column[], withVersions: boolean): string {
  const lines = [`| Variable | Type | Label | Values | Note |${withVersions ? ' Versions |' : ''}`, `| --- | --- | --- | --- | --- |${withVersions ? ' --- |' : ''}`];
  for (const c of columns) {
    const range = c.choices
      ? choicesText(c)
      : c.min !== undefined || c.max !== undefined
        ? `${c.min === undefined ? '' : numberText(c.min)}–${c.max === undefined ? '' : numberText(c.max)}`
        : '';
    const note = [c.note, c.branching ? `Asked only when ${c.branching}.` : undefined].filter(Boolean).join(' ');
    lines.push(`| \`${c.name}\` | ${c.type} | ${md(c.label)} | ${md(range)} | ${md(note)} |${withVersions ? ` ${c.versions.join(', ')} |` : ''}`);
  }
  return lines.join('\n');
}

/** What the codebook says about the data: counts and columns, never rows. */
export interface CodebookDataset extends Pick<Analysis, 'summary' | 'smallCells'> {
  wide: readonly TableLayout[];
  long: TableLayout;
}

export interface CodebookContext {
  dataset: CodebookDataset;
  options: ExportOptions;
  definitions: readonly InstrumentDefinition[];
  /** The files of the export, with one line each on what they hold. */
  files: { path: string; about: string }[];
}

export function codebookMarkdown({ dataset, options, definitions, files }: CodebookContext): string {
  const { summary, smallCells } = dataset;
  const out: string[] = [];
  out.push('# Codebook of a Polku research export', '');
  out.push(
    `This export holds ${summary.administrations} completed questionnaire${summary.administrations === 1 ? '' : 's'} of ${summary.cases} case${summary.cases === 1 ? '' : 's'}. ` +
      'Nothing in it names or dates a child: see "What was removed and why". Labels are in English; the instrument definitions in every language are in `instruments/` when the JSON format was chosen.',
    '',
  );
  const filters: string[] = [];
  if (options.filter.from || options.filter.to) filters.push('a range of completion dates (the dates themselves are kept only in the audit trail of the device)');
  if (options.filter.instruments?.length) filters.push(`instruments ${options.filter.instruments.join(', ')}`);
  if (options.filter.informants?.length) filters.push(`informants ${options.filter.informants.join(', ')}`);
  out.push(filters.length ? `Selection: ${filters.join('; ')}.` : 'Selection: every completed questionnaire of every case.', '');
  if (summary.unknownDefinitions > 0) out.push(`${summary.unknownDefinitions} questionnaire(s) were left out because their instrument definition is not on the device.`, '');

  out.push('## Files', '');
  for (const file of files) out.push(`- \`${file.path}\`: ${file.about}`);
  out.push('');
  out.push(
    `CSV files are UTF-8${options.bom ? ' with a byte-order mark' : ' without a byte-order mark'}, separated by "${options.separator}", with a decimal point, CRLF line ends and RFC 4180 quoting. An empty cell is a missing value. In R: \`read.csv(file${options.separator === ';' ? ', sep = ";"' : ''}, encoding = "UTF-8")\`.`,
    '',
  );

  out.push('## What was removed and why', '');
  for (const removal of removals(options)) out.push(`- **${removal.what}**: ${removal.why}`);
  out.push('');

  out.push('## Small-cell check', '');
  if (smallCells.fields.length === 0) out.push('No quasi-identifiers are in this export, so there was nothing to check.');
  else {
    out.push(`Quasi-identifiers in this export: ${smallCells.fields.join(', ')}. Combinations shared by fewer than ${smallCells.k} cases are small cells.`, '');
    if (smallCells.small.length === 0) out.push(`Every combination is shared by at least ${smallCells.k} cases.`);
    else {
      out.push(
        `${smallCells.small.length} combination(s) are shared by fewer than ${smallCells.k} cases (${smallCells.casesAffected} case(s) in all); the export was made with them after the check was shown:`,
        '',
      );
      out.push(`| ${smallCells.fields.join(' | ')} | cases |`, `|${smallCells.fields.map(() => ' --- |').join('')} --- |`);
      for (const cell of smallCells.small) out.push(`| ${smallCells.fields.map((f) => md(String(cell.values[f] ?? '(empty)'))).join(' | ')} | ${cell.cases} |`);
    }
  }
  out.push('');

  out.push('## Columns shared by every wide file', '');
  const shared = dataset.wide[0]?.columns.filter((c) => c.form === 'administration') ?? [];
  out.push(shared.length ? columnTable(shared, false) : 'No questionnaire was selected.', '');

  const byRef = new Map(definitions.map((d) => [`${d.id}@${d.version}`, d]));
  for (const table of dataset.wide) {
    const versions = summary.instruments.filter((i) => i.ref.startsWith(`${table.id}@`));
    const definition = byRef.get(versions[versions.length - 1]?.ref ?? '');
    out.push(`## \`wide/${table.id}.csv\`: ${md(definition?.title.en ?? table.id)}`, '');
    if (definition) {
      out.push(md(definition.description.en), '');
      out.push(
        `Canonical URL ${md(definition.url)}. ${definition.validated ? 'A published instrument.' : 'Not a validated instrument.'}${definition.transcriptionKey ? ' A transcription key: item texts belong to the publisher and are not stored.' : ''} Licence: ${md(definition.licence.name)}.`,
        '',
      );
    }
    out.push(`Versions in this export: ${versions.map((v) => `${v.ref} (${v.administrations})`).join(', ')}.`, '');
    out.push(
      columnTable(
        table.columns.filter((c) => c.form !== 'administration'),
        true,
      ),
      '',
    );
  }

  out.push('## `answers-long.csv`: one row per answer', '');
  out.push('Only answers that were given are listed; a rating that was not asked (for example impact when intensity is 0) has no row.', '');
  out.push(columnTable(dataset.long.columns, false), '');
  return out.join('\n');
}
