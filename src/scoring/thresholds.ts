/**
 * Problematic-absence threshold presets (domain.md, "Attendance thresholds people use").
 * Thresholds differ by country, so they are a setting; `custom` takes the practitioner's own.
 */
export const THRESHOLD_PRESETS = {
  /** Local thresholds are set by municipalities, often in hours (e.g. Turku: 30 h, 50 h); 10 % until adjusted. */
  finland: 10,
  /** Often suggested for Skollagen 7 kap 19a §. */
  sweden: 15,
  /** Persistent absence: ≥ 10 % of possible sessions. */
  england: 10,
  /** Chronic absence: ≥ 10 % of enrolled days (Attendance Works). */
  us: 10,
  /** Kearney 2008, problematic absenteeism: ≥ 25 % of school time. */
  kearney: 25,
} as const;

export type ThresholdPreset = keyof typeof THRESHOLD_PRESETS | 'custom';
export const THRESHOLD_PRESET_IDS = [...(Object.keys(THRESHOLD_PRESETS) as (keyof typeof THRESHOLD_PRESETS)[]), 'custom'] as const;

export function thresholdPercent(preset: ThresholdPreset, customPercent: number): number {
  return preset === 'custom' ? customPercent : THRESHOLD_PRESETS[preset];
}

/** Presets whose threshold is defined for problematic absence only (Kearney 2008: problematic absenteeism). */
export const PROBLEMATIC_ONLY_PRESETS: readonly ThresholdPreset[] = ['kearney'];

/** Scoring options for the absence threshold a setting chose. */
export function absenceThresholdOptions(preset: ThresholdPreset, customPercent: number): { absenceThresholdPercent: number; absenceThresholdProblematicOnly: boolean } {
  return { absenceThresholdPercent: thresholdPercent(preset, customPercent), absenceThresholdProblematicOnly: PROBLEMATIC_ONLY_PRESETS.includes(preset) };
}
