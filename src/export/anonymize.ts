/**
 * Dates become ages and intervals. Exact dates never leave the device: an administration is
 * described by the child's age in whole years, the days since the case's first questionnaire
 * (or, if chosen, only the calendar year and month), and — if chosen — the nominal school year.
 */
import { ageOn } from '../format/locale';

const DAY = 24 * 60 * 60 * 1000;

/** The local calendar day of a timestamp, "YYYY-MM-DD" (a school day is a local day). */
export function localDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole calendar days from one timestamp's local day to another's (daylight saving does not shift it). */
export function daysBetween(fromIso: string, toIso: string): number {
  const day = (iso: string) => {
    const d = new Date(iso);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  return Math.round((day(toIso) - day(fromIso)) / DAY);
}

export function yearMonth(iso: string): string {
  return localDate(iso).slice(0, 7);
}

export function ageAt(birthYear: number, birthMonth: number | undefined, iso: string): number {
  return ageOn(birthYear, birthMonth, new Date(iso));
}

/**
 * Three-year bands that follow the Finnish and Swedish school stages: ≤ 6 pre-school, 7–9 grades
 * 1–3, 10–12 grades 4–6, 13–15 grades 7–9, 16–18 upper secondary, 19 and over. A band is written
 * as its lowest age (a number: "7-9" would turn into a date in Excel); the codebook gives the range.
 */
export const AGE_BANDS: readonly { from: number; to: number | null }[] = [
  { from: 0, to: 6 },
  { from: 7, to: 9 },
  { from: 10, to: 12 },
  { from: 13, to: 15 },
  { from: 16, to: 18 },
  { from: 19, to: null },
];

export function ageBand(age: number): number {
  let band = AGE_BANDS[0]!.from;
  for (const b of AGE_BANDS) if (age >= b.from) band = b.from;
  return band;
}

export function ageBandLabel(from: number): string {
  const band = AGE_BANDS.find((b) => b.from === from);
  if (!band) return String(from);
  if (band.to === null) return `${band.from} years or older`;
  return band.from === 0 ? `${band.to} years or younger` : `${band.from}–${band.to} years`;
}

/**
 * The nominal school year (grade) on a date: in Finland and Sweden grade 1 starts in August of
 * the year the child turns 7, so it depends on the birth year only. 0 is pre-school or younger.
 * Polku stores no grade, and a pupil who repeated or skipped a year is not reflected here.
 */
export function nominalSchoolYear(birthYear: number, iso: string): number {
  const d = new Date(iso);
  const schoolYearStart = d.getMonth() + 1 >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  return Math.max(0, schoolYearStart - birthYear - 6);
}

const ROLES: Record<string, string> = { mother: 'parent', father: 'parent', 'other-caregiver': 'parent' };

/** Mother, father and other caregivers become "parent"; the others stay as they are. */
export function informantRole(informant: string): string {
  return ROLES[informant] ?? informant;
}
