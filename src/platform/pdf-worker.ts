/** The PDF report's worker (started by pdf-in-worker.ts): the document and fonts in, the PDF's bytes out, the share drawn meanwhile. */
import { renderPdf, type DrawnPdf } from '../report/pdf';
import type { DrawRequest } from './pdf-in-worker';
import { serveWorkerJob } from './worker-job';

/**
 * The share drawn is told at most this often: a note per block (a hundred and more) made the page
 * render the progress bar a hundred times, and the finished PDF's message waited behind them.
 */
const NOTE_EVERY_MS = 50;

serveWorkerJob<DrawRequest, DrawnPdf, number>(
  ({ document, fonts }, note) => {
    let told = performance.now();
    const progress = (share: number) => {
      const now = performance.now();
      if (now - told < NOTE_EVERY_MS) return;
      told = now;
      note(share);
    };
    // No pauses between slices: nothing else runs on this thread.
    return renderPdf(document, fonts, { onProgress: progress, sliceMs: Number.POSITIVE_INFINITY });
  },
  (drawn) => [drawn.bytes.buffer],
);
