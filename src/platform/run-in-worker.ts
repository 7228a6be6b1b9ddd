/**
 * Builds and zips a research export in a Web Worker. For a thousand cases that is seconds of work
 * (docs/performance.md, part 6); on the main thread the screen would neither repaint nor take
 * input meanwhile. The worker gets plain data (the export input and options, copied by structured
 * clone) and hands back the zip, transferred rather than copied, with the facts for the audit
 * trail. One worker per export, ended when it answers: its memory (hundreds of MB at that size)
 * goes with it. The worker is a same-origin module file under assets/, which the content security
 * policy (worker-src 'self') allows and the service worker precaches, so it works offline.
 */
import { buildAndZip, type BuildStep, type BuiltExport } from '../export/build';
import type { ExportInput, ExportOptions } from '../export/types';

export interface BuildRequest {
  input: ExportInput;
  options: ExportOptions;
}

export type BuildReply = { type: 'step'; step: BuildStep } | { type: 'done'; built: BuiltExport } | { type: 'failed'; message: string };

export interface BuildControl {
  onStep?: (step: BuildStep) => void;
  /** Aborting ends the worker; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type BuildRunner = (input: ExportInput, options: ExportOptions, control?: BuildControl) => Promise<BuiltExport>;

export const buildInWorker: BuildRunner = (input, options, { onStep, signal } = {}) => {
  // Node and jsdom (the unit and component tests) have no Worker. They run the same pure builder
  // in-process, so they check the very files the worker makes and the storage phases around it.
  if (typeof Worker === 'undefined') {
    return Promise.resolve().then(() => {
      signal?.throwIfAborted();
      return buildAndZip(input, options, onStep);
    });
  }
  return new Promise<BuiltExport>((resolve, reject) => {
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
