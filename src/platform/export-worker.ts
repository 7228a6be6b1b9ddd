/**
 * The research export's worker (started by run-in-worker.ts): plain data in, the streamed build,
 * the zip out as a Blob, and the step and share of rows written meanwhile. A failure is reported,
 * not thrown, so the screen can say so and nothing is saved.
 */
import { buildZip } from './export-zip';
import type { BuildReply, BuildRequest } from './run-in-worker';

/** The part of a dedicated worker's global scope used here (the project's types are the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<BuildRequest>) => void) | null;
  postMessage(message: BuildReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  try {
    const built = buildZip(data.input, data.options, {
      onStep: (step) => scope.postMessage({ type: 'step', step }),
      onProgress: (share) => scope.postMessage({ type: 'progress', share }),
    });
    scope.postMessage({ type: 'done', built });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
