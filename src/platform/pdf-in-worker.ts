/**
 * Draws the report's PDF in a Web Worker (src/platform/worker-job.ts): jsPDF, the font and the
 * drawing stay off the page's main thread. Drawn in slices there, the last slice and jsPDF's
 * output (fonts subset and every page compressed, one call) still froze the page for 100–220 ms on
 * a 26-page report (docs/performance.md, PDF; issue 14 asks for no task over 100 ms). The document
 * is plain data and the font files are copied; the PDF's bytes come back moved, not copied.
 */
import type { ReportDocument } from '../report/document';
import type { DrawnPdf, ReportFonts } from '../report/pdf';
import { runWorkerJob } from './worker-job';

export interface DrawRequest {
  document: ReportDocument;
  fonts: ReportFonts;
}

export type PdfDrawer = (document: ReportDocument, fonts: ReportFonts, onProgress?: (share: number) => void) => Promise<DrawnPdf>;

const startWorker = () => new Worker(new URL('./pdf-worker.ts', import.meta.url), { type: 'module', name: 'polku-pdf' });

/**
 * The report screen's worker: started when the screen opens, so that jsPDF (450 kB) is loaded while
 * the practitioner chooses what to print, and kept until it closes. A worker per PDF was slower
 * than drawing on the main thread (about 600 against 300 ms): every new worker runs jsPDF cold,
 * where a kept one has it compiled and optimised from the PDFs before.
 */
let kept: Worker | undefined;
let screensOpen = 0;
let drawing = false;

function retire(): void {
  kept?.terminate();
  kept = undefined;
}

/** Called when a report screen opens; what it returns, when it closes. */
export function keepPdfWorkerReady(): () => void {
  if (typeof Worker === 'undefined') return () => undefined;
  screensOpen += 1;
  kept ??= startWorker();
  return () => {
    screensOpen -= 1;
    if (screensOpen === 0 && !drawing) retire();
  };
}

export const drawPdfInWorker: PdfDrawer = async (document, fonts, onProgress) => {
  // Node and jsdom (the unit and component tests) have no Worker: the same drawing, in-process.
  if (typeof Worker === 'undefined') return import('../report/pdf').then(({ renderPdf }) => renderPdf(document, fonts, { onProgress }));
  const request = { document, fonts };
  // No screen open, or a PDF already being drawn: a worker for this PDF alone.
  if (screensOpen === 0 || drawing) return runWorkerJob<DrawRequest, DrawnPdf, number>('PDF worker', startWorker, request, { onNote: onProgress });
  drawing = true;
  const worker = (kept ??= startWorker());
  try {
    return await runWorkerJob<DrawRequest, DrawnPdf, number>('PDF worker', () => worker, request, { onNote: onProgress, keep: true });
  } catch (error) {
    // Ended by the job on failure: the next PDF starts a new one.
    if (kept === worker) kept = undefined;
    throw error;
  } finally {
    drawing = false;
    if (screensOpen === 0) retire();
  }
};
