/**
 * Builds and zips a research export in a Web Worker. For a thousand cases that is seconds of work
 * (docs/performance.md, part 6); on the main thread the screen would neither repaint nor take
 * input meanwhile. The worker gets plain data (the export input and options, copied by structured
 * clone), says how far it is, and hands back the zip as a Blob made from the streamed zip's parts
 * (its bytes need not stay in the JS heap), with the facts for the audit trail. One worker per
 * export, ended when it answers or is cancelled: its memory goes with it. The worker is a
 * same-origin module file under assets/, which the content security policy (worker-src 'self')
 * allows and the service worker precaches, so it works offline.
 */
import type { BuildProgress, BuildStep } from '../export/build';
import type { ExportInput, ExportOptions } from '../export/types';
import { buildZip, type BuiltZip } from './export-zip';

export type { BuiltZip } from './export-zip';

export interface BuildRequest {
  input: ExportInput;
  options: ExportOptions;
}

export type BuildReply = { type: 'step'; step: BuildStep } | { type: 'progress'; share: number } | { type: 'done'; built: BuiltZip } | { type: 'failed'; message: string };

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
  return new Promise<BuiltZip>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module', name: 'polku-export' });
    const settle = (then: () => void) => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
      then();
    };
    const abort = () => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = ({ data }: MessageEvent<BuildReply>) => {
      if (data.type === 'step') onStep?.(data.step);
      else if (data.type === 'progress') onProgress?.(data.share);
      else if (data.type === 'done') settle(() => resolve(data.built));
      else settle(() => reject(new Error(`export worker: ${data.message}`)));
    };
    // A worker that cannot start or dies outside the builder's own try (out of memory) lands here.
    worker.onerror = (event) => {
      event.preventDefault();
      settle(() => reject(new Error(`export worker: ${event.message || 'failed to run'}`)));
    };
    worker.onmessageerror = () => settle(() => reject(new Error('export worker: unreadable reply')));
    worker.postMessage({ input, options } satisfies BuildRequest);
  });
};
