/**
 * Colours and non-colour cues for every chart, the same on screen and in the PDF. Colours are the
 * Okabe–Ito palette (safe for the common colour-vision deficiencies); every series also has its
 * own marker, fill pattern and line dash, so it can be told apart in greyscale print too.
 */
import type { InformantKind } from '../scoring/types';
import type { SeriesKey } from './types';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** A neutral grey for "not problematic" and for threshold lines' labels (not an Okabe–Ito colour). */
export const NEUTRAL_GREY = '#6B6B6B';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';
export type FillPattern = 'solid' | 'diagonal' | 'dots' | 'crosshatch' | 'horizontal' | 'vertical';

export interface SeriesStyle {
  /** A hex colour, "#RRGGBB". */
  color: string;
  marker: MarkerShape;
  pattern: FillPattern;
  /** Line dash as on-off lengths in px; empty: a solid line. */
  dash: number[];
}

const INFORMANT_STYLES: Record<SeriesKey, SeriesStyle> = {
  child: { color: OKABE_ITO.blue, marker: 'circle', pattern: 'solid', dash: [] },
  mother: { color: OKABE_ITO.vermillion, marker: 'square', pattern: 'diagonal', dash: [6, 3] },
  father: { color: OKABE_ITO.bluishGreen, marker: 'triangle', pattern: 'dots', dash: [2, 2] },
  parent: { color: OKABE_ITO.skyBlue, marker: 'triangle', pattern: 'horizontal', dash: [8, 3, 2, 3] },
  'other-caregiver': { color: OKABE_ITO.reddishPurple, marker: 'diamond', pattern: 'vertical', dash: [4, 4] },
  teacher: { color: OKABE_ITO.orange, marker: 'cross', pattern: 'horizontal', dash: [10, 4] },
  practitioner: { color: NEUTRAL_GREY, marker: 'cross', pattern: 'vertical', dash: [1, 3] },
  combined: { color: OKABE_ITO.black, marker: 'star', pattern: 'crosshatch', dash: [] },
};

export function informantStyle(key: SeriesKey | InformantKind): SeriesStyle {
  return INFORMANT_STYLES[key];
}

/** Styles for the n-th series of a chart whose series are scales (functions over time, absence categories). */
const SERIES_STYLES: SeriesStyle[] = [
  { color: OKABE_ITO.blue, marker: 'circle', pattern: 'solid', dash: [] },
  { color: OKABE_ITO.vermillion, marker: 'square', pattern: 'diagonal', dash: [6, 3] },
  { color: OKABE_ITO.bluishGreen, marker: 'triangle', pattern: 'dots', dash: [2, 2] },
  { color: OKABE_ITO.reddishPurple, marker: 'diamond', pattern: 'crosshatch', dash: [8, 3, 2, 3] },
  { color: OKABE_ITO.orange, marker: 'cross', pattern: 'horizontal', dash: [10, 4] },
  { color: OKABE_ITO.skyBlue, marker: 'star', pattern: 'vertical', dash: [4, 4] },
  { color: OKABE_ITO.black, marker: 'circle', pattern: 'crosshatch', dash: [1, 3] },
];

export function seriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[((index % SERIES_STYLES.length) + SERIES_STYLES.length) % SERIES_STYLES.length]!;
}

/** The two ratings of a quality/function chart (intensity, impact), and a scale high on both. */
export const RATING_STYLES: SeriesStyle[] = [
  { color: OKABE_ITO.skyBlue, marker: 'circle', pattern: 'solid', dash: [] },
  { color: OKABE_ITO.vermillion, marker: 'square', pattern: 'diagonal', dash: [] },
];

/** Problematic absence categories are warm colours, legitimate and unclassified ones cool or grey. */
const ABSENCE_STYLES: Record<string, SeriesStyle> = {
  refusal: { color: OKABE_ITO.vermillion, marker: 'square', pattern: 'solid', dash: [] },
  truancy: { color: OKABE_ITO.orange, marker: 'triangle', pattern: 'diagonal', dash: [] },
  withdrawal: { color: OKABE_ITO.reddishPurple, marker: 'diamond', pattern: 'dots', dash: [] },
  exclusion: { color: OKABE_ITO.yellow, marker: 'cross', pattern: 'crosshatch', dash: [] },
  legitimate: { color: OKABE_ITO.skyBlue, marker: 'circle', pattern: 'horizontal', dash: [] },
  unclassified: { color: NEUTRAL_GREY, marker: 'star', pattern: 'vertical', dash: [] },
};

/** Absence categories of the shipped checklist have fixed styles; others take the n-th series style. */
export function absenceStyle(categoryId: string, index: number): SeriesStyle {
  return ABSENCE_STYLES[categoryId] ?? seriesStyle(index);
}

/** The threshold line: black, dashed. */
export const THRESHOLD_STYLE: SeriesStyle = { color: OKABE_ITO.black, marker: 'cross', pattern: 'solid', dash: [6, 4] };
