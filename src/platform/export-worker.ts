/**
 * The research export's worker (started by run-in-worker.ts): the export input in, the streamed
 * build, the zip out as a Blob, and the step and share of rows written meanwhile.
 */
import { buildZip, type BuiltZip } from './export-zip';
import type { BuildNote, BuildRequest } from './run-in-worker';
import { serveWorkerJob } from './worker-job';

serveWorkerJob<BuildRequest, BuiltZip, BuildNote>(({ input, options }, note) =>
  buildZip(input, options, { onStep: (step) => note({ step }), onProgress: (share) => note({ share }) }),
);
