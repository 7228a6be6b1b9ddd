/**
 * The research export's worker (started by run-in-worker.ts): plain data in, buildAndZip, the zip
 * out as a transferred buffer, and the step it is on meanwhile. A failure is reported, not thrown,
 * so the screen can say so and nothing is saved.
 */
import { buildAndZip } from '../export/build';
import type { BuildReply, BuildRequest } from './run-in-worker';

/** The part of a dedicated worker's global scope used here (the project's types are the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<BuildRequest>) => void) | null;
  postMessage(message: BuildReply, options?: StructuredSerializeOptions): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  try {
    const built = buildAndZip(data.input, data.options, (step) => scope.postMessage({ type: 'step', step }));
    scope.postMessage({ type: 'done', built }, { transfer: [built.zip.buffer as ArrayBuffer] });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
