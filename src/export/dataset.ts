/**
 * The data set of a research export: which administrations go in (the filter), what each row
 * says about its child (age, gender, school year, informant — as chosen), and the columns of the
 * wide files (one per instrument, one row per administration) and of the long file (one row per
 * answer). Columns carry their codebook entry, so a column cannot exist without being described.
 * Linear in the number of administrations: every definition's layout is worked out once.
 */
import type { InstrumentDefinition, Item, LocalizedText, Rating, ResponseScale } from '../instrument/schema';
import { indexDefinition, ratingsOf, responseScaleFor } from '../instrument/model';
import { answerOf } from '../instrument/flow';
import { score } from '../scoring/score';
import type { ScoreReport } from '../scoring/types';
import { ageAt, ageBand, ageBandLabel, AGE_BANDS, daysBetween, informantRole, localDate, nominalSchoolYear, yearMonth } from './anonymize';
import { smallCells, type QuasiValues, type SmallCellReport } from './k-anonymity';
import type { Cell, ExportAdministration, ExportInput, ExportOptions } from './types';

export interface Choice {
  value: string | number;
  label: string;
}

/** One column and its codebook entry (in English). */
export interface Column {
  name: string;
  /** The file it is in: "administration" for the columns every data file starts with, else the instrument id or "answers". */
  form: string;
  type: 'text' | 'integer' | 'number' | 'choice' | 'yesno';
  label: string;
  choices?: Choice[];
  note?: string;
  min?: number;
  max?: number;
  /** When the item or rating is asked, in words. */
  branching?: string;
  /** Instrument versions ("id@version") the column comes from; empty for the shared columns. */
  versions: string[];
}

/** A table's columns, known before any row is made (the codebook needs only these). */
export interface TableLayout {
  /** The instrument id (wide files) or "answers" (the long file). */
  id: string;
  columns: Column[];
}

export interface Table extends TableLayout {
  rows: Cell[][];
}

/** A table whose rows are made when asked for, one administration's rows at a time, so a file can be written without all of them in memory. */
export interface TablePlan extends TableLayout {
  /** The number of administrations `batches` goes through. */
  administrations: number;
  batches: () => Iterable<Cell[][]>;
}

/** One administration that goes into the export, with everything derived from dates already applied. */
export interface Selected {
  studyId: string;
  /** Position among the case's completed questionnaires in time order, from 1. */
  number: number;
  administration: ExportAdministration;
  definition: InstrumentDefinition;
  age: number | null;
  schoolYear: number;
  daysSinceFirst: number;
  yearMonth: string;
  informant: string;
  gender: string | null;
}

export interface ExportSummary {
  cases: number;
  administrations: number;
  /** Per instrument version, in id and version order. */
  instruments: { ref: string; administrations: number }[];
  /** Administrations left out because their definition is not on this device. */
  unknownDefinitions: number;
}

export interface Analysis {
  selected: Selected[];
  summary: ExportSummary;
  smallCells: SmallCellReport;
}

export interface Dataset extends Analysis {
  /** One wide table per instrument id, in id order. */
  wide: Table[];
  long: Table;
  /** Scoring reports, in the order of `selected` (null when the answers could not be scored). */
  reports: (ScoreReport | null)[];
}

/** The data set with its rows still to be made: what the streamed export writes from (build.ts). */
export interface DatasetPlan extends Analysis {
  wide: TablePlan[];
  long: TablePlan;
  reports: (ScoreReport | null)[];
}

const refOf = (id: string, version: string) => `${id}@${version}`;
const en = (text: LocalizedText | undefined) => text?.en ?? '';

/** Applies the filter and derives ages and intervals; cheap (no scoring), so the screen can redo it on every change. */
export function analyzeExport(input: ExportInput, options: ExportOptions): Analysis {
  const definitions = new Map(input.definitions.map((d) => [refOf(d.id, d.version), d]));
  const { filter } = options;
  const instruments = filter.instruments?.length ? new Set(filter.instruments) : null;
  const informants = filter.informants?.length ? new Set(filter.informants) : null;
  const selected: Selected[] = [];
  let unknownDefinitions = 0;
  for (const kase of input.cases) {
    if (kase.example && !filter.includeExample) continue;
    if (kase.administrations.length === 0) continue;
    // Numbers and intervals count every completed questionnaire of the case, whatever the filter,
    // so they stay the same from one export (wave) of a project to the next.
    const ordered = [...kase.administrations].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const first = ordered[0]!.at;
    ordered.forEach((administration, i) => {
      const day = localDate(administration.at);
      if (filter.from && day < filter.from) return;
      if (filter.to && day > filter.to) return;
      if (instruments && !instruments.has(administration.instrumentId)) return;
      if (informants && !informants.has(administration.informant)) return;
      const definition = definitions.get(refOf(administration.instrumentId, administration.instrumentVersion));
      if (!definition) {
        unknownDefinitions += 1;
        return;
      }
      const age = ageAt(kase.birthYear, kase.birthMonth, administration.at);
      selected.push({
        studyId: kase.studyId,
        number: i + 1,
        administration,
        definition,
        age: options.age === 'none' ? null : options.age === 'bands' ? ageBand(age) : age,
        schoolYear: nominalSchoolYear(kase.birthYear, administration.at),
        daysSinceFirst: daysBetween(first, administration.at),
        yearMonth: yearMonth(administration.at),
        informant: options.informant === 'role' ? informantRole(administration.informant) : administration.informant,
        gender: kase.gender ?? null,
      });
    });
  }
  // Random study IDs give the row order: it says nothing about when cases were created.
  selected.sort((a, b) => (a.studyId < b.studyId ? -1 : a.studyId > b.studyId ? 1 : a.number - b.number));

  const counts = new Map<string, number>();
  for (const s of selected) {
    const ref = refOf(s.definition.id, s.definition.version);
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  const fields = quasiIdentifiers(options);
  return {
    selected,
    summary: {
      cases: new Set(selected.map((s) => s.studyId)).size,
      administrations: selected.length,
      instruments: [...counts].map(([ref, administrations]) => ({ ref, administrations })).sort((a, b) => a.ref.localeCompare(b.ref)),
      unknownDefinitions,
    },
    smallCells: smallCells(
      selected.map((s) => ({ studyId: s.studyId, values: quasiValues(s, options) })),
      fields,
      options.k,
    ),
  };
}

/** The quasi-identifier columns the export has (informant always). */
export function quasiIdentifiers(options: ExportOptions): string[] {
  const fields: string[] = [];
  if (options.age === 'years') fields.push('age');
  if (options.age === 'bands') fields.push('age_band');
  if (options.gender) fields.push('gender');
  if (options.schoolYear) fields.push('school_year');
  fields.push('informant');
  return fields;
}

function quasiValues(s: Selected, options: ExportOptions): QuasiValues {
  const values: QuasiValues = { informant: s.informant };
  if (options.age === 'years') values.age = s.age;
  if (options.age === 'bands') values.age_band = s.age;
  if (options.gender) values.gender = s.gender;
  if (options.schoolYear) values.school_year = s.schoolYear;
  return values;
}

const INFORMANTS_DETAILED: Choice[] = [
  { value: 'child', label: 'the child or young person' },
  { value: 'mother', label: 'mother' },
  { value: 'father', label: 'father' },
  { value: 'other-caregiver', label: 'other caregiver' },
  { value: 'teacher', label: 'teacher' },
  { value: 'practitioner', label: 'practitioner (school psychologist or similar)' },
];
const INFORMANTS_ROLE: Choice[] = [
  { value: 'child', label: 'the child or young person' },
  { value: 'parent', label: 'a parent or other caregiver' },
  { value: 'teacher', label: 'teacher' },
  { value: 'practitioner', label: 'practitioner (school psychologist or similar)' },
];

/** The columns every wide file starts with, and how each is read from a selected administration. */
export function commonColumns(options: ExportOptions): { column: Column; value: (s: Selected, report: ScoreReport | null) => Cell }[] {
  const shared = (column: Omit<Column, 'form' | 'versions'>) => ({ ...column, form: 'administration', versions: [] });
  type Value = (s: Selected, report: ScoreReport | null) => Cell;
  const columns: { column: Column; value: Value }[] = [
    {
      column: shared({
        name: 'study_id',
        type: 'text',
        label: 'Study ID of the case',
        note: 'Random, assigned by Polku for this project only; the same case has the same study ID in every export of the project. It cannot be traced to the child without the device that made the export.',
      }),
      value: (s) => s.studyId,
    },
    {
      column: shared({
        name: 'administration_no',
        type: 'integer',
        label: "Number of this questionnaire among the case's completed questionnaires, in time order (1 = first)",
        note: 'Counts every completed questionnaire of the case, so the number stays the same across exports of a project.',
        min: 1,
      }),
      value: (s) => s.number,
    },
    { column: shared({ name: 'instrument', type: 'text', label: 'Instrument id (see instruments/ and the codebook)' }), value: (s) => s.definition.id },
    { column: shared({ name: 'instrument_version', type: 'text', label: 'Instrument version (semantic version)' }), value: (s) => s.definition.version },
    {
      column: shared({
        name: 'informant',
        type: 'choice',
        label: 'Who answered',
        choices: options.informant === 'role' ? INFORMANTS_ROLE : INFORMANTS_DETAILED,
        ...(options.informant === 'role' ? { note: 'Mothers, fathers and other caregivers are all "parent" in this export (coarsened for anonymity).' } : {}),
      }),
      value: (s) => s.informant,
    },
    {
      column: shared({
        name: 'language',
        type: 'choice',
        label: 'Language the questionnaire was answered in',
        choices: [
          { value: 'fi', label: 'Finnish' },
          { value: 'sv', label: 'Swedish' },
          { value: 'en', label: 'English' },
        ],
      }),
      value: (s) => s.administration.language,
    },
    {
      column: shared({
        name: 'mode',
        type: 'choice',
        label: 'How it was administered',
        choices: [
          { value: 'self-report', label: 'self-report on the device, one question per screen' },
          { value: 'interview', label: 'interview: the practitioner read the questions and entered the answers' },
          { value: 'paper', label: 'answered on paper and typed in afterwards' },
        ],
      }),
      value: (s) => s.administration.mode,
    },
  ];
  // The columns the chosen coarsening adds, each when its option asks for it.
  const chosen: (Omit<Column, 'form' | 'versions'> & { when: boolean; value: Value })[] = [
    {
      when: options.age === 'years',
      name: 'age',
      type: 'integer',
      label: 'Age in whole years when the questionnaire was completed',
      note: 'From the birth year and month (mid-year month when the month is unknown); the birth date itself is not exported.',
      min: 0,
      value: (s) => s.age,
    },
    {
      when: options.age === 'bands',
      name: 'age_band',
      type: 'choice',
      label: 'Age band when the questionnaire was completed (the lowest age of the band)',
      choices: AGE_BANDS.map((b) => ({ value: b.from, label: ageBandLabel(b.from) })),
      note: 'Coarsened from the age in years for anonymity; bands follow the school stages.',
      value: (s) => s.age,
    },
    {
      when: options.gender,
      name: 'gender',
      type: 'choice',
      label: 'Gender as recorded by the practitioner',
      choices: [
        { value: 'girl', label: 'girl' },
        { value: 'boy', label: 'boy' },
        { value: 'other', label: 'other' },
      ],
      note: 'Empty when not recorded.',
      value: (s) => s.gender,
    },
    {
      when: options.schoolYear,
      name: 'school_year',
      type: 'integer',
      label: 'Nominal school year (grade) when the questionnaire was completed; 0 = pre-school or younger',
      note: 'Derived from the birth year: in Finland and Sweden grade 1 starts in August of the year the child turns 7. Polku does not record the actual grade, so a pupil who repeated or skipped a year is not reflected.',
      min: 0,
      value: (s) => s.schoolYear,
    },
    {
      when: options.dates === 'interval',
      name: 'days_since_first',
      type: 'integer',
      label: "Days since the case's first completed questionnaire (0 = the same day)",
      note: 'Replaces the date, which is not exported. Counts every completed questionnaire of the case, whatever the filter.',
      min: 0,
      value: (s) => s.daysSinceFirst,
    },
    {
      when: options.dates !== 'interval',
      name: 'year_month',
      type: 'text',
      label: 'Year and month the questionnaire was completed (YYYY-MM)',
      note: 'Replaces the exact date, which is not exported.',
      value: (s) => s.yearMonth,
    },
  ];
  for (const { when, value, ...column } of chosen) if (when) columns.push({ column: shared(column), value });
  columns.push(
    {
      column: shared({ name: 'complete', type: 'yesno', label: 'Every required item that applies was answered', choices: YES_NO }),
      value: (_s, report) => flag(report ? report.complete : null),
    },
    {
      column: shared({
        name: 'completed_with_missing',
        type: 'yesno',
        label: 'The practitioner completed the questionnaire on purpose with required answers missing',
        choices: YES_NO,
      }),
      value: (s) => (s.administration.completedWithMissing ? 1 : 0),
    },
  );
  return columns;
}

const YES_NO: Choice[] = [
  { value: 1, label: 'yes' },
  { value: 0, label: 'no' },
];
const flag = (value: boolean | null): Cell => (value === null ? null : value ? 1 : 0);

/** A column of one instrument: its stable key (shared by versions), the wanted name and how it is read. */
interface Field {
  key: string;
  base: string;
  column: Omit<Column, 'name' | 'versions' | 'form'>;
  value: (s: Selected, report: ScoreReport | null) => Cell;
}

/** "social-anxiety" → "social_anxiety": names that R, SPSS and Stata accept. */
export function variablePart(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

function scaleDescription(scale: ResponseScale): Pick<Column, 'type' | 'choices' | 'min' | 'max' | 'note'> {
  if (scale.type === 'ordinal') {
    const values = scale.options.map((o) => o.value);
    return { type: 'choice', choices: scale.options.map((o) => ({ value: o.value, label: en(o.label) })), min: Math.min(...values), max: Math.max(...values) };
  }
  const unit = scale.unit ? ` ${en(scale.unit)}` : '';
  return {
    type: scale.step % 1 === 0 && scale.min % 1 === 0 ? 'integer' : 'number',
    min: scale.min,
    max: scale.max,
    note: `A number of${unit} from ${scale.min} to ${scale.max}${scale.step === 1 ? '' : ` in steps of ${scale.step}`}.`,
  };
}

const OPS: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

function itemLabel(item: Item): string {
  return item.text ? `${item.number}. ${en(item.text)}` : `Item ${item.number} of the licensed paper form (text not stored)`;
}

function itemFields(definition: InstrumentDefinition): Field[] {
  const index = indexDefinition(definition);
  const fields: Field[] = [];
  const variableOf = (itemId: string, ratingId?: string) => `item_${variablePart(itemId)}${ratingId ? `_${variablePart(ratingId)}` : ''}`;
  for (const item of definition.items) {
    const ratings = ratingsOf(index, item);
    const itemCondition = item.condition ? `${variableOf(item.condition.item ?? item.id, item.condition.rating)} ${OPS[item.condition.op]} ${item.condition.value}` : undefined;
    const slots: (Rating | undefined)[] = ratings === null ? [undefined] : [...ratings];
    for (const rating of slots) {
      const scale = responseScaleFor(index, item, rating?.id);
      const described = scale ? scaleDescription(scale) : { type: 'number' as const };
      const ratingCondition = rating?.condition
        ? `${variableOf(item.id, rating.condition.rating)} ${OPS[rating.condition.op]} ${rating.condition.value}${rating.skippedValue === undefined ? '' : `; otherwise empty and scored as ${rating.skippedValue}`}`
        : undefined;
      const branching = [itemCondition, ratingCondition, itemCondition || ratingCondition ? 'an answer stored while this is not met is left empty' : undefined]
        .filter(Boolean)
        .join('; ');
      const notes = [
        described.note,
        item.reverse ? 'Reverse scored in the scales (the raw answer is exported).' : undefined,
        item.required === false ? 'Optional item.' : undefined,
        item.alternativeTo ? `Alternative wording of item ${index.items.get(item.alternativeTo)?.number ?? item.alternativeTo}.` : undefined,
      ].filter(Boolean);
      fields.push({
        key: `item:${item.id}:${rating?.id ?? ''}`,
        base: variableOf(item.id, rating?.id),
        column: {
          ...described,
          label: rating ? `${itemLabel(item)} — ${en(rating.label)}` : itemLabel(item),
          ...(notes.length ? { note: notes.join(' ') } : {}),
          ...(branching ? { branching } : {}),
        },
        // An answer stored while its condition is not met (an impact kept after the intensity became 0) is not scored, nor exported.
        value: (s, report) => (isIgnored(report, item.id, rating?.id) ? null : answerOf(s.administration.answers, item.id, rating?.id)),
      });
    }
  }
  return fields;
}

function isIgnored(report: ScoreReport | null, itemId: string, ratingId: string | undefined): boolean {
  return report?.ignored.includes(ratingId === undefined ? itemId : `${itemId}.${ratingId}`) ?? false;
}

function scoreFields(definition: InstrumentDefinition): Field[] {
  const empty = score(definition, {});
  if (!empty.ok) return [];
  const index = indexDefinition(definition);
  const fields: Field[] = [];
  const ratingLabel = (id: string) => {
    for (const set of definition.ratingSets ?? []) for (const r of set.ratings) if (r.id === id) return en(r.label);
    return id;
  };
  for (const [position, entry] of empty.report.scales.entries()) {
    const scale = index.scales.get(entry.id)!;
    const base = `scale_${variablePart(entry.id)}${entry.rating ? `_${variablePart(entry.rating)}` : ''}`;
    const label = `${en(scale.label)}${entry.rating ? ` (${ratingLabel(entry.rating)})` : ''}`;
    const key = `scale:${entry.id}:${entry.rating ?? ''}`;
    // Reports list scales in the same order for every answer set, so the position finds the scale.
    const of = (report: ScoreReport | null) => {
      const found = report?.scales[position];
      return found && found.id === entry.id && found.rating === entry.rating ? found : undefined;
    };
    fields.push(
      {
        key: `${key}:score`,
        base: `${base}_score`,
        column: {
          type: 'number',
          label: `${label}: score (${scale.method} of the items)`,
          min: entry.range.min,
          max: entry.range.max,
          note: `Computed by Polku. Empty when fewer than ${scale.minAnswered} of the items have a value.`,
        },
        value: (_s, report) => of(report)?.score ?? null,
      },
      {
        key: `${key}:answered`,
        base: `${base}_answered`,
        column: { type: 'integer', label: `${label}: items with a value`, min: 0 },
        value: (_s, report) => of(report)?.answered ?? null,
      },
      { key: `${key}:items`, base: `${base}_items`, column: { type: 'integer', label: `${label}: items that apply`, min: 0 }, value: (_s, report) => of(report)?.items ?? null },
      {
        key: `${key}:prorated`,
        base: `${base}_prorated`,
        column: { type: 'yesno', label: `${label}: score given although some items that apply have no value`, choices: YES_NO },
        value: (_s, report) => flag(of(report)?.prorated ?? null),
      },
    );
  }
  if (definition.profile) {
    fields.push({
      key: 'primary',
      base: 'primary',
      column: {
        type: 'text',
        label: 'Primary scale(s) of the profile, highest first; ties separated by "|"',
        note: `Scales within ${definition.profile.tieMargin} of the highest are co-primary.${definition.profile.rating ? ` Ranked by the ${definition.profile.rating} rating.` : ''} Values are scale ids: ${definition.profile.scales.join(', ')}.`,
      },
      value: (_s, report) => (report ? report.primary.join('|') : null),
    });
  }
  const classification = definition.classification;
  if (classification) {
    const cls = (report: ScoreReport | null) => report?.classification;
    const days = (label: string, key: string, get: (r: NonNullable<ScoreReport['classification']>) => number | null): Field => ({
      key: `absence:${key}`,
      base: `absence_${variablePart(key)}`,
      column: { type: 'number', label, min: 0 },
      value: (_s, report) => {
        const c = cls(report);
        return c ? get(c) : null;
      },
    });
    fields.push(
      days('School days in the period', 'period_days', (c) => c.periodDays),
      days('Days absent in the period, all reasons', 'total_days', (c) => c.totalDays),
      days('Absence as a percentage of the school days in the period', 'total_percent', (c) => c.totalPercent),
      days('Days of problematic absence', 'problematic_days', (c) => c.problematicDays),
      days('Problematic absence as a percentage of the school days', 'problematic_percent', (c) => c.problematicPercent),
    );
    for (const [i, category] of classification.categories.entries()) {
      fields.push(
        days(`${en(category.label)}: days${category.problematic ? ' (problematic absence)' : ''}`, `${category.id}_days`, (c) => c.categories[i]?.days ?? null),
        days(`${en(category.label)}: percentage of the school days`, `${category.id}_percent`, (c) => c.categories[i]?.percent ?? null),
      );
    }
    fields.push(
      days('Threshold used for the flag, % of school days', 'threshold_percent', (c) => c.thresholdPercent),
      {
        key: 'absence:total-flagged',
        base: 'absence_total_flagged',
        column: {
          type: 'yesno',
          label: 'All absence (every reason) at or above the threshold',
          choices: YES_NO,
          note: 'Empty when the period is unknown or zero, or when the threshold is for problematic absence only (the Kearney 2008 preset).',
        },
        value: (_s, report) => flag(cls(report)?.totalFlagged ?? null),
      },
      {
        key: 'absence:problematic-flagged',
        base: 'absence_problematic_flagged',
        column: {
          type: 'yesno',
          label: 'Problematic absence (refusal, truancy, withdrawal, exclusion) at or above the threshold',
          choices: YES_NO,
          note: 'Empty when the period is unknown or zero.',
        },
        value: (_s, report) => flag(cls(report)?.problematicFlagged ?? null),
      },
    );
  }
  return fields;
}

const layouts = new WeakMap<InstrumentDefinition, Field[]>();
function layoutOf(definition: InstrumentDefinition): Field[] {
  let fields = layouts.get(definition);
  if (!fields) {
    fields = [...itemFields(definition), ...scoreFields(definition)];
    layouts.set(definition, fields);
  }
  return fields;
}

/** Gives each key a unique name (a clash after cleaning ids gets "_2", "_3" …). */
class Names {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();
  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.used.add(name);
  }
  nameOf(key: string, base: string): string {
    const known = this.byKey.get(key);
    if (known) return known;
    let name = base;
    for (let n = 2; this.used.has(name); n += 1) name = `${base}_${n}`;
    this.used.add(name);
    this.byKey.set(key, name);
    return name;
  }
}

/** The data set with every row made: the tests read it; the export itself streams the plan's rows. */
export function buildDataset(input: ExportInput, options: ExportOptions): Dataset {
  return materialize(planDataset(input, options));
}

export function materialize(plan: DatasetPlan): Dataset {
  const rowsOf = ({ id, columns, batches }: TablePlan): Table => ({ id, columns, rows: [...batches()].flat() });
  return { ...plan, wide: plan.wide.map(rowsOf), long: rowsOf(plan.long) };
}

/** Scores every selected administration and lays out the tables; rows are made only when a table's batches are read. */
export function planDataset(input: ExportInput, options: ExportOptions): DatasetPlan {
  const analysis = analyzeExport(input, options);
  const common = commonColumns(options);
  const reports = analysis.selected.map((s) => {
    const result = score(s.definition, s.administration.answers, {
      ...(options.absenceThresholdPercent === undefined ? {} : { absenceThresholdPercent: options.absenceThresholdPercent }),
      ...(options.absenceThresholdProblematicOnly ? { absenceThresholdProblematicOnly: true } : {}),
    });
    return result.ok ? result.report : null;
  });

  // Wide: one table per instrument id; versions share a column when they share an item or scale.
  const byInstrument = new Map<string, number[]>();
  analysis.selected.forEach((s, i) => {
    const list = byInstrument.get(s.definition.id);
    if (list) list.push(i);
    else byInstrument.set(s.definition.id, [i]);
  });
  const wide: TablePlan[] = [...byInstrument.keys()].sort().map((instrumentId) => {
    const indexes = byInstrument.get(instrumentId)!;
    const names = new Names(common.map((c) => c.column.name));
    const columns: Column[] = common.map((c) => ({ ...c.column }));
    const positions = new Map<string, number>();
    const plans = new Map<InstrumentDefinition, { position: number; field: Field }[]>();
    for (const i of indexes) {
      const definition = analysis.selected[i]!.definition;
      if (plans.has(definition)) continue;
      const ref = refOf(definition.id, definition.version);
      const plan = layoutOf(definition).map((field) => {
        let position = positions.get(field.key);
        if (position === undefined) {
          position = columns.length;
          positions.set(field.key, position);
          columns.push({ ...field.column, name: names.nameOf(field.key, field.base), form: instrumentId, versions: [ref] });
        } else if (!columns[position]!.versions.includes(ref)) columns[position]!.versions.push(ref);
        return { position, field };
      });
      plans.set(definition, plan);
    }
    function* batches(): Iterable<Cell[][]> {
      for (const i of indexes) {
        const s = analysis.selected[i]!;
        const report = reports[i]!;
        const row: Cell[] = new Array<Cell>(columns.length).fill(null);
        common.forEach((c, n) => (row[n] = c.value(s, report)));
        for (const { position, field } of plans.get(s.definition)!) row[position] = field.value(s, report);
        yield [row];
      }
    }
    return { id: instrumentId, columns, administrations: indexes.length, batches };
  });

  return { ...analysis, wide, long: longTable(analysis.selected, common, reports), reports };
}

function longTable(selected: readonly Selected[], common: ReturnType<typeof commonColumns>, reports: readonly (ScoreReport | null)[]): TablePlan {
  const form = 'answers';
  const pick = (name: string) => ({ ...common.find((c) => c.column.name === name)!.column, form });
  const columns: Column[] = [
    pick('study_id'),
    pick('administration_no'),
    pick('instrument'),
    pick('instrument_version'),
    pick('informant'),
    { name: 'item', form, type: 'text', label: 'Item id within the instrument (see the wide file of the instrument for its text)', versions: [] },
    { name: 'item_number', form, type: 'text', label: 'Item number as shown to the respondent', versions: [] },
    { name: 'rating', form, type: 'text', label: 'For items rated more than once (e.g. intensity and impact): which rating; empty otherwise', versions: [] },
    { name: 'value', form, type: 'number', label: 'The answer (a number; see the item in the codebook for what it means)', versions: [] },
  ];
  function* batches(): Iterable<Cell[][]> {
    for (const [n, s] of selected.entries()) {
      const index = indexDefinition(s.definition);
      const rows: Cell[][] = [];
      for (const item of s.definition.items) {
        const ratings = ratingsOf(index, item);
        for (const rating of ratings === null ? [undefined] : ratings) {
          const value = answerOf(s.administration.answers, item.id, rating?.id);
          if (value === null || isIgnored(reports[n] ?? null, item.id, rating?.id)) continue;
          rows.push([s.studyId, s.number, s.definition.id, s.definition.version, s.informant, item.id, item.number, rating?.id ?? null, value]);
        }
      }
      yield rows;
    }
  }
  return { id: form, columns, administrations: selected.length, batches };
}
