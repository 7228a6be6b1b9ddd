/** What a case's report reads (src/jobs/case-report.ts makes it). */
import { PROBLEMATIC_ONLY_PRESETS, thresholdPercent } from '../scoring/thresholds';
import type { DefinitionSource } from '../charts';
import type { ReportInput } from '../report/model';
import type { PolkuDatabase } from './db';
import { StorageError } from './errors';
import { readSettings } from './settings';

/** Everything the report reads, in one read-only transaction. */
export async function readReportInput(db: PolkuDatabase, caseId: string, definitions: DefinitionSource, madeAt: Date): Promise<ReportInput> {
  return db.transaction('r', [db.cases, db.administrations, db.plans, db.attendance, db.settings], async () => {
    const caseRecord = await db.cases.get(caseId);
    if (!caseRecord) throw new StorageError('not-found', caseId);
    const [administrations, plans, attendance, settings] = await Promise.all([
      db.administrations.where('caseId').equals(caseId).toArray(),
      db.plans.where('caseId').equals(caseId).toArray(),
      db.attendance.where('caseId').equals(caseId).toArray(),
      readSettings(db),
    ]);
    return {
      caseRecord,
      administrations,
      definitions,
      plans: plans.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)),
      attendance: attendance.sort((a, b) => (a.date < b.date ? -1 : 1)),
      thresholdPercent: thresholdPercent(settings.thresholdPreset, settings.customThresholdPercent),
      thresholdProblematicOnly: PROBLEMATIC_ONLY_PRESETS.includes(settings.thresholdPreset),
      comparisonMargin: settings.comparisonMargin,
      madeAt,
    };
  });
}
