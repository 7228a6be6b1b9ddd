/** The PDF report's worker (started by pdf-in-worker.ts): the document and fonts in, the PDF's bytes out, the share drawn meanwhile. */
import { renderPdf, type DrawnPdf } from '../report/pdf';
import type { DrawRequest } from './pdf-in-worker';
import { serveWorkerJob } from './worker-job';

serveWorkerJob<DrawRequest, DrawnPdf, number>(
  // No pauses between slices: nothing else runs on this thread.
  ({ document, fonts }, note) => renderPdf(document, fonts, { onProgress: note, sliceMs: Number.POSITIVE_INFINITY }),
  (drawn) => [drawn.bytes.buffer],
);
