/**
 * Chart data for the case's profiles, the same for the screen (recharts, src/ui/charts) and the
 * PDF report (jsPDF): pure functions from scored administrations to plain data — labels already
 * in the requested language, numbers unformatted, summaries as translatable lines, styles as
 * Okabe–Ito colours plus markers, fill patterns and dashes.
 *
 * Typical use:
 *   const scored = scoreAdministrations(records, catalog, { absenceThresholdPercent });
 *   for (const family of functionFamilies(scored)) informantComparison(scored, { family, margin, language });
 *   summaryText(line, { t, language, score, number, date })   // words for a SummaryLine
 * src/ui/charts/summary-format.ts builds the SummaryFormat from an i18next t and a language.
 */
export type { ChartAdministration, DefinitionSource, DrivingChoice, DrivingForm, DrivingProfile, ScoredAdministration, SeriesKey, ScaleRange } from './types';
export { scoreAdministrations, administrationDate, hasFunctionProfile, hasRatingSets } from './scored';
export { functionProfile, statusOf, type FunctionProfileData, type ProfileBar } from './function-profile';
export { primaryStatusLines, drivingSummary, type PrimaryStatus } from './primary-status';
export {
  TIME_POINT_DAYS,
  INFORMANT_ORDER,
  functionFamilies,
  timePoints,
  formsByInformant,
  combinedOf,
  informantComparison,
  type TimePoint,
  type TimePointInfo,
  type InformantColumn,
  type InformantCell,
  type InformantRow,
  type InformantDifference,
  type InformantComparisonData,
  type ComparisonOptions,
} from './informants';
export { drivingProfile } from './driving';
export { overTime, type OverTimeData, type OverTimePoint, type OverTimeSeries } from './over-time';
export { qualityFunction, type QualityFunctionData, type QualityGroup, type QualityScale, type QualityRating, type QualityValue } from './quality-function';
export { absenceOverTime, absenceFlagLines, type AbsenceData, type AbsencePoint, type AbsenceCategoryInfo } from './absence';
export {
  OKABE_ITO,
  NEUTRAL_GREY,
  RATING_STYLES,
  THRESHOLD_STYLE,
  absenceStyle,
  informantStyle,
  seriesStyle,
  type FillPattern,
  type MarkerShape,
  type SeriesStyle,
} from './palette';
export { CHARTS_NAMESPACE, summaryText, valueText, informantLabel, inSentence, type SummaryFormat, type SummaryLine, type SummaryValue } from './summary';
export { caseGlance, ATTENDANCE_DAYS, type CaseGlance, type GlanceInput, type GlancePlan } from './glance';
