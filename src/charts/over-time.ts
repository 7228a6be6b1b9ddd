/**
 * Each function across all completed forms of one family for this case: one series per informant
 * (every form is a point) and one for the combined profile (one point per time point with at
 * least two informants; see informants.ts for the time-point and family rules). A change of
 * instrument version between consecutive points of a series is marked on the later point, never
 * smoothed over: scores of different versions may not be comparable.
 */
import type { Language } from '../instrument/schema';
import { hasFunctionProfile, rangeOf, reference, scaleLabel } from './scored';
import { INFORMANT_ORDER, combinedOf, formsByInformant, timePoints } from './informants';
import { dateValue, informantValue, listValue, scoreValue, text, type SummaryLine } from './summary';
import type { ScaleRange, ScoredAdministration, SeriesKey } from './types';

export interface OverTimePoint {
  /** ISO date: the form's, or the time point's start for the combined series. */
  date: string;
  /** Index of the family's time point this point belongs to. */
  timePoint: number;
  administrationIds: string[];
  /** "id@version" of the form(s) behind the point, sorted. */
  instruments: string[];
  /** Set when the instruments differ from the previous point of the same series. */
  versionChange: { from: string[]; to: string[] } | null;
  /** Per scale id; null when not scorable. */
  scores: Record<string, number | null>;
  prorated: Record<string, boolean>;
  primary: string[];
}

export interface OverTimeSeries {
  key: SeriesKey;
  points: OverTimePoint[];
  summary: SummaryLine[];
}

export interface OverTimeData {
  family: string;
  scales: { id: string; label: string }[];
  range: ScaleRange;
  /** INFORMANT_ORDER, then "combined" if any time point had two or more informants. */
  series: OverTimeSeries[];
}

export function overTime(scored: readonly ScoredAdministration[], options: { family: string; language: Language }): OverTimeData | null {
  const points = timePoints(scored, options.family);
  if (points.length === 0) return null;
  const newest = points.at(-1)!.members.at(-1)!;
  const scaleIds = newest.definition.profile!.scales;
  const scales = scaleIds.map((id) => ({ id, label: scaleLabel(newest.definition, id, options.language) }));

  const series: OverTimeSeries[] = [];
  for (const kind of INFORMANT_ORDER) {
    const forms = points.flatMap((p) => p.members.filter((m) => m.administration.informant === kind && hasFunctionProfile(m.definition)).map((m) => ({ m, p: p.index })));
    if (forms.length === 0) continue;
    const seriesPoints = markChanges(
      forms.map(({ m, p }) => {
        const scores: Record<string, number | null> = {};
        const prorated: Record<string, boolean> = {};
        for (const id of scaleIds) {
          const s = m.report.scales.find((x) => x.id === id && x.rating === undefined);
          scores[id] = s?.score ?? null;
          prorated[id] = s?.prorated ?? false;
        }
        return {
          date: m.date,
          timePoint: p,
          administrationIds: [m.administration.id],
          instruments: [reference(m.definition)],
          versionChange: null,
          scores,
          prorated,
          primary: [...m.report.primary],
        };
      }),
    );
    series.push({ key: kind, points: seriesPoints, summary: [] });
  }

  const combinedPoints: OverTimePoint[] = [];
  for (const point of points) {
    const combined = combinedOf(point);
    if (!combined) continue;
    const forms = formsByInformant(point).filter((s) => combined.informants.includes(s.administration.informant));
    const scores: Record<string, number | null> = {};
    const prorated: Record<string, boolean> = {};
    for (const id of scaleIds) {
      scores[id] = combined.scales.find((c) => c.id === id)?.score ?? null;
      prorated[id] = forms.some((f) => f.report.scales.some((x) => x.id === id && x.rating === undefined && x.prorated));
    }
    combinedPoints.push({
      date: point.start,
      timePoint: point.index,
      administrationIds: forms.map((f) => f.administration.id),
      instruments: [...new Set(forms.map((f) => reference(f.definition)))].sort(),
      versionChange: null,
      scores,
      prorated,
      primary: [...combined.primary],
    });
  }
  if (combinedPoints.length > 0) series.push({ key: 'combined', points: markChanges(combinedPoints), summary: [] });

  for (const s of series) s.summary = seriesSummary(s, scales);
  return { family: options.family, scales, range: rangeOf(newest, scaleIds), series };
}

function markChanges(points: OverTimePoint[]): OverTimePoint[] {
  return points.map((point, i) => {
    const previous = points[i - 1];
    const same = previous && previous.instruments.length === point.instruments.length && previous.instruments.every((ref, k) => ref === point.instruments[k]);
    return previous && !same ? { ...point, versionChange: { from: previous.instruments, to: point.instruments } } : point;
  });
}

const idOf = (ref: string) => ref.slice(0, ref.lastIndexOf('@'));
/** "1.0.0" when only the version changed; the whole "id@version" when the instrument itself did. */
function changeLabels(change: { from: string[]; to: string[] }): { from: string[]; to: string[] } {
  const sameIds = new Set([...change.from, ...change.to].map(idOf)).size === 1;
  const show = (ref: string) => (sameIds ? ref.slice(ref.lastIndexOf('@') + 1) : ref);
  return { from: change.from.map(show), to: change.to.map(show) };
}

function seriesSummary(series: OverTimeSeries, scales: { id: string; label: string }[]): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const first = series.points[0]!;
  const last = series.points.at(-1)!;
  const who = informantValue(series.key);
  if (series.points.length === 1) {
    lines.push({ key: 'summary.overTime.single', values: { informant: who, date: dateValue(first.date) } });
    return lines;
  }
  lines.push({ key: 'summary.overTime.span', count: series.points.length, values: { informant: who, first: dateValue(first.date), last: dateValue(last.date) } });
  for (const scale of scales) {
    const from = first.scores[scale.id] ?? null;
    const to = last.scores[scale.id] ?? null;
    const direction = from === null || to === null ? 'unknown' : to > from ? 'up' : to < from ? 'down' : 'same';
    lines.push({ key: `summary.overTime.${direction}`, values: { scale: text(scale.label), from: scoreValue(from), to: scoreValue(to) } });
  }
  const labelOf = (id: string) => scales.find((s) => s.id === id)?.label ?? id;
  if (first.primary.join() !== last.primary.join() && first.primary.length > 0 && last.primary.length > 0) {
    lines.push({
      key: 'summary.overTime.primaryChanged',
      values: { before: listValue(first.primary.map((id) => text(labelOf(id), true))), after: listValue(last.primary.map((id) => text(labelOf(id), true))) },
    });
  }
  for (const point of series.points) {
    if (!point.versionChange) continue;
    const labels = changeLabels(point.versionChange);
    lines.push({
      key: 'summary.overTime.versionChange',
      values: {
        date: dateValue(point.date),
        from: listValue(labels.from.map((r) => text(r))),
        to: listValue(labels.to.map((r) => text(r))),
      },
    });
  }
  return lines;
}
