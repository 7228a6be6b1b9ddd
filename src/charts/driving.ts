/**
 * Which profile drives the case: the plan's starting points and the report's "what the primary
 * function suggests" read their primary function from it. Pure.
 *
 * Our decisions (docs/scoring.md, "Which profile drives the case"):
 * - Candidates are the time points (TIME_POINT_DAYS rule, src/charts/informants.ts) of every
 *   family with a function-style profile: the function forms ("function") and the SRAS-R keys
 *   ("srasr"). A key and function forms are different questionnaires and are never averaged
 *   together, even when given in the same fortnight.
 * - The default is the most recent time point (by its latest form). When the latest time point of
 *   another family overlaps it (its latest form within TIME_POINT_DAYS of the most recent form),
 *   the one resting on more informants wins, so one typed key does not hide three informants'
 *   forms; with equally many, the most recent stays.
 * - Its profile is combineProfiles() over the latest form of each informant of that time point,
 *   also when there is only one informant (then every function rests on one informant and the
 *   primary is provisional).
 * - The clinician may choose any other candidate by its key; a chosen key that no longer exists
 *   (a form was deleted) falls back to the default, and the result says so.
 */
import { combineProfiles } from '../scoring/combine';
import { TIME_POINT_DAYS, formsByInformant, functionFamilies, timePoints, type TimePoint } from './informants';
import { reference } from './scored';
import type { DrivingChoice, DrivingProfile, ScoredAdministration } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function candidate(family: string, point: TimePoint): DrivingProfile | null {
  const forms = formsByInformant(point);
  const newest = [...forms].sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
  if (!newest?.definition.profile) return null;
  const combined = combineProfiles(
    family,
    newest.definition.profile,
    forms.map((s) => ({ informant: s.administration.informant, report: s.report })),
  );
  const included = forms.filter((s) => combined.informants.includes(s.administration.informant));
  return {
    key: `${family}:${point.members[0]!.administration.id}`,
    family,
    definition: newest.definition,
    start: point.start,
    end: point.end,
    forms: included.map((s) => ({
      administrationId: s.administration.id,
      informant: s.administration.informant,
      instrument: reference(s.definition),
      definition: s.definition,
      date: s.date,
    })),
    combined,
  };
}

export function drivingProfile(scored: readonly ScoredAdministration[], choice?: string | null): DrivingChoice {
  const options = functionFamilies(scored)
    .flatMap((family) => timePoints(scored, family).flatMap((point) => candidate(family, point) ?? []))
    .filter((o) => o.forms.length > 0)
    .sort((a, b) => Date.parse(b.end) - Date.parse(a.end) || a.key.localeCompare(b.key));
  const newest = options[0];
  let fallback: DrivingProfile | null = newest ?? null;
  if (newest) {
    // Latest time point per family, overlapping the newest one: more informants win.
    const latestPerFamily = new Map<string, DrivingProfile>();
    for (const o of options) if (!latestPerFamily.has(o.family)) latestPerFamily.set(o.family, o);
    for (const o of latestPerFamily.values()) {
      if (Date.parse(newest.end) - Date.parse(o.end) <= TIME_POINT_DAYS * DAY_MS && o.forms.length > fallback!.forms.length) fallback = o;
    }
  }
  const picked = choice ? options.find((o) => o.key === choice) : undefined;
  return { options, driving: picked ?? fallback, chosen: picked !== undefined, choiceGone: Boolean(choice) && picked === undefined };
}
