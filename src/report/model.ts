/**
 * The report model: records + definitions + options + the report language's texts → a
 * ReportDocument. Pure (no React, Dexie, DOM, i18next or jsPDF): it takes a `t` function, so tests
 * pass the real locale files and the PDF gets exactly the words checked there. Scores, charts and
 * attendance come from the same pure modules the screens use (src/scoring, src/charts, src/plan).
 */
import type { InstrumentDefinition, Language } from '../instrument/schema';
import { indexDefinition } from '../instrument/model';
import { localize } from '../instrument/text';
import type { ScaleScore, ScoreReport } from '../scoring/types';
import type { AdministrationRecord, AttendanceRecord, CaseRecord, LocalDate, PlanRecord } from '../storage/records';
import {
  absenceFlagLines,
  absenceOverTime,
  caseGlance,
  informantStyle,
  inSentence,
  type InformantComparisonData,
  drivingProfile,
  drivingSummary,
  functionFamilies,
  primaryStatusLines,
  statusOf,
  functionProfile,
  informantComparison,
  informantLabel,
  overTime,
  qualityFunction,
  scoreAdministrations,
  summaryText,
  type DefinitionSource,
  type ScoredAdministration,
  type SummaryFormat,
  type SummaryLine,
} from '../charts';
import { activeSteps, attendanceRange, localDateOf, planAttendance, weeklyAttendance, type WeekAttendance } from '../plan';
import { ageOn, formatDate, formatDay, formatNumber, formatScore } from '../format/locale';
import { formatDays, formatPercent } from '../format/number';
import { PAGE_COUNT, PAGE_NUMBER, type BarChartBlock, type Block, type ChartAxis, type LineChartBlock, type ReportDocument, type TableBlock } from './document';

/** The parts a report can have; the case code and the date made are always there. */
export const REPORT_PARTS = [
  'glance',
  'caseDetails',
  'administered',
  'scores',
  'profiles',
  'comparison',
  'overTime',
  'qualityFunction',
  'absence',
  'interpretations',
  'plans',
  'attendance',
  'instruments',
] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

export interface ReportOptions {
  language: Language;
  /** The pupil's name is printed only when the clinician asks for it. */
  includeName: boolean;
  parts: ReadonlySet<ReportPart>;
  /** Completed administrations the report covers (scores, charts, interpretations). */
  administrationIds: readonly string[];
  planIds: readonly string[];
}

export interface ReportInput {
  caseRecord: CaseRecord;
  administrations: readonly AdministrationRecord[];
  definitions: DefinitionSource;
  plans: readonly PlanRecord[];
  attendance: readonly AttendanceRecord[];
  /** Problematic-absence threshold in percent (the setting). */
  thresholdPercent: number;
  /** The threshold is for problematic absence only (the Kearney 2008 preset). */
  thresholdProblematicOnly?: boolean;
  /** Informants differing by at least this much are flagged (the setting). */
  comparisonMargin: number;
  madeAt: Date;
}

/** i18next-style: a key ("pdf.title", or with a namespace "cases:gender.girl") and options. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The report's file name: case code and the date made, safe on every file system. */
/** The report's file name carries its language, so the fi, sv and en reports of one day do not overwrite each other. */
export function reportFileName(code: string, madeAt: Date, language: string): string {
  const safe =
    code
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'case';
  return `polku-${safe}-${localDateOf(madeAt)}-${language}.pdf`;
}

class Writer {
  readonly blocks: Block[] = [];
  readonly format: SummaryFormat;

  constructor(
    readonly t: Translate,
    readonly language: Language,
  ) {
    this.format = {
      t,
      language,
      score: (value) => formatScore(value, language),
      number: (value, digits) => formatNumber(value, language, digits),
      date: (iso) => formatDate(iso, language),
    };
  }

  push(...blocks: Block[]) {
    this.blocks.push(...blocks);
  }

  heading(level: 1 | 2 | 3, text: string) {
    this.push({ kind: 'heading', level, text });
  }

  paragraph(text: string, tone: 'normal' | 'muted' | 'notice' | 'warning' = 'normal') {
    this.push({ kind: 'paragraph', text, tone });
  }

  summary(lines: SummaryLine[]) {
    if (lines.length > 0) this.push({ kind: 'list', items: lines.map((line) => summaryText(line, this.format)) });
  }

  score = (value: number | null) => formatScore(value, this.language);
  number = (value: number, digits = 1) => formatNumber(value, this.language, digits);
  percent = (value: number | null) => formatPercent(value, this.language);
  days = (value: number) => formatDays(value, this.language);
  date = (iso: string) => formatDate(iso, this.language);
  day = (date: LocalDate) => formatDay(date, this.language);
  /** A date in a table cell: kept on one line (no-break spaces), so "16 Oct" never leaves its "2026". */
  dayCell = (date: LocalDate) => this.day(date).replace(/ /g, '\u00a0');
  text = (value: Parameters<typeof localize>[0]) => localize(value, this.language).text;
}

export function buildReport(input: ReportInput, options: ReportOptions, t: Translate): ReportDocument {
  const { caseRecord, madeAt } = input;
  const w = new Writer(t, options.language);
  const has = (part: ReportPart) => options.parts.has(part);
  const chosen = new Set(options.administrationIds);
  const records = input.administrations.filter((a) => chosen.has(a.id) && a.status === 'complete');
  const scored = scoreAdministrations(records, input.definitions, {
    absenceThresholdPercent: input.thresholdPercent,
    absenceThresholdProblematicOnly: input.thresholdProblematicOnly === true,
  });
  const plans = input.plans.filter((p) => options.planIds.includes(p.id));
  const made = w.date(madeAt.toISOString());
  const title = t('pdf.title', { code: caseRecord.code });

  caseFacts(w, input, options, scored);
  if (has('glance')) glancePage(w, input, scored, plans, localDateOf(madeAt));
  if (has('administered'))
    administered(
      w,
      scored,
      input.administrations.filter((a) => chosen.has(a.id)),
    );
  if (has('scores') || has('profiles')) perAdministration(w, scored, has('scores'), has('profiles'));
  if (has('comparison')) comparison(w, scored, input.comparisonMargin);
  if (has('overTime')) changeOverTime(w, scored);
  if (has('qualityFunction')) qualityProfiles(w, scored);
  if (has('absence')) absence(w, scored, input.thresholdPercent);
  if (has('interpretations')) interpretations(w, scored, caseRecord.profileChoice);
  if (has('plans')) for (const plan of plans) planSection(w, plan);
  if (has('attendance')) attendance(w, plans, input.attendance, input.thresholdPercent, localDateOf(madeAt));
  if (has('instruments')) instruments(w, scored);

  return {
    language: options.language,
    title,
    header: `Polku · ${title}`,
    footer: t('pdf.footer', { date: made, code: caseRecord.code }),
    pageLabel: t('pdf.page', { page: PAGE_NUMBER, pages: PAGE_COUNT }),
    subject: t('pdf.subject'),
    blocks: w.blocks,
  };
}

// ---------------------------------------------------------------------------------------------

function caseFacts(w: Writer, input: ReportInput, options: ReportOptions, scored: ScoredAdministration[]) {
  const { caseRecord: c, madeAt } = input;
  const { t } = w;
  const rows: { label: string; value: string }[] = [{ label: t('pdf.facts.code'), value: c.code }];
  if (options.includeName && c.displayName) rows.push({ label: t('pdf.facts.name'), value: c.displayName });
  if (options.parts.has('caseDetails')) {
    const born = c.birthMonth ? `${c.birthMonth}/${c.birthYear}` : String(c.birthYear);
    rows.push({ label: t('pdf.facts.born'), value: `${born} (${t('cases:age', { count: ageOn(c.birthYear, c.birthMonth, madeAt) })})` });
    if (c.gender) rows.push({ label: t('pdf.facts.gender'), value: t(`cases:gender.${c.gender}`) });
    if (c.school || c.className) rows.push({ label: t('pdf.facts.school'), value: [c.school, c.className].filter(Boolean).join(', ') });
  }
  if (scored.length > 0) {
    const first = scored[0]!.date;
    const last = scored.at(-1)!.date;
    rows.push({ label: t('pdf.facts.period'), value: first === last ? w.date(first) : `${w.date(first)} – ${w.date(last)}` });
    rows.push({ label: t('pdf.facts.questionnaires'), value: String(scored.length) });
  }
  rows.push({ label: t('pdf.facts.made'), value: w.date(madeAt.toISOString()) });
  w.push({ kind: 'facts', rows });
  if (c.example) w.paragraph(t('pdf.example'), 'notice');
}

function instrumentTitle(w: Writer, definition: InstrumentDefinition) {
  return w.text(definition.title);
}

function administered(w: Writer, scored: ScoredAdministration[], records: AdministrationRecord[]) {
  const { t } = w;
  w.heading(1, t('pdf.administered.title'));
  if (scored.length === 0) {
    w.paragraph(t('pdf.none'), 'muted');
    return;
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  w.push({
    kind: 'table',
    head: [
      t('pdf.administered.date'),
      t('pdf.administered.questionnaire'),
      t('pdf.administered.informant'),
      t('pdf.administered.language'),
      t('pdf.administered.mode'),
      t('pdf.administered.by'),
    ],
    widths: [15, 33, 14, 13, 14, 17],
    rows: scored.map(({ administration, definition, date }) => {
      const record = byId.get(administration.id);
      return [
        w.date(date),
        `${instrumentTitle(w, definition)} ${definition.version}`,
        t(`cases:informantKind.${administration.informant}`),
        record ? t(`common:languageNames.${record.language}`) : '—',
        record ? t(`pdf.mode.${record.mode}`) : '—',
        record?.administeredBy ?? '—',
      ];
    }),
  });
}

function scaleLabelOf(w: Writer, definition: InstrumentDefinition, id: string) {
  const scale = indexDefinition(definition).scales.get(id);
  return scale ? w.text(scale.label) : id;
}

/** Column headings for ratings, as the screen's score table writes them (the response scale's label). */
function ratingHeading(w: Writer, definition: InstrumentDefinition, ratingId: string): string {
  const rating = definition.ratingSets?.flatMap((s) => s.ratings).find((r) => r.id === ratingId);
  const responseScale = rating ? definition.responseScales.find((s) => s.id === rating.responseScale) : undefined;
  return responseScale?.label ? w.text(responseScale.label) : rating ? w.text(rating.label) : ratingId;
}

function scoreTable(w: Writer, definition: InstrumentDefinition, report: ScoreReport): TableBlock {
  const { t } = w;
  const ratings = [...new Set(report.scales.map((s) => s.rating))];
  const multi = ratings.length > 1 || ratings[0] !== undefined;
  const groups = new Map((definition.groups ?? []).map((g) => [g.id, w.text(g.label)]));
  const cell = (s: ScaleScore | undefined) => (s ? `${w.score(s.score)}${s.prorated ? ` (${t('cases:results.prorated')})` : ''}` : '—');
  const head = [
    t('cases:results.scale'),
    ...(groups.size > 0 ? [t('cases:results.group')] : []),
    ...(multi ? ratings.map((r) => (r ? ratingHeading(w, definition, r) : t('cases:results.score'))) : [t('cases:results.score')]),
    t('cases:results.answered'),
  ];
  const rows = definition.scales.map((scale) => {
    const scores = report.scales.filter((s) => s.id === scale.id);
    const primary = report.primary.includes(scale.id);
    return {
      primary,
      cells: [
        `${w.text(scale.label)}${primary ? ` (${t('cases:results.primaryBadge')})` : ''}`,
        ...(groups.size > 0 ? [scale.group ? (groups.get(scale.group) ?? '—') : '—'] : []),
        ...(multi ? ratings.map((r) => cell(scores.find((s) => s.rating === r))) : [cell(scores[0])]),
        scores[0] ? t('cases:results.answeredOf', { answered: scores[0].answered, items: scores[0].items }) : '—',
      ],
    };
  });
  const numeric = head.length - (groups.size > 0 ? 2 : 1) - 1;
  return {
    kind: 'table',
    head,
    rows: rows.map((r) => r.cells),
    emphasis: rows.map((r) => r.primary),
    align: head.map((_, i) => (i >= head.length - 1 - numeric && i < head.length - 1 ? 'right' : 'left')),
  };
}

function valueAxis(w: Writer, min: number, max: number, title?: string, step = 1): ChartAxis {
  const ticks: ChartAxis['ticks'] = [];
  for (let v = min; v <= max + 1e-9; v += step) ticks.push({ value: v, label: w.number(v, 0) });
  return title ? { min, max, ticks, title } : { min, max, ticks };
}

const tickStep = (span: number) => (span <= 8 ? 1 : span <= 20 ? 2 : span <= 50 ? 5 : span <= 100 ? 20 : Math.ceil(span / 5));

function perAdministration(w: Writer, scored: ScoredAdministration[], scores: boolean, profiles: boolean) {
  const { t } = w;
  if (scored.length === 0) return;
  w.heading(1, t('pdf.results.title'));
  for (const s of scored) {
    const { definition, report, administration } = s;
    w.heading(2, t('pdf.results.heading', { title: instrumentTitle(w, definition), informant: t(`cases:informantKind.${administration.informant}`), date: w.date(s.date) }));
    if (scores) {
      if (administration.completedWithMissing || !report.complete) {
        const index = indexDefinition(definition);
        const items = [...new Set(report.missingItems.map((key) => index.items.get(key.split('.')[0]!)?.number ?? key))].join(', ');
        w.paragraph(t('cases:results.missing', { count: report.missingItems.length, items }), 'warning');
      }
      if (definition.scales.length > 0) w.push(scoreTable(w, definition, report));
      if (report.ranking) {
        const labelOf = (id: string) => scaleLabelOf(w, definition, id);
        const status = primaryStatusLines(statusOf(report), labelOf).map((line) => summaryText(line, w.format));
        if (report.primary.length > 0) {
          const line = `${t('cases:results.primary', { count: report.primary.length })} ${report.primary.map(labelOf).join(', ')}${report.ranking.rating ? ` (${ratingHeading(w, definition, report.ranking.rating)})` : ''}`;
          w.push({
            kind: 'paragraph',
            text: report.primary.length > 1 ? `${line} ${t('cases:results.tie', { margin: w.number(report.ranking.tieMargin, 2) })}` : line,
            bold: true,
          });
          for (const text of status) w.paragraph(text, 'warning');
        } else {
          for (const text of status) w.push({ kind: 'paragraph', text, bold: true });
        }
        if (!definition.validated) w.paragraph(t('pdf.instruments.notValidated'), 'warning');
      }
      if (report.classification) absenceTable(w, definition, report);
    }
    if (profiles) {
      const profile = functionProfile(s, w.language);
      if (profile) {
        const chart: BarChartBlock = {
          kind: 'bar-chart',
          title: t('pdf.results.profileChart'),
          axis: valueAxis(w, profile.range.min, profile.range.max, t('pdf.results.axis', { min: w.number(profile.range.min, 0), max: w.number(profile.range.max, 0) })),
          categories: profile.bars.map((b) => ({ label: `${b.label}${b.prorated ? '\u00a0*' : ''}`, marked: b.primary })),
          series: [
            {
              label: t(`cases:informantKind.${profile.informant}`),
              values: profile.bars.map((b) => b.score),
              labels: profile.bars.map((b) => (b.score === null ? null : w.score(b.score))),
            },
          ],
          legendNotes: [
            t('pdf.results.primaryNote'),
            ...(profile.bars.some((b) => b.prorated) ? [t('pdf.results.proratedNote')] : []),
            ...(profile.bars.some((b) => b.score === null) ? [t('pdf.results.missingNote')] : []),
          ],
        };
        w.push(chart);
        w.summary(profile.summary);
      }
    }
  }
}

function absenceTable(w: Writer, definition: InstrumentDefinition, report: ScoreReport) {
  const { t } = w;
  const classification = report.classification!;
  const labels = new Map((definition.classification?.categories ?? []).map((c) => [c.id, w.text(c.label)]));
  w.push({
    kind: 'table',
    head: [t('cases:results.category'), t('cases:results.days'), t('cases:results.percentOfPeriod')],
    align: ['left', 'right', 'right'],
    widths: [3, 1, 1],
    emphasis: classification.categories.map((c) => classification.dominant.includes(c.id)),
    rows: classification.categories.map((c) => [
      `${labels.get(c.id) ?? c.id}${classification.dominant.includes(c.id) ? ` (${t('cases:results.dominant')})` : ''}`,
      w.days(c.days),
      w.percent(c.percent),
    ]),
  });
  for (const line of absenceFlagLines(classification)) w.paragraph(summaryText(line, w.format), line.key.endsWith('.above') ? 'warning' : 'notice');
}

function comparison(w: Writer, scored: ScoredAdministration[], margin: number) {
  const { t } = w;
  const families = functionFamilies(scored);
  w.heading(1, t('pdf.comparison.title'));
  if (families.length === 0) {
    w.paragraph(t('pdf.comparison.none'), 'muted');
    return;
  }
  for (const family of families) {
    const data = informantComparison(scored, { family, margin, language: w.language });
    if (!data) continue;
    const first = w.date(data.timePoint.start);
    const last = w.date(data.timePoint.end);
    w.heading(2, t('pdf.comparison.heading', { family: familyTitle(w, scored, family), dates: first === last ? first : `${first} – ${last}` }));
    const columns = data.columns.map((c) => informantLabel(c.key, w.format));
    w.push(comparisonChart(w, data, margin));
    w.push({
      kind: 'table',
      head: [t('pdf.comparison.function'), ...columns, t('pdf.comparison.flag')],
      align: ['left', ...columns.map(() => 'right' as const), 'left'],
      emphasis: data.rows.map((r) => r.flagged),
      rows: data.rows.map((r) => [
        r.label,
        ...r.cells.map((c) => `${w.score(c.score)}${c.primary ? '\u00a0●' : ''}${c.prorated ? '\u00a0*' : ''}`),
        r.flagged ? t('pdf.comparison.flagged') : '',
      ]),
    });
    w.paragraph(t('pdf.comparison.tableNote'), 'muted');
    w.summary(data.summary);
  }
}

/** Informants side by side at one time point, with the combined profile: the comparison part and the summary page draw the same chart. */
function comparisonChart(w: Writer, data: InformantComparisonData, margin: number, { combinedOnly = false } = {}): BarChartBlock {
  const { t } = w;
  // The summary page draws the combined profile alone (or the one informant's, when there is no combination).
  const shown = data.columns.map((_, i) => i).filter((i) => !combinedOnly || i === data.columns.length - 1);
  return {
    kind: 'bar-chart',
    title: t(combinedOnly && data.combined ? 'pdf.glance.chart' : 'pdf.comparison.chart'),
    axis: valueAxis(w, data.range.min, data.range.max, t('pdf.results.axis', { min: w.number(data.range.min, 0), max: w.number(data.range.max, 0) })),
    categories: data.rows.map((r) => ({
      label: `${r.label}${r.flagged ? '\u00a0!' : ''}`,
      flagged: r.flagged,
      marked: data.combined ? data.combined.primary.includes(r.scaleId) : false,
    })),
    series: shown.map((i) => ({
      label: informantLabel(data.columns[i]!.key, w.format),
      // The informant's own colour and pattern, as on screen: the combined profile is black cross-hatching in both.
      style: informantStyle(data.columns[i]!.key),
      values: data.rows.map((r) => r.cells[i]!.score),
      labels: data.rows.map((r) => (r.cells[i]!.score === null ? null : w.score(r.cells[i]!.score))),
    })),
    legendNotes: [t('pdf.comparison.flagNote', { margin: w.number(margin, 2) }), ...(data.combined ? [t('pdf.comparison.combinedNote')] : [])],
  };
}

const GLANCE_SECTIONS = ['primary', 'informants', 'absence', 'attendance', 'plan'] as const;

/**
 * Page one: the case at a glance as the case page shows it (src/charts/glance.ts), the driving
 * profile's informants and combined profile, and the active plan's open steps; details follow
 * on the next page.
 */
function glancePage(w: Writer, input: ReportInput, scored: ScoredAdministration[], plans: readonly PlanRecord[], today: LocalDate) {
  const { t } = w;
  const glance = caseGlance({
    scored,
    profileChoice: input.caseRecord.profileChoice ?? null,
    margin: input.comparisonMargin,
    thresholdPercent: input.thresholdPercent,
    plans,
    attendance: input.attendance,
    today,
    language: w.language,
  });
  w.heading(1, t('charts:glance.title'));
  const rows = GLANCE_SECTIONS.filter((section) => glance[section].length > 0).map((section) => ({
    label: t(`charts:glance.section.${section}`),
    value: glance[section].map((line) => summaryText(line, w.format)).join(' '),
  }));
  // The active plan's open steps in one row, so the page holds them with the chart.
  const open = glance.activePlan ? activeSteps(glance.activePlan.steps).filter((step) => step.status !== 'achieved') : [];
  if (open.length > 0) {
    rows.push({
      label: t('pdf.glance.nextSteps'),
      value: open
        .map((step) =>
          t('pdf.glance.step', {
            action: step.action,
            start: w.day(step.startDate),
            review: w.day(step.reviewDate),
            status: inSentence(t(`plans:status.${step.status}`), w.language),
          }),
        )
        .join(' '),
    });
  }
  w.push({ kind: 'facts', rows });
  if (glance.comparison) w.push(comparisonChart(w, glance.comparison, input.comparisonMargin, { combinedOnly: true }));
  w.push({ kind: 'page-break' });
}

/** A family has no title of its own: its forms' titles (child form, parent form), newest first. */
function familyTitle(w: Writer, scored: ScoredAdministration[], family: string): string {
  const titles = [...scored]
    .reverse()
    .filter((s) => s.definition.family === family)
    .map((s) => instrumentTitle(w, s.definition));
  return [...new Set(titles)].sort().join(' · ') || family;
}

function changeOverTime(w: Writer, scored: ScoredAdministration[]) {
  const { t } = w;
  const families = functionFamilies(scored);
  w.heading(1, t('pdf.overTime.title'));
  if (families.length === 0) {
    w.paragraph(t('pdf.overTime.none'), 'muted');
    return;
  }
  for (const family of families) {
    const data = overTime(scored, { family, language: w.language });
    if (!data) continue;
    w.heading(2, familyTitle(w, scored, family));
    for (const series of data.series) {
      const who = informantLabel(series.key, w.format);
      const chart: LineChartBlock = {
        kind: 'line-chart',
        title: t('pdf.overTime.chart', { informant: who }),
        axis: valueAxis(w, data.range.min, data.range.max, t('pdf.results.axis', { min: w.number(data.range.min, 0), max: w.number(data.range.max, 0) })),
        points: series.points.map((p) => w.date(p.date)),
        series: data.scales.map((scale) => ({ label: scale.label, values: series.points.map((p) => p.scores[scale.id] ?? null) })),
        breaks: series.points.flatMap((p, i) => (p.versionChange ? [{ before: i, label: t('pdf.overTime.versionChange', { to: p.instruments.join(', ') }) }] : [])),
      };
      w.push(chart);
      w.push({
        kind: 'table',
        head: [t('pdf.overTime.date'), ...data.scales.map((s) => s.label), t('pdf.overTime.instrument')],
        widths: [16, ...data.scales.map(() => 15), 26],
        align: ['left', ...data.scales.map(() => 'right' as const), 'left'],
        rows: series.points.map((p) => [
          w.date(p.date),
          ...data.scales.map((s) => `${w.score(p.scores[s.id] ?? null)}${p.primary.includes(s.id) ? '\u00a0●' : ''}${p.prorated[s.id] ? '\u00a0*' : ''}`),
          `${p.instruments.join(', ')}${p.versionChange ? ` (${t('pdf.overTime.changed')})` : ''}`,
        ]),
      });
      w.summary(series.summary);
    }
    w.paragraph(t('pdf.overTime.tableNote'), 'muted');
  }
}

function qualityProfiles(w: Writer, scored: ScoredAdministration[]) {
  const { t } = w;
  const profiles = scored.map((s) => qualityFunction(s, w.language)).filter((p) => p !== null);
  if (profiles.length === 0) return;
  w.heading(1, t('pdf.quality.title'));
  for (const data of profiles) {
    w.heading(2, t('pdf.results.heading', { title: data.instrument.title, informant: t(`cases:informantKind.${data.informant}`), date: w.date(data.date) }));
    const scales = data.groups.flatMap((g) => g.scales.map((s) => ({ ...s, group: g.label ?? undefined })));
    const max = Math.max(...data.ratings.map((r) => r.range.max));
    const min = Math.min(...data.ratings.map((r) => r.range.min));
    w.push({
      kind: 'bar-chart',
      title: t('pdf.quality.chart'),
      axis: valueAxis(w, min, max, t('pdf.results.axis', { min: w.number(min, 0), max: w.number(max, 0) })),
      categories: scales.map((s) => ({ label: `${s.label}${s.highOnBoth ? ' ◆' : ''}`, marked: s.primary, flagged: s.highOnBoth, ...(s.group ? { group: s.group } : {}) })),
      series: data.ratings.map((r) => ({
        label: r.label,
        values: scales.map((s) => s.values[r.id]?.score ?? null),
        labels: scales.map((s) => (s.values[r.id]?.score == null ? null : w.score(s.values[r.id]!.score))),
      })),
      legendNotes: [t('pdf.quality.highNote'), t('pdf.quality.primaryNote')],
    });
    w.summary(data.summary);
  }
}

function absence(w: Writer, scored: ScoredAdministration[], thresholdPercent: number) {
  const { t } = w;
  const data = absenceOverTime(scored, { language: w.language });
  w.heading(1, t('pdf.absence.title'));
  if (!data) {
    w.paragraph(t('pdf.absence.none'), 'muted');
    return;
  }
  const top = Math.max(100, ...data.points.map((p) => p.problematicPercent ?? 0));
  w.push({
    kind: 'bar-chart',
    title: t('pdf.absence.chart'),
    axis: valueAxis(w, 0, top, '%', tickStep(top)),
    categories: data.points.map((p) => ({ label: w.date(p.date), flagged: p.problematicFlagged === true, marked: p.problematicFlagged === true })),
    series: [
      {
        label: t('pdf.absence.share'),
        values: data.points.map((p) => p.totalPercent),
        labels: data.points.map((p) => (p.totalPercent === null ? null : w.percent(p.totalPercent))),
      },
      {
        label: t('pdf.absence.problematicShare'),
        values: data.points.map((p) => p.problematicPercent),
        labels: data.points.map((p) => (p.problematicPercent === null ? null : w.percent(p.problematicPercent))),
      },
    ],
    threshold: { value: thresholdPercent, label: t('pdf.absence.threshold', { percent: w.percent(thresholdPercent) }) },
    legendNotes: [t('pdf.absence.chartNote')],
  });
  // One column per checklist (categories have long names), at most five checklists per table.
  for (let first = 0; first < data.points.length; first += 5) {
    const points = data.points.slice(first, first + 5);
    const yesNo = (flag: boolean | null) => (flag === null ? '—' : t(flag ? 'common:preview.yes' : 'common:preview.no'));
    w.push({
      kind: 'table',
      head: [t('pdf.absence.date'), ...points.map((p) => w.date(p.date))],
      align: ['left', ...points.map(() => 'right' as const)],
      widths: [2.2, ...points.map(() => 1)],
      emphasis: [false, ...data.categories.map(() => false), true, true, true],
      rows: [
        [t('pdf.absence.period'), ...points.map((p) => (p.periodDays === null ? '—' : w.number(p.periodDays)))],
        ...data.categories.map((c) => [`${c.label}${c.problematic ? '\u00a0*' : ''}`, ...points.map((p) => w.days(p.days[c.id] ?? 0))]),
        [t('pdf.absence.total'), ...points.map((p) => `${w.days(p.totalDays)} (${w.percent(p.totalPercent)})`)],
        [
          t('pdf.absence.totalFlagged', { threshold: w.percent(thresholdPercent) }),
          ...points.map((p) => (p.periodDays !== null && !p.thresholdForTotal ? '—' : yesNo(p.totalFlagged))),
        ],
        [t('pdf.absence.problematicFlagged', { threshold: w.percent(thresholdPercent) }), ...points.map((p) => yesNo(p.problematicFlagged))],
      ],
    });
  }
  w.paragraph(t('pdf.absence.tableNote'), 'muted');
  w.summary(data.summary);
}

function interpretations(w: Writer, scored: ScoredAdministration[], profileChoice: string | undefined) {
  const { t } = w;
  const choice = drivingProfile(scored, profileChoice);
  w.heading(1, t('pdf.interpretation.title'));
  const driving = choice.driving;
  if (!driving) {
    w.paragraph(t('pdf.interpretation.none'), 'muted');
    return;
  }
  // The forms it rests on, the primary (or why none stands out), why it is provisional.
  const lines = drivingSummary(choice, w.language);
  w.summary(lines.filter((line) => line.key !== 'summary.driving.notValidated'));
  // Not validated: said here, where the interpretation is read, not only in the instruments part.
  if (lines.some((line) => line.key === 'summary.driving.notValidated')) w.paragraph(t('pdf.instruments.notValidated'), 'warning');
  for (const scale of driving.combined.primary) {
    const entries = (driving.definition.interpretations ?? []).filter((e) => e.scale === scale);
    if (entries.length === 0) continue;
    w.heading(2, scaleLabelOf(w, driving.definition, scale));
    for (const entry of entries) {
      w.paragraph(w.text(entry.text));
      if (entry.suggestions?.length) {
        w.push({ kind: 'paragraph', text: t('cases:results.suggestions'), bold: true });
        w.push({ kind: 'list', items: entry.suggestions.map((s) => w.text(s)) });
      }
    }
  }
}

function planSection(w: Writer, plan: PlanRecord) {
  const { t } = w;
  w.heading(1, t('pdf.plan.title', { title: plan.title }));
  const facts = [{ label: t('pdf.plan.goal'), value: plan.goal }];
  if (plan.returnDate) facts.push({ label: t('pdf.plan.returnDate'), value: w.day(plan.returnDate) });
  facts.push({ label: t('pdf.plan.updated'), value: w.date(plan.updatedAt) });
  w.push({ kind: 'facts', rows: facts });
  const active = activeSteps(plan.steps);
  w.heading(2, t('pdf.plan.steps'));
  if (active.length === 0) w.paragraph(t('pdf.plan.noSteps'), 'muted');
  else {
    w.push({
      kind: 'table',
      head: [
        t('pdf.plan.number'),
        t('pdf.plan.action'),
        t('pdf.plan.start'),
        t('pdf.plan.review'),
        t('pdf.plan.criterion'),
        t('pdf.plan.supports'),
        t('pdf.plan.responsible'),
        t('pdf.plan.status'),
      ],
      align: ['right', 'left', 'left', 'left', 'left', 'left', 'left', 'left'],
      rows: active.map((s, i) => [
        String(i + 1),
        s.action,
        w.dayCell(s.startDate),
        w.dayCell(s.reviewDate),
        s.successCriterion || '—',
        s.supports || '—',
        [s.responsible.map((r) => t(`plans:responsible.${r}`)).join(', '), s.responsibleNote].filter(Boolean).join(': '),
        t(`plans:status.${s.status}`),
      ]),
    });
  }
  const revised = plan.steps.length - active.length;
  if (revised > 0 || plan.revisions.length > 0) w.paragraph(t('pdf.plan.history', { count: revised, revisions: plan.revisions.length }), 'muted');
  if (plan.contacts.length > 0) {
    w.heading(2, t('pdf.plan.contacts'));
    w.push({
      kind: 'table',
      head: [t('pdf.plan.contactName'), t('pdf.plan.contactRole'), t('pdf.plan.contactReach')],
      widths: [2, 2, 3],
      rows: plan.contacts.map((c) => [c.name, c.role, c.reach || '—']),
    });
  }
  if (plan.reviews.length > 0) {
    w.heading(2, t('pdf.plan.reviews'));
    const reviews = [...plan.reviews].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    w.push({ kind: 'table', head: [t('pdf.plan.reviewDate'), t('pdf.plan.reviewNotes')], widths: [1, 5], rows: reviews.map((r) => [w.dayCell(r.date), r.notes || '—']) });
  }
}

function weekLabel(w: Writer, week: Pick<WeekAttendance, 'isoWeek' | 'isoYear'>) {
  return w.t('pdf.attendance.week', { week: week.isoWeek, year: week.isoYear });
}

function attendance(w: Writer, plans: PlanRecord[], records: readonly AttendanceRecord[], thresholdPercent: number, today: LocalDate) {
  const { t } = w;
  w.heading(1, t('pdf.attendance.title'));
  if (records.length === 0) {
    w.paragraph(t('pdf.attendance.none'), 'muted');
    return;
  }
  const sections: { heading?: string; weeks: WeekAttendance[]; plan: PlanRecord | null }[] = [];
  for (const plan of plans) {
    const data = planAttendance(plan, records, today, thresholdPercent);
    if (!data) {
      w.heading(2, plan.title);
      w.paragraph(t('pdf.attendance.noPeriod'), 'muted');
      continue;
    }
    sections.push({ heading: plan.title, weeks: data.weeks, plan });
  }
  if (plans.length === 0) {
    const range = attendanceRange(records, null, today);
    if (range) sections.push({ weeks: weeklyAttendance(records, range.from, range.to, { thresholdPercent }), plan: null });
  }
  for (const section of sections) {
    if (section.heading) w.heading(2, section.heading);
    const recorded = section.weeks.filter((wk) => wk.days > 0);
    const from = section.weeks[0]!.weekStart;
    const to = section.weeks.at(-1)!.weekEnd;
    const inRange = records.filter((r) => r.date >= from && r.date <= to);
    const plan = section.plan;
    const totals = plan ? planAttendance(plan, records, today, thresholdPercent)! : null;
    const overall = totals?.totals;
    const rate = overall?.rate ?? null;
    w.paragraph(
      t('pdf.attendance.summary', {
        from: w.day(totals?.period.from ?? from),
        to: w.day(totals?.period.to ?? to),
        days: overall?.days ?? inRange.length,
        count: overall?.days ?? inRange.length,
        rate: w.percent(rate ?? weekRate(recorded)),
        threshold: w.percent(thresholdPercent),
      }),
    );
    const over = totals ? totals.overThreshold : null;
    if (over !== null) w.paragraph(t(over ? 'pdf.attendance.over' : 'pdf.attendance.under', { threshold: w.percent(thresholdPercent) }), over ? 'warning' : 'notice');
    if (overall?.mixedUnits) w.paragraph(t('pdf.attendance.mixed'), 'muted');
    const numberOf = plan ? stepNumbers(plan) : new Map<string, number>();
    const breaks = plan
      ? activeSteps(plan.steps).flatMap((s) => {
          const index = section.weeks.findIndex((wk) => s.startDate >= wk.weekStart && s.startDate <= wk.weekEnd);
          return index < 0 ? [] : [{ before: index, label: t('pdf.attendance.stepMark', { number: numberOf.get(s.id) }) }];
        })
      : [];
    w.push({
      kind: 'line-chart',
      title: t('pdf.attendance.chart'),
      axis: valueAxis(w, 0, 100, '%', 20),
      points: section.weeks.map((wk) => weekLabel(w, wk)),
      series: [{ label: t('pdf.attendance.rate'), values: section.weeks.map((wk) => wk.rate) }],
      breaks: dedupeBreaks(breaks),
      threshold: { value: 100 - thresholdPercent, label: t('pdf.attendance.thresholdLine', { percent: w.percent(100 - thresholdPercent) }) },
      legendNotes: [t('pdf.attendance.chartNote')],
    });
    w.push({
      kind: 'table',
      head: [
        t('pdf.attendance.weekColumn'),
        t('pdf.attendance.dates'),
        t('pdf.attendance.days'),
        t('pdf.attendance.scheduled'),
        t('pdf.attendance.attended'),
        t('pdf.attendance.rate'),
        ...(plan ? [t('pdf.attendance.step')] : []),
      ],
      align: ['left', 'left', 'right', 'right', 'right', 'right', ...(plan ? (['right'] as const) : [])],
      emphasis: section.weeks.map((wk) => wk.overThreshold === true),
      rows: section.weeks.map((wk) => [
        weekLabel(w, wk),
        `${w.day(wk.weekStart)} – ${w.day(wk.weekEnd)}`,
        String(wk.days),
        // The amount and its unit agree as the language needs ("30 oppituntia", "1 lesson").
        wk.days > 0 ? (wk.unit ? t(`attendance:amount.${wk.unit}`, { amount: w.number(wk.scheduled), count: wk.scheduled }) : w.number(wk.scheduled)) : '—',
        wk.days > 0 ? w.number(wk.attended) : '—',
        w.percent(wk.rate),
        ...(plan ? [wk.stepId ? String(numberOf.get(wk.stepId) ?? '—') : '—'] : []),
      ]),
    });
    w.paragraph(t('pdf.attendance.tableNote', { threshold: w.percent(thresholdPercent) }), 'muted');
  }
}

/**
 * Step numbers as the plan's step table prints them: active steps 1, 2, 3 …; a revised step takes
 * the number of the step that replaced it (it was the same step of the plan, before revision).
 */
function stepNumbers(plan: PlanRecord): Map<string, number> {
  const numbers = new Map(activeSteps(plan.steps).map((s, i) => [s.id, i + 1]));
  const replacement = (id: string, depth = 0): number | undefined => {
    if (numbers.has(id)) return numbers.get(id);
    const next = plan.steps.find((s) => s.revisionOf === id);
    return next && depth < plan.steps.length ? replacement(next.id, depth + 1) : undefined;
  };
  for (const step of plan.steps) {
    const number = replacement(step.id);
    if (number !== undefined) numbers.set(step.id, number);
  }
  return numbers;
}

/** A rate over recorded weeks when there is no plan period: the totals of their days. */
function weekRate(weeks: WeekAttendance[]): number | null {
  const scheduled = weeks.reduce((s, wk) => s + wk.scheduled, 0);
  const attended = weeks.reduce((s, wk) => s + wk.attended, 0);
  return scheduled > 0 ? (attended / scheduled) * 100 : null;
}

function dedupeBreaks(breaks: { before: number; label: string }[]) {
  const byWeek = new Map<number, string[]>();
  for (const b of breaks) byWeek.set(b.before, [...(byWeek.get(b.before) ?? []), b.label]);
  return [...byWeek.entries()].map(([before, labels]) => ({ before, label: labels.join(', ') }));
}

function instruments(w: Writer, scored: ScoredAdministration[]) {
  const { t } = w;
  const definitions = [...new Map(scored.map((s) => [`${s.definition.id}@${s.definition.version}`, s.definition])).values()];
  if (definitions.length === 0) return;
  w.heading(1, t('pdf.instruments.title'));
  w.paragraph(t('pdf.instruments.intro'));
  for (const definition of definitions) {
    w.heading(2, `${instrumentTitle(w, definition)} ${definition.version}`);
    if (!definition.validated) w.paragraph(t('pdf.instruments.notValidated'), 'warning');
    if (definition.transcriptionKey) w.paragraph(t('pdf.instruments.key'), 'notice');
    w.paragraph(`${t('pdf.instruments.source')} ${w.text(definition.attribution)}`, 'muted');
    if (definition.notes.length > 0) {
      w.push({
        kind: 'table',
        head: [t('pdf.instruments.kind'), t('pdf.instruments.rule')],
        widths: [1, 5],
        emphasis: definition.notes.map((n) => n.kind === 'decision'),
        rows: definition.notes.map((n) => [t(`common:preview.noteKind.${n.kind}`), `${w.text(n.text)}${n.source ? ` (${n.source})` : ''}`]),
      });
    }
  }
}
