/**
 * Which scale of a profile is primary, and how sure that is. Pure.
 *
 * Published (SRAS-R): the highest function is primary. Unverified (original SRAS): a scale at most
 * the tie margin below the highest is co-primary, inclusive. Our decisions (docs/scoring.md):
 * - a profile names no primary when its highest score is below the profile's floor (default 1:
 *   "seldom" on the 0–6 function scale, "a little" on the 0–4 impact scale), or when every scored
 *   scale (at least two) is co-primary: then no function stands out;
 * - a primary is provisional when a scale of the profile could not be scored (too few answers) or,
 *   in a combined profile, when a scale's score rests on one informant only.
 */
import type { Profile } from '../instrument/schema';

/**
 * Scores are means of small integers (sixths, fifths); a tie margin of 0.25 must include a
 * difference of exactly 0.25 even when floating point makes it 0.25000000000000006.
 */
export const SCORE_EPSILON = 1e-9;

/** The floor of a profile without its own: 1, the first step above "never" / "not at all". */
export const DEFAULT_PRIMARY_FLOOR = 1;

/** Why a profile names no primary: nothing scored, the highest below the floor, or all tied. */
export type NoPrimaryReason = 'none-scored' | 'below-floor' | 'flat';

/** Why a primary is provisional, with the scales concerned (in profile order). */
export type ProvisionalReason = { kind: 'unscorable'; scales: string[] } | { kind: 'one-informant'; scales: string[] };

export interface RankRules {
  tieMargin: number;
  floor: number;
}

export function rankRules(profile: Pick<Profile, 'tieMargin' | 'floor'>): RankRules {
  return { tieMargin: profile.tieMargin, floor: profile.floor ?? DEFAULT_PRIMARY_FLOOR };
}

export interface RankedScores {
  /** Scored scales, highest first (ties keep the input order). */
  order: { id: string; score: number }[];
  /** Every scale at most the tie margin below the highest; empty with `noPrimary`. */
  primary: string[];
  noPrimary?: NoPrimaryReason;
}

/** Ranks scores highest first; co-primary within the tie margin, inclusive; no primary below the floor or when flat. */
export function rankScores(entries: readonly { id: string; score: number | null }[], rules: RankRules): RankedScores {
  // One pass and an insertion sort (profiles have a handful of scales): a later entry moves only
  // past strictly lower scores, so ties keep the input order, as a stable sort would.
  const order: { id: string; score: number }[] = [];
  for (let n = 0; n < entries.length; n += 1) {
    const entry = entries[n]!;
    const score = entry.score;
    if (score === null) continue;
    const ranked = { id: entry.id, score };
    let at = order.length;
    order.push(ranked);
    while (at > 0 && order[at - 1]!.score < score) {
      order[at] = order[at - 1]!;
      at -= 1;
    }
    order[at] = ranked;
  }
  const top = order[0]?.score;
  if (top === undefined) return { order, primary: [], noPrimary: 'none-scored' };
  // The floor is inclusive: a highest score of exactly 1 still names a primary.
  if (top < rules.floor - SCORE_EPSILON) return { order, primary: [], noPrimary: 'below-floor' };
  const tied: string[] = [];
  for (let n = 0; n < order.length; n += 1) if (top - order[n]!.score <= rules.tieMargin + SCORE_EPSILON) tied.push(order[n]!.id);
  if (order.length >= 2 && tied.length === order.length) return { order, primary: [], noPrimary: 'flat' };
  return { order, primary: tied };
}

/** The provisional reasons that hold, or an empty list. */
export function provisionalReasons(unscorable: readonly string[], oneInformant: readonly string[] = []): ProvisionalReason[] {
  const reasons: ProvisionalReason[] = [];
  if (unscorable.length > 0) reasons.push({ kind: 'unscorable', scales: [...unscorable] });
  if (oneInformant.length > 0) reasons.push({ kind: 'one-informant', scales: [...oneInformant] });
  return reasons;
}
