/**
 * The combined profile across informants of one instrument family (e.g. the child's and the
 * parents' function forms). Published rule (SRAS-R): the child's and the parent's function means
 * are averaged and the highest combined mean is primary. Our decision (domain.md): with two
 * parent forms the parents are averaged first, then with the child.
 */
import type { InformantRole, Profile } from '../instrument/schema';
import { provisionalReasons, rankRules, rankScores, type NoPrimaryReason, type ProvisionalReason } from './ranking';
import type { InformantKind, ScoreReport } from './types';

export function roleOf(kind: InformantKind): InformantRole {
  if (kind === 'child' || kind === 'teacher' || kind === 'practitioner') return kind;
  return 'parent';
}

export interface InformantReport {
  informant: InformantKind;
  report: ScoreReport;
}

export interface CombinedScale {
  id: string;
  /** Null when no included informant has a score for this scale. */
  score: number | null;
  /** The score each informant gave (null: not scorable), in input order. */
  contributions: { informant: InformantKind; score: number | null }[];
  /** The per-role values that were averaged, e.g. { child: 3, parent: 2.5 }. */
  byRole: Partial<Record<InformantRole, number>>;
}

export interface CombinedProfile {
  family: string;
  rating?: string;
  tieMargin: number;
  /** Informants whose reports were combined. */
  informants: InformantKind[];
  /** Informants present but not part of the combination rule (e.g. a teacher form). */
  excluded: InformantKind[];
  scales: CombinedScale[];
  order: { id: string; score: number }[];
  primary: string[];
  /** Set when primary is empty (see src/scoring/ranking.ts). */
  noPrimary?: NoPrimaryReason;
  /** Set when there is a primary but a function is unscorable or rests on one informant only. */
  provisional?: ProvisionalReason[];
}

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

/**
 * Combines reports of one family. Reports of another family are the caller's mistake and are
 * excluded (listed in `excluded`) rather than mixed in.
 */
export function combineProfiles(family: string, profile: Profile, reports: readonly InformantReport[]): CombinedProfile {
  const roles = profile.combination?.informants ?? ['child', 'parent'];
  const parentsFirst = (profile.combination?.parents ?? 'average-first') === 'average-first';
  const included = reports.filter((r) => r.report.instrument.family === family && roles.includes(roleOf(r.informant)));
  const excluded = reports.filter((r) => !included.includes(r)).map((r) => r.informant);

  const scales: CombinedScale[] = profile.scales.map((id) => {
    const contributions = included.map((r) => ({
      informant: r.informant,
      score: r.report.scales.find((s) => s.id === id && s.rating === profile.rating)?.score ?? null,
    }));
    const byRole: Partial<Record<InformantRole, number>> = {};
    const units: number[] = [];
    for (const role of roles) {
      const scores = contributions.filter((c) => roleOf(c.informant) === role && c.score !== null).map((c) => c.score!);
      if (scores.length === 0) continue;
      if (role === 'parent' && !parentsFirst) {
        units.push(...scores);
        continue;
      }
      const roleMean = mean(scores)!;
      byRole[role] = roleMean;
      units.push(roleMean);
    }
    return { id, score: mean(units), contributions, byRole };
  });

  const ranked = rankScores(scales, rankRules(profile));
  const combined: CombinedProfile = {
    family,
    tieMargin: profile.tieMargin,
    informants: included.map((r) => r.informant),
    excluded,
    scales,
    ...ranked,
  };
  const provisional = provisionalReasons(
    scales.filter((s) => s.score === null).map((s) => s.id),
    scales.filter((s) => s.score !== null && s.contributions.filter((c) => c.score !== null).length === 1).map((s) => s.id),
  );
  if (combined.primary.length > 0 && provisional.length > 0) combined.provisional = provisional;
  if (profile.rating !== undefined) combined.rating = profile.rating;
  return combined;
}
