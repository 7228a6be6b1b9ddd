/**
 * The function profile of one administration: each ranked scale (the four functions, 0–6), the
 * primary one(s) marked, prorated scores marked, and a scale that could not be scored shown as
 * missing — never as 0.
 */
import type { Language } from '../instrument/schema';
import { localize } from '../instrument/text';
import type { InformantKind, ScoreReport } from '../scoring/types';
import { hasFunctionProfile, rangeOf, scaleLabel } from './scored';
import { primaryStatusLines, type PrimaryStatus } from './primary-status';
import { listValue, numberValue, scoredValue, scoreValue, text, type SummaryLine } from './summary';
import type { ScaleRange, ScoredAdministration } from './types';

export interface ProfileBar {
  scaleId: string;
  label: string;
  /** Null: too few answers to score (drawn as "missing", not as 0). */
  score: number | null;
  prorated: boolean;
  primary: boolean;
  answered: number;
  items: number;
}

export interface FunctionProfileData {
  administrationId: string;
  instrument: { id: string; version: string; family: string; title: string };
  informant: InformantKind;
  date: string;
  range: ScaleRange;
  tieMargin: number;
  /** In the definition's profile order. */
  bars: ProfileBar[];
  primary: string[];
  /** Why no primary, or why it is provisional (src/charts/primary-status.ts). */
  status: PrimaryStatus;
  /** Required answers were missing when it was completed. */
  incomplete: boolean;
  summary: SummaryLine[];
}

/** Null for an instrument without a function-style profile (quality/function forms, checklists). */
export function functionProfile(scored: ScoredAdministration, language: Language): FunctionProfileData | null {
  const { definition, report, administration } = scored;
  if (!hasFunctionProfile(definition) || !report.ranking) return null;
  const scaleIds = definition.profile!.scales;
  const bars: ProfileBar[] = scaleIds.map((scaleId) => {
    const s = report.scales.find((x) => x.id === scaleId && x.rating === undefined);
    return {
      scaleId,
      label: scaleLabel(definition, scaleId, language),
      score: s?.score ?? null,
      prorated: s?.prorated ?? false,
      primary: report.primary.includes(scaleId),
      answered: s?.answered ?? 0,
      items: s?.items ?? 0,
    };
  });
  const data: FunctionProfileData = {
    administrationId: administration.id,
    instrument: { id: definition.id, version: definition.version, family: definition.family, title: localize(definition.title, language).text },
    informant: administration.informant,
    date: scored.date,
    range: rangeOf(scored, scaleIds),
    tieMargin: report.ranking.tieMargin,
    bars,
    primary: [...report.primary],
    status: statusOf(report),
    incomplete: !report.complete || administration.completedWithMissing === true,
    summary: [],
  };
  data.summary = profileSummary(data);
  return data;
}

function profileSummary(data: FunctionProfileData): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const byId = new Map(data.bars.map((b) => [b.scaleId, b]));
  const primary = data.primary.map((id) => byId.get(id)!);
  if (primary.length === 0) {
    lines.push(...primaryStatusLines(data.status, (id) => byId.get(id)?.label ?? id));
  } else if (primary.length === 1) {
    lines.push({ key: 'summary.profile.primary', values: { scale: text(primary[0]!.label, true), score: scoreValue(primary[0]!.score) } });
  } else {
    lines.push({
      key: 'summary.profile.coPrimary',
      count: primary.length,
      values: { scales: listValue(primary.map((b) => text(b.label, true))), margin: numberValue(data.tieMargin, 2) },
    });
  }
  const others = data.bars.filter((b) => !b.primary && b.score !== null).sort((a, b) => b.score! - a.score!);
  if (others.length > 0) {
    lines.push({ key: 'summary.profile.others', values: { scales: listValue(others.map((b) => scoredValue(b.label, b.score, true))) } });
  }
  const prorated = data.bars.filter((b) => b.prorated);
  if (prorated.length > 0) lines.push({ key: 'summary.profile.prorated', count: prorated.length, values: { scales: listValue(prorated.map((b) => text(b.label, true))) } });
  if (primary.length > 0) lines.push(...primaryStatusLines(data.status, (id) => byId.get(id)?.label ?? id));
  const missing = data.bars.filter((b) => b.score === null);
  if (missing.length > 0) lines.push({ key: 'summary.profile.missing', count: missing.length, values: { scales: listValue(missing.map((b) => text(b.label, true))) } });
  return lines;
}

/** The primary status of one report (see src/scoring/ranking.ts). */
export function statusOf(report: ScoreReport): PrimaryStatus {
  const ranking = report.ranking;
  const status: PrimaryStatus = { primary: [...report.primary], tieMargin: ranking?.tieMargin ?? 0, floor: ranking?.floor ?? 0 };
  if (report.noPrimary) status.noPrimary = report.noPrimary;
  if (report.provisional) status.provisional = report.provisional;
  return status;
}
