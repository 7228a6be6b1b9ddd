/**
 * Informants side by side at one time point: the pupil, each parent (mother, father, other
 * caregiver separately) and the combined profile (combineProfiles), with every function on which
 * two informants differ by at least the margin (a setting, default 1.5) flagged.
 *
 * Time points (our decision): the function-style forms of one family, in date order, are grouped
 * so that a time point starts at its earliest form and takes every form completed within
 * TIME_POINT_DAYS (14) days after it; the next form after that starts a new time point. Anchoring
 * at the first form (rather than chaining) keeps a time point from stretching over months when
 * forms come every ten days. When an informant answered twice within one time point, the later
 * form counts for that time point.
 *
 * Family: the definition's own `family` (function-child and function-parent are "function"; the
 * SRAS-R keys are "srasr"). Forms of different families are never mixed, although they share the
 * four scale ids: they are different questionnaires.
 */
import type { InformantRole, Language } from '../instrument/schema';
import { combineProfiles, roleOf, type CombinedProfile } from '../scoring/combine';
import { SCORE_EPSILON } from '../scoring/score';
import type { InformantKind } from '../scoring/types';
import { hasFunctionProfile, rangeOf, reference, scaleLabel } from './scored';
import { primaryStatusLines, type PrimaryStatus } from './primary-status';
import { rankRules } from '../scoring/ranking';
import { informantValue, listValue, numberValue, scoreValue, text, type SummaryLine } from './summary';
import type { ScaleRange, ScoredAdministration, SeriesKey } from './types';

export const TIME_POINT_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The order informants are shown in: the pupil first, then the parents, then others. */
export const INFORMANT_ORDER: readonly InformantKind[] = ['child', 'mother', 'father', 'parent', 'other-caregiver', 'teacher', 'practitioner'];

export interface TimePoint {
  /** 0 = the earliest. */
  index: number;
  /** Dates of the earliest and latest form in it (ISO). */
  start: string;
  end: string;
  members: ScoredAdministration[];
}

export interface TimePointInfo {
  index: number;
  start: string;
  end: string;
  informants: InformantKind[];
}

/** Families with a function-style profile among the scored administrations, the most recently used first. */
export function functionFamilies(scored: readonly ScoredAdministration[]): string[] {
  const latest = new Map<string, number>();
  for (const s of scored) {
    if (!hasFunctionProfile(s.definition)) continue;
    latest.set(s.definition.family, Math.max(latest.get(s.definition.family) ?? -Infinity, Date.parse(s.date)));
  }
  return [...latest.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([family]) => family);
}

/** The time points of one family's function-style forms (see the module comment). */
export function timePoints(scored: readonly ScoredAdministration[], family: string): TimePoint[] {
  const members = scored.filter((s) => s.definition.family === family && hasFunctionProfile(s.definition)).sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const points: TimePoint[] = [];
  for (const member of members) {
    const current = points.at(-1);
    if (current && Date.parse(member.date) - Date.parse(current.start) <= TIME_POINT_DAYS * DAY_MS) {
      current.members.push(member);
      current.end = member.date;
    } else {
      points.push({ index: points.length, start: member.date, end: member.date, members: [member] });
    }
  }
  return points;
}

/** One form per informant: the latest of each, in INFORMANT_ORDER. */
export function formsByInformant(point: TimePoint): ScoredAdministration[] {
  const latest = new Map<InformantKind, ScoredAdministration>();
  for (const member of point.members) latest.set(member.administration.informant, member);
  return INFORMANT_ORDER.flatMap((kind) => latest.get(kind) ?? []);
}

export function timePointInfo(point: TimePoint): TimePointInfo {
  return { index: point.index, start: point.start, end: point.end, informants: formsByInformant(point).map((s) => s.administration.informant) };
}

/** The combined profile of a time point; null unless at least two informants the profile combines took part. */
export function combinedOf(point: TimePoint): CombinedProfile | null {
  const forms = formsByInformant(point);
  const newest = [...forms].sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
  if (!newest?.definition.profile) return null;
  const combined = combineProfiles(
    newest.definition.family,
    newest.definition.profile,
    forms.map((s) => ({ informant: s.administration.informant, report: s.report })),
  );
  return combined.informants.length >= 2 ? combined : null;
}

export interface InformantColumn {
  key: SeriesKey;
  /** Null for the combined profile. */
  administrationId: string | null;
  date: string;
  /** "id@version" of the forms behind the column. */
  instruments: string[];
}

export interface InformantCell {
  key: SeriesKey;
  score: number | null;
  /** The score (or, for the combined profile, a score it was made from) is prorated. */
  prorated: boolean;
  /** Primary in that informant's own profile (or in the combined profile). */
  primary: boolean;
}

export interface InformantRow {
  scaleId: string;
  label: string;
  /** In the order of `columns`. */
  cells: InformantCell[];
  /** Two informants differ by at least the margin on this scale. */
  flagged: boolean;
}

export interface InformantDifference {
  scaleId: string;
  label: string;
  a: InformantKind;
  b: InformantKind;
  scoreA: number;
  scoreB: number;
  /** |scoreA − scoreB| */
  difference: number;
}

export interface InformantComparisonData {
  family: string;
  timePoint: TimePointInfo;
  /** Every time point of the family, oldest first, for choosing an earlier one. */
  timePoints: TimePointInfo[];
  margin: number;
  /** The profile's floor (no primary below it). */
  floor: number;
  range: ScaleRange;
  /** The informants present (INFORMANT_ORDER), then "combined" when two or more were combined. */
  columns: InformantColumn[];
  rows: InformantRow[];
  differences: InformantDifference[];
  combined: CombinedProfile | null;
  summary: SummaryLine[];
}

export interface ComparisonOptions {
  family: string;
  /** Index into the family's time points; default the latest. */
  timePoint?: number;
  margin: number;
  language: Language;
}

/** Null when the family has no completed function-style form. */
export function informantComparison(scored: readonly ScoredAdministration[], options: ComparisonOptions): InformantComparisonData | null {
  const points = timePoints(scored, options.family);
  if (points.length === 0) return null;
  const point = points[Math.min(Math.max(options.timePoint ?? points.length - 1, 0), points.length - 1)]!;
  const forms = formsByInformant(point);
  const newest = [...forms].sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0]!;
  const scaleIds = newest.definition.profile!.scales;
  const combined = combinedOf(point);

  const columns: InformantColumn[] = forms.map((s) => ({
    key: s.administration.informant,
    administrationId: s.administration.id,
    date: s.date,
    instruments: [reference(s.definition)],
  }));
  if (combined) {
    const included = forms.filter((s) => combined.informants.includes(s.administration.informant));
    columns.push({ key: 'combined', administrationId: null, date: point.start, instruments: [...new Set(included.map((s) => reference(s.definition)))] });
  }

  const differences: InformantDifference[] = [];
  const rows: InformantRow[] = scaleIds.map((scaleId) => {
    const label = scaleLabel(newest.definition, scaleId, options.language);
    const cells: InformantCell[] = forms.map((s) => {
      const scale = s.report.scales.find((x) => x.id === scaleId && x.rating === undefined);
      return { key: s.administration.informant, score: scale?.score ?? null, prorated: scale?.prorated ?? false, primary: s.report.primary.includes(scaleId) };
    });
    for (let i = 0; i < cells.length; i += 1) {
      for (let j = i + 1; j < cells.length; j += 1) {
        const a = cells[i]!;
        const b = cells[j]!;
        if (a.score === null || b.score === null) continue;
        const difference = Math.abs(a.score - b.score);
        // The margin is inclusive: a difference of exactly 1.5 counts even as 1.4999999999999998.
        if (difference >= options.margin - SCORE_EPSILON) {
          differences.push({ scaleId, label, a: a.key as InformantKind, b: b.key as InformantKind, scoreA: a.score, scoreB: b.score, difference });
        }
      }
    }
    if (combined) {
      const c = combined.scales.find((x) => x.id === scaleId);
      const prorated = cells.some((cell) => cell.prorated && combined.informants.includes(cell.key as InformantKind) && cell.score !== null);
      cells.push({ key: 'combined', score: c?.score ?? null, prorated, primary: combined.primary.includes(scaleId) });
    }
    return { scaleId, label, cells, flagged: differences.some((d) => d.scaleId === scaleId) };
  });

  const data: InformantComparisonData = {
    family: options.family,
    timePoint: timePointInfo(point),
    timePoints: points.map(timePointInfo),
    margin: options.margin,
    floor: rankRules(newest.definition.profile!).floor,
    range: rangeOf(newest, scaleIds),
    columns,
    rows,
    differences,
    combined,
    summary: [],
  };
  data.summary = comparisonSummary(
    data,
    forms.map((s) => s.administration.informant),
  );
  return data;
}

function comparisonSummary(data: InformantComparisonData, informants: InformantKind[]): SummaryLine[] {
  const lines: SummaryLine[] = [];
  if (informants.length === 1) {
    lines.push({ key: 'summary.informants.single', values: { informant: informantValue(informants[0]!) } });
  } else {
    lines.push({ key: 'summary.informants.who', values: { informants: listValue(informants.map((k) => informantValue(k, true))) } });
    for (const d of data.differences) {
      lines.push({
        key: 'summary.informants.differ',
        count: d.difference,
        values: {
          a: informantValue(d.a),
          b: informantValue(d.b, true),
          difference: numberValue(d.difference, 2),
          scale: text(d.label, true),
          scoreA: scoreValue(d.scoreA),
          scoreB: scoreValue(d.scoreB),
        },
      });
    }
    if (data.differences.length === 0) lines.push({ key: 'summary.informants.agree', count: data.margin, values: { margin: numberValue(data.margin, 2) } });
    // The combination needs both sides; say which one is missing rather than leave it unsaid.
    const missingRoles = (['child', 'parent'] as InformantRole[]).filter((role) => !informants.some((k) => roleOf(k) === role));
    for (const role of missingRoles) lines.push({ key: role === 'child' ? 'summary.informants.noChild' : 'summary.informants.noParent', values: {} });
  }
  if (data.combined) {
    const c = data.combined;
    const labelOf = (id: string) => data.rows.find((r) => r.scaleId === id)?.label ?? id;
    if (c.primary.length > 0)
      lines.push({ key: 'summary.informants.combinedPrimary', count: c.primary.length, values: { scales: listValue(c.primary.map((id) => text(labelOf(id), true))) } });
    const status: PrimaryStatus = { primary: c.primary, tieMargin: c.tieMargin, floor: data.floor };
    if (c.noPrimary) status.noPrimary = c.noPrimary;
    if (c.provisional) status.provisional = c.provisional;
    lines.push(...primaryStatusLines(status, labelOf));
  }
  return lines;
}
