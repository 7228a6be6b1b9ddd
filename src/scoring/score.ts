/**
 * score(definition, answers): the whole scoring of one administration. Pure and total: it returns
 * a report or typed errors, never NaN, never throws on incomplete or wrong answers.
 */
import type { InstrumentDefinition } from '../instrument/schema';
import type { IndexedDefinition } from '../instrument/model';
import { compileDefinition, type Resolution } from './compile';
import type { AnswerProblem, ClassificationReport, Ranking, ScaleScore, ScoreOptions, ScoreReport, ScoreResult } from './types';
import type { Answers } from '../instrument/answers';

import { SCORE_EPSILON, provisionalReasons, rankRules, rankScores } from './ranking';

export { SCORE_EPSILON, rankScores };

export function score(definition: InstrumentDefinition, answers: Answers, options: ScoreOptions = {}): ScoreResult {
  // Compiled once per definition: the answer check, the slots and the per-scale math.
  const scorer = compileDefinition(definition);
  const resolver = scorer.read(answers);
  if (resolver.errors.length > 0) return { ok: false, errors: resolver.errors };

  const variant = options.variant ?? 'original';
  const scales = scorer.scoreScales(resolver, variant);
  const ranking = definition.profile ? rankScales(definition.profile, scales, scorer.profileScales(variant)) : undefined;

  let classification: ClassificationReport | undefined;
  if (definition.classification) {
    const classified = classify(scorer.index, resolver, options.absenceThresholdPercent, options.absenceThresholdProblematicOnly === true);
    if ('error' in classified) return { ok: false, errors: [classified.error] };
    classification = classified;
  }

  const report: ScoreReport = {
    instrument: { id: definition.id, version: definition.version, family: definition.family },
    variant,
    complete: resolver.missingRequired.length === 0,
    missingItems: resolver.missingRequired,
    skipped: resolver.skipped,
    ignored: resolver.ignored,
    scales,
    primary: ranking?.primary ?? [],
  };
  if (ranking?.noPrimary) report.noPrimary = ranking.noPrimary;
  if (ranking?.provisional) report.provisional = ranking.provisional;
  if (ranking) report.ranking = ranking;
  if (classification) report.classification = classification;
  return { ok: true, report };
}

function rankScales(profile: NonNullable<InstrumentDefinition['profile']>, scales: readonly ScaleScore[], found: Int32Array): Ranking {
  // The profile's scales in its order: the scale's score (found at compile time), or none.
  const entries: { id: string; score: number | null }[] = new Array<{ id: string; score: number | null }>(found.length);
  let unscorable: string[] | null = null;
  for (let n = 0; n < found.length; n += 1) {
    const at = found[n]!;
    const entry = at < 0 ? { id: profile.scales[n]!, score: null } : scales[at]!;
    entries[n] = entry;
    if (entry.score === null) (unscorable ??= []).push(entry.id);
  }
  const rules = rankRules(profile);
  const ranked = rankScores(entries, rules);
  const ranking: Ranking = { tieMargin: profile.tieMargin, floor: rules.floor, order: ranked.order, primary: ranked.primary };
  if (ranked.noPrimary) ranking.noPrimary = ranked.noPrimary;
  if (ranking.primary.length > 0 && unscorable !== null) ranking.provisional = provisionalReasons(unscorable);
  if (profile.rating !== undefined) ranking.rating = profile.rating;
  return ranking;
}

function classify(
  index: IndexedDefinition,
  resolver: Resolution,
  thresholdOverride: number | undefined,
  problematicOnly: boolean,
): ClassificationReport | { error: AnswerProblem } {
  const classification = index.definition.classification!;
  const valueOf = (itemId: string): number | null => {
    const slot = resolver.slot(itemId);
    return slot.kind === 'value' ? slot.value : null;
  };
  const periodDays = valueOf(classification.periodItem);
  // An unanswered reason on a checklist means no day was missed for it.
  const categories = classification.categories.map((category) => ({
    id: category.id,
    problematic: category.problematic,
    days: category.reasons.reduce((sum, reason) => sum + (valueOf(reason) ?? 0), 0),
  }));
  const totalDays = categories.reduce((sum, c) => sum + c.days, 0);
  const problematicDays = categories.filter((c) => c.problematic).reduce((sum, c) => sum + c.days, 0);
  if (periodDays !== null && totalDays > periodDays + SCORE_EPSILON) {
    return {
      error: {
        code: 'answer.absenceExceedsPeriod',
        item: classification.periodItem,
        params: { days: totalDays, period: periodDays },
      },
    };
  }
  const percentOf = (days: number): number | null => (periodDays !== null && periodDays > 0 ? (days / periodDays) * 100 : null);
  const thresholdPercent = thresholdOverride ?? classification.threshold.percent;
  const mostDays = Math.max(0, ...categories.map((c) => c.days));
  const known = periodDays !== null && periodDays > 0;
  // Compare days, not rounded percentages: 2 of 20 days is exactly 10 %.
  const reaches = (days: number) => days * 100 >= thresholdPercent * periodDays! - SCORE_EPSILON;
  // All absence is compared too unless the instrument or the preset (Kearney 2008) says the threshold is for problematic absence only.
  const thresholdForTotal = classification.threshold.basis === 'all-absence' && !problematicOnly;
  return {
    periodDays,
    totalDays,
    totalPercent: percentOf(totalDays),
    problematicDays,
    problematicPercent: percentOf(problematicDays),
    categories: categories.map((c) => ({ ...c, percent: percentOf(c.days) })),
    dominant: mostDays > 0 ? categories.filter((c) => c.days === mostDays).map((c) => c.id) : [],
    thresholdPercent,
    thresholdForTotal,
    totalFlagged: known && thresholdForTotal ? reaches(totalDays) : null,
    problematicFlagged: known ? reaches(problematicDays) : null,
  };
}
