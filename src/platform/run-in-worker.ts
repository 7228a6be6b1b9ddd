/**
 * Builds and zips a research export in a Web Worker (src/platform/worker-job.ts). For a thousand
 * cases that is seconds of work (docs/performance.md, part 6); on the main thread the screen would
 * neither repaint nor take input meanwhile. The worker gets the export input and options, says how
 * far it is, and hands back the zip as a Blob made from the streamed zip's parts (its bytes need
 * not stay in the JS heap), with the facts for the audit trail.
 */
import type { BuildProgress, BuildStep } from '../export/build';
import type { ExportInput, ExportOptions } from '../export/types';
import { buildZip, type BuiltZip } from './export-zip';
import { runWorkerJob } from './worker-job';

export type { BuiltZip } from './export-zip';

export interface BuildRequest {
  input: ExportInput;
  options: ExportOptions;
}

/** What the export worker says on the way: the step it is at, or the share of rows written. */
export type BuildNote = { step: BuildStep } | { share: number };

export interface BuildControl extends BuildProgress {
  /** Aborting ends the worker; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type BuildRunner = (input: ExportInput, options: ExportOptions, control?: BuildControl) => Promise<BuiltZip>;

export const buildInWorker: BuildRunner = (input, options, { onStep, onProgress, signal } = {}) => {
  // Node and jsdom (the unit and component tests) have no Worker. They run the same pure builder
  // in-process, so they check the very files the worker makes and the storage phases around it.
  if (typeof Worker === 'undefined') {
    return Promise.resolve().then(() => {
      signal?.throwIfAborted();
      return buildZip(input, options, { onStep, onProgress });
    });
  }
  return runWorkerJob<BuildRequest, BuiltZip, BuildNote>(
    'export worker',
    () => new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module', name: 'polku-export' }),
    { input, options },
    { signal, onNote: (note) => ('step' in note ? onStep?.(note.step) : onProgress?.(note.share)) },
  );
};
