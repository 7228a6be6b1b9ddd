/**
 * Absence over time: days per category from each absence checklist, oldest first, with the
 * problematic-absence threshold. The threshold is a percent of the period's school days (a
 * setting: pass `absenceThresholdPercent` to scoreAdministrations), so in days it is drawn per
 * checklist — 10 % of 20 school days is 2 days, of 19 it is 1.9.
 */
import type { Language } from '../instrument/schema';
import { localize } from '../instrument/text';
import { reference } from './scored';
import { dateValue, listValue, numberValue, percentValue, text, type SummaryLine } from './summary';
import type { ClassificationReport } from '../scoring/types';
import type { ScoredAdministration } from './types';

export interface AbsenceCategoryInfo {
  id: string;
  label: string;
  problematic: boolean;
}

export interface AbsencePoint {
  administrationId: string;
  date: string;
  instrument: string;
  /** Set when the checklist's version differs from the previous one's. */
  versionChange: { from: string; to: string } | null;
  periodDays: number | null;
  /** Per category id (0 for a category this checklist version does not have). */
  days: Record<string, number>;
  percent: Record<string, number | null>;
  totalDays: number;
  totalPercent: number | null;
  problematicDays: number;
  problematicPercent: number | null;
  thresholdPercent: number;
  /** All absence is compared with the threshold too (false: problematic absence only, e.g. Kearney 2008). */
  thresholdForTotal: boolean;
  /** The threshold in days of this period; null when the period is unknown. */
  thresholdDays: number | null;
  totalFlagged: boolean | null;
  problematicFlagged: boolean | null;
  dominant: string[];
}

export interface AbsenceData {
  /** Every category of every checklist, in the newest definition's order (older extras after). */
  categories: AbsenceCategoryInfo[];
  points: AbsencePoint[];
  summary: SummaryLine[];
}

export function absenceOverTime(scored: readonly ScoredAdministration[], options: { language: Language }): AbsenceData | null {
  const checklists = scored.filter((s) => s.report.classification && s.definition.classification).sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  if (checklists.length === 0) return null;
  const categories: AbsenceCategoryInfo[] = [];
  for (const s of [...checklists].reverse()) {
    for (const c of s.definition.classification!.categories) {
      if (!categories.some((x) => x.id === c.id)) categories.push({ id: c.id, label: localize(c.label, options.language).text, problematic: c.problematic });
    }
  }
  const points: AbsencePoint[] = checklists.map((s, i) => {
    const c = s.report.classification!;
    const days: Record<string, number> = {};
    const percent: Record<string, number | null> = {};
    for (const category of categories) {
      const result = c.categories.find((x) => x.id === category.id);
      days[category.id] = result?.days ?? 0;
      percent[category.id] = result ? result.percent : null;
    }
    const previous = checklists[i - 1];
    return {
      administrationId: s.administration.id,
      date: s.date,
      instrument: reference(s.definition),
      versionChange: previous && reference(previous.definition) !== reference(s.definition) ? { from: reference(previous.definition), to: reference(s.definition) } : null,
      periodDays: c.periodDays,
      days,
      percent,
      totalDays: c.totalDays,
      totalPercent: c.totalPercent,
      problematicDays: c.problematicDays,
      problematicPercent: c.problematicPercent,
      thresholdPercent: c.thresholdPercent,
      thresholdForTotal: c.thresholdForTotal,
      thresholdDays: c.periodDays !== null && c.periodDays > 0 ? (c.thresholdPercent * c.periodDays) / 100 : null,
      totalFlagged: c.totalFlagged,
      problematicFlagged: c.problematicFlagged,
      dominant: [...c.dominant],
    };
  });
  return { categories, points, summary: absenceSummary(points, categories) };
}

function absenceSummary(points: AbsencePoint[], categories: AbsenceCategoryInfo[]): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const labelOf = (id: string) => categories.find((c) => c.id === id)?.label ?? id;
  const last = points.at(-1)!;
  lines.push({
    key: last.thresholdForTotal ? 'summary.absence.thresholdBoth' : 'summary.absence.thresholdProblematic',
    values: { threshold: percentValue(last.thresholdPercent) },
  });
  for (const p of points) {
    lines.push({ key: 'summary.absence.checklist', values: { date: dateValue(p.date) } });
    lines.push(...absenceFlagLines(p));
  }
  if (last.dominant.length > 0) {
    lines.push({ key: 'summary.absence.dominant', count: last.dominant.length, values: { categories: listValue(last.dominant.map((id) => text(labelOf(id), true))) } });
  }
  return lines;
}

type FlagInput = Pick<
  ClassificationReport,
  'periodDays' | 'totalDays' | 'totalPercent' | 'problematicDays' | 'problematicPercent' | 'thresholdPercent' | 'thresholdForTotal' | 'totalFlagged' | 'problematicFlagged'
>;

/**
 * All absence and problematic absence (refusal, truancy, withdrawal, exclusion) against the
 * threshold, each named for what it is; all absence is only shown when the threshold is for
 * problematic absence only (the Kearney 2008 preset). The same words on the case page, the paper
 * check, the charts and the report.
 */
export function absenceFlagLines(c: FlagInput): SummaryLine[] {
  if (c.periodDays === null || c.periodDays <= 0)
    return [{ key: 'summary.absence.unknownPeriod', values: { days: numberValue(c.totalDays), problematic: numberValue(c.problematicDays) } }];
  const values = (days: number, percent: number | null) => ({
    days: numberValue(days),
    period: numberValue(c.periodDays!),
    percent: percentValue(percent),
    threshold: percentValue(c.thresholdPercent),
  });
  const total = c.totalFlagged === null ? 'notCompared' : c.totalFlagged ? 'above' : 'below';
  return [
    { key: `summary.absence.total.${total}`, values: values(c.totalDays, c.totalPercent) },
    { key: `summary.absence.problematic.${c.problematicFlagged ? 'above' : 'below'}`, values: values(c.problematicDays, c.problematicPercent) },
  ];
}
