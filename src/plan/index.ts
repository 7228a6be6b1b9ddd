/**
 * Gradual-return plans and the attendance log: the pure domain (no React, DOM or storage).
 * The plan editor, the attendance log, storage and the PDF report all build on this API.
 * Labels for the values here are in the "plans" namespace (plans:status.<StepStatus>,
 * plans:responsible.<StepResponsible>, plans:state.<PlanState>) and "attendance"
 * (attendance:unit.<AttendanceUnit>, attendance:distress.<morning|school|evening>).
 */
export { addDays, asLocalDate, dayNumber, fromDayNumber, isLocalDate, isoWeek, isoWeekday, localDateOf, schoolDaysOfWeek, weekStart, weeksBetween } from './dates';
export {
  attendanceWeekSchema,
  DISTRESS_TIMES,
  planContactSchema,
  planInputSchema,
  planReviewSchema,
  planStepSchema,
  type AttendanceDayInput,
  type AttendanceDayValues,
  type AttendanceWeekInput,
  type AttendanceWeekValues,
  type PlanFormValues,
  type PlanInput,
  type PlanStepFormValues,
} from './schema';
export {
  activeSteps,
  currentStepOn,
  markAchieved,
  moveStep,
  PLAN_STATES,
  planContentChanged,
  removeStep,
  reviseStep,
  revisionsAfterSave,
  setStepStatus,
  snapshotOf,
  summarizePlan,
  type PlanState,
  type PlanSummary,
} from './operations';
export {
  attendanceChartData,
  attendanceRange,
  attendanceTotals,
  isOverThreshold,
  planAttendance,
  planPeriod,
  thresholdRate,
  weekEntryValues,
  weeklyAttendance,
  type AttendanceChartData,
  type AttendanceChartMarker,
  type AttendanceChartPoint,
  type AttendanceDay,
  type AttendanceTotals,
  type Period,
  type PlanAttendance,
  type StepAttendance,
  type WeekAttendance,
} from './attendance';
export { planSuggestions, type PlanSuggestion } from './suggestions';
