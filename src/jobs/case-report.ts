/**
 * Making a case's report, a job (docs/architecture.md): read the case (src/storage/report-input.ts,
 * one read-only transaction: making a report never changes stored data), build the document
 * (src/report/model.ts, pure), then load the font and draw it (src/report/pdf.ts) in a worker
 * (src/platform/pdf-in-worker.ts): jsPDF never loads on the page's main thread, and the font only
 * when a report is made.
 */
import type { PolkuDatabase } from '../storage/db';
import { readReportInput } from '../storage/report-input';
import type { DefinitionSource } from '../charts';
import { buildReport, reportFileName, type ReportOptions, type Translate } from '../report/model';
import type { ReportFonts } from '../report/pdf';
import { drawPdfInWorker } from '../platform/pdf-in-worker';

/** While a report screen is open, the drawing is made ready ahead (src/platform/pdf-in-worker.ts); returns the release. */
export { keepPdfWorkerReady as keepReportDrawingReady } from '../platform/pdf-in-worker';

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
  /** The stage, and while drawing the share of the document drawn (0–1). */
  onProgress?: (stage: ReportStage, share?: number) => void;
}

export interface MadeReport {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  pages: number;
}

export async function makeCaseReport(request: MakeReportRequest): Promise<MadeReport> {
  const madeAt = request.madeAt ?? new Date();
  request.onProgress?.('load');
  const input = await readReportInput(request.db, request.caseId, request.definitions, madeAt);
  const document = buildReport(input, request.options, request.t);
  request.onProgress?.('fonts');
  const fonts = await (request.fonts ?? defaultFonts)();
  request.onProgress?.('draw', 0);
  const { bytes, pages } = await drawPdfInWorker(document, fonts, (share) => request.onProgress?.('draw', share));
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
