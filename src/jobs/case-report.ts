/**
 * Making a case's report: read the case (one read-only transaction: making a report never changes
 * stored data), build the document (src/report/model.ts, pure), then load jsPDF and the font and
 * draw it (src/report/pdf.ts). jsPDF and the font are loaded here, on demand, never with the first screen.
 */
import type { PolkuDatabase } from '../storage/db';
import { StorageError } from '../storage/errors';
import { readSettings } from '../storage/settings';
import { PROBLEMATIC_ONLY_PRESETS, thresholdPercent } from '../scoring/thresholds';
import type { DefinitionSource } from '../charts';
import { buildReport, reportFileName, type ReportInput, type ReportOptions, type Translate } from '../report/model';
import type { ReportFonts } from '../report/pdf';

export type ReportStage = 'load' | 'fonts' | 'draw';

export interface MakeReportRequest {
  db: PolkuDatabase;
  caseId: string;
  /** The catalog (Catalog fits): every administration is scored with its exact id@version. */
  definitions: DefinitionSource;
  options: ReportOptions;
  /** Texts in the report's language: namespaces report (default), charts, plans, attendance, cases, common. */
  t: Translate;
  madeAt?: Date;
  /** The font files; default: fetched as built assets (browser). In Node pass loadNodeFonts (src/report/node-fonts.ts). */
  fonts?: () => Promise<ReportFonts>;
  onProgress?: (stage: ReportStage) => void;
}

export interface MadeReport {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  pages: number;
}

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

export async function makeCaseReport(request: MakeReportRequest): Promise<MadeReport> {
  const madeAt = request.madeAt ?? new Date();
  request.onProgress?.('load');
  const input = await readReportInput(request.db, request.caseId, request.definitions, madeAt);
  const document = buildReport(input, request.options, request.t);
  request.onProgress?.('fonts');
  const [{ renderPdf }, fonts] = await Promise.all([import('../report/pdf'), (request.fonts ?? defaultFonts)()]);
  request.onProgress?.('draw');
  const { bytes, pages } = renderPdf(document, fonts);
  return { bytes, pages, fileName: reportFileName(input.caseRecord.code, madeAt, request.options.language) };
}

async function defaultFonts(): Promise<ReportFonts> {
  const { loadBrowserFonts } = await import('../platform/report-fonts');
  return loadBrowserFonts();
}

/** A failure for want of memory (a huge case on a small device) gets its own message. */
export function isOutOfMemory(error: unknown): boolean {
  if (error instanceof RangeError) return true;
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /out of memory|allocation failed|array buffer allocation|invalid (typed )?array length|invalid string length/i.test(text);
}
