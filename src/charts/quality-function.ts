/**
 * Quality and function of one form with rating sets (quality/function forms): each scale's
 * intensity (quality) and impact (function) side by side, grouped as the instrument groups its
 * scales, so that a scale high on both stands out.
 *
 * "High on both" (our decision): every rating's score is at or above the midpoint of that
 * rating's range (2 on 0–4: "moderately" / "sometimes" or more). The summary says so.
 */
import type { Language } from '../instrument/schema';
import { localize } from '../instrument/text';
import type { InformantKind } from '../scoring/types';
import { hasRatingSets } from './scored';
import { statusOf } from './function-profile';
import { primaryStatusLines, type PrimaryStatus } from './primary-status';
import { listValue, numberValue, scoredValue, text, type SummaryLine } from './summary';
import type { ScaleRange, ScoredAdministration } from './types';

export interface QualityRating {
  id: string;
  /** Short label: the rating's response-scale label ("Intensity (0–4)"), else the rating's own. */
  label: string;
  /** The label without a trailing range, for sentences: "Impact on attendance". */
  name: string;
  range: ScaleRange;
  /** (min + max) / 2: a score at or above it counts as high. */
  midpoint: number;
}

export interface QualityValue {
  score: number | null;
  prorated: boolean;
}

export interface QualityScale {
  scaleId: string;
  label: string;
  /** Per rating id. */
  values: Record<string, QualityValue>;
  highOnBoth: boolean;
  primary: boolean;
}

export interface QualityGroup {
  /** Null for scales the instrument puts in no group. */
  groupId: string | null;
  label: string | null;
  scales: QualityScale[];
}

export interface QualityFunctionData {
  administrationId: string;
  instrument: { id: string; version: string; family: string; title: string };
  informant: InformantKind;
  date: string;
  ratings: QualityRating[];
  groups: QualityGroup[];
  /** Scale ids high on every rating, in the instrument's order. */
  highOnBoth: string[];
  primary: string[];
  status: PrimaryStatus;
  /** The rating the primary scale is ranked by (the profile's rating, "impact"), if any. */
  rankedBy: string | null;
  summary: SummaryLine[];
}

export function qualityFunction(scored: ScoredAdministration, language: Language): QualityFunctionData | null {
  const { definition, report, administration } = scored;
  if (!hasRatingSets(definition)) return null;
  const ratingIds = [...new Set(report.scales.map((s) => s.rating).filter((r): r is string => r !== undefined))];
  if (ratingIds.length === 0) return null;
  const allRatings = (definition.ratingSets ?? []).flatMap((set) => set.ratings);
  const ratings: QualityRating[] = ratingIds.map((id) => {
    const rating = allRatings.find((r) => r.id === id);
    const responseScale = rating ? definition.responseScales.find((s) => s.id === rating.responseScale) : undefined;
    const label = responseScale?.label ? localize(responseScale.label, language).text : rating ? localize(rating.label, language).text : id;
    const range = report.scales.find((s) => s.rating === id)!.range;
    return { id, label, name: label.replace(/\s*\([^)]*\)\s*$/, ''), range: { ...range }, midpoint: (range.min + range.max) / 2 };
  });

  const scales: (QualityScale & { group: string | null })[] = definition.scales.map((scale) => {
    const values: Record<string, QualityValue> = {};
    for (const r of ratings) {
      const s = report.scales.find((x) => x.id === scale.id && x.rating === r.id);
      values[r.id] = { score: s?.score ?? null, prorated: s?.prorated ?? false };
    }
    const highOnBoth = ratings.every((r) => {
      const score = values[r.id]!.score;
      return score !== null && score >= r.midpoint - 1e-9;
    });
    return { scaleId: scale.id, label: localize(scale.label, language).text, values, highOnBoth, primary: report.primary.includes(scale.id), group: scale.group ?? null };
  });

  const groups: QualityGroup[] = [];
  for (const group of definition.groups ?? []) {
    const members = scales.filter((s) => s.group === group.id);
    if (members.length > 0) groups.push({ groupId: group.id, label: localize(group.label, language).text, scales: members.map(strip) });
  }
  const ungrouped = scales.filter((s) => s.group === null || !(definition.groups ?? []).some((g) => g.id === s.group));
  if (ungrouped.length > 0) groups.push({ groupId: null, label: null, scales: ungrouped.map(strip) });

  const data: QualityFunctionData = {
    administrationId: administration.id,
    instrument: { id: definition.id, version: definition.version, family: definition.family, title: localize(definition.title, language).text },
    informant: administration.informant,
    date: scored.date,
    ratings,
    groups,
    highOnBoth: scales.filter((s) => s.highOnBoth).map((s) => s.scaleId),
    primary: [...report.primary],
    status: statusOf(report),
    rankedBy: definition.profile?.rating ?? null,
    summary: [],
  };
  data.summary = qualitySummary(data);
  return data;
}

function strip({ group: _group, ...scale }: QualityScale & { group: string | null }): QualityScale {
  return scale;
}

function qualitySummary(data: QualityFunctionData): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const all = data.groups.flatMap((g) => g.scales);
  const [first, second] = data.ratings;
  // The rule is said in words every time, so the reader knows what "high" means here.
  if (first && second) {
    lines.push({
      key: 'summary.quality.rule',
      values: { first: text(first.name, true), second: text(second.name, true), midpoint: numberValue(first.midpoint, 2), max: numberValue(first.range.max, 2) },
    });
  }
  const high = all.filter((s) => s.highOnBoth);
  if (high.length === 0) lines.push({ key: 'summary.quality.noneHigh', values: {} });
  else lines.push({ key: 'summary.quality.high', count: high.length, values: { scales: listValue(high.map((s) => text(s.label, true))) } });
  const ranked = data.primary.map((id) => all.find((s) => s.scaleId === id)!).filter(Boolean);
  const primaryRating = data.ratings.find((r) => r.id === data.rankedBy);
  if (ranked.length === 0 || data.status.provisional) lines.push(...primaryStatusLines(data.status, (id) => all.find((s) => s.scaleId === id)?.label ?? id));
  if (ranked.length > 0 && primaryRating) {
    lines.push({
      key: 'summary.quality.primary',
      count: ranked.length,
      values: { rating: text(primaryRating.name, true), scales: listValue(ranked.map((s) => scoredValue(s.label, s.values[primaryRating.id]!.score, true))) },
    });
  }
  const missing = all.filter((s) => Object.values(s.values).some((v) => v.score === null));
  if (missing.length > 0) lines.push({ key: 'summary.quality.missing', count: missing.length, values: { scales: listValue(missing.map((s) => text(s.label, true))) } });
  return lines;
}
