/**
 * The words around a primary function that every place says the same way (case results, charts,
 * the plan's starting points, the report): why no function stands out, why a primary is only
 * provisional, and which forms the case's driving profile rests on. Pure: summary lines only.
 */
import type { Language } from '../instrument/schema';
import { localize } from '../instrument/text';
import { rankRules } from '../scoring/ranking';
import type { NoPrimaryReason, ProvisionalReason } from '../scoring/types';
import type { DrivingChoice } from './types';
import { scaleLabel } from './scored';
import { dateValue, informantValue, listValue, numberValue, text, type SummaryLine } from './summary';

export interface PrimaryStatus {
  primary: readonly string[];
  noPrimary?: NoPrimaryReason;
  provisional?: readonly ProvisionalReason[];
  tieMargin: number;
  floor: number;
}

/** "No function stands out …" when there is no primary; "Provisional: …" lines when it is provisional. */
export function primaryStatusLines(status: PrimaryStatus, labelOf: (scaleId: string) => string): SummaryLine[] {
  const lines: SummaryLine[] = [];
  if (status.primary.length === 0) {
    const reason = status.noPrimary ?? 'none-scored';
    lines.push({ key: `summary.primaryStatus.${reason}`, values: { floor: numberValue(status.floor, 2), margin: numberValue(status.tieMargin, 2) } });
    return lines;
  }
  for (const reason of status.provisional ?? []) {
    lines.push({
      key: reason.kind === 'unscorable' ? 'summary.primaryStatus.unscorable' : 'summary.primaryStatus.oneInformant',
      count: reason.scales.length,
      values: { scales: listValue(reason.scales.map((id) => text(labelOf(id), true))) },
    });
  }
  return lines;
}

/** The case's driving profile in words: which forms, its primary function (or why none), provisional, not validated. */
export function drivingSummary(choice: DrivingChoice, language: Language): SummaryLine[] {
  const driving = choice.driving;
  if (!driving) return [{ key: 'summary.driving.none', values: {} }];
  const labelOf = (id: string) => scaleLabel(driving.definition, id, language);
  const lines: SummaryLine[] = [];
  if (choice.choiceGone) lines.push({ key: 'summary.driving.choiceGone', values: {} });
  lines.push({ key: choice.chosen ? 'summary.driving.chosen' : 'summary.driving.default', count: driving.forms.length, values: {} });
  for (const form of driving.forms) {
    lines.push({
      key: 'summary.driving.form',
      values: {
        title: text(localize(form.definition.title, language).text),
        version: text(form.definition.version),
        informant: informantValue(form.informant, true),
        date: dateValue(form.date),
      },
    });
  }
  const { combined } = driving;
  const rules = { primary: combined.primary, tieMargin: combined.tieMargin, floor: driving.definition.profile ? rankRules(driving.definition.profile).floor : 1 };
  if (combined.primary.length > 0) {
    lines.push({ key: 'summary.driving.primary', count: combined.primary.length, values: { scales: listValue(combined.primary.map((id) => text(labelOf(id), true))) } });
  }
  lines.push(
    ...primaryStatusLines(
      { ...rules, ...(combined.noPrimary ? { noPrimary: combined.noPrimary } : {}), ...(combined.provisional ? { provisional: combined.provisional } : {}) },
      labelOf,
    ),
  );
  if (driving.forms.some((f) => !f.definition.validated)) lines.push({ key: 'summary.driving.notValidated', values: {} });
  return lines;
}
