/**
 * One job in a dedicated Web Worker, for work that would otherwise freeze the page for longer than
 * a frame or two (the research export, the PDF report): the page posts plain data (copied by
 * structured clone), the worker sends notes on the way (a step, a share done) and then the result
 * or the words of its failure. A worker is ended when it answers (unless kept for the next job),
 * fails or is cancelled: its memory goes with it. A worker is a same-origin module file under assets/, which the content
 * security policy (worker-src 'self') allows and the service worker precaches, so it works
 * offline. Both sides of the protocol are here; each worker file imports only `serveWorkerJob`.
 */

export type WorkerReply<Result, Note> = { type: 'note'; note: Note } | { type: 'done'; result: Result } | { type: 'failed'; message: string };

export interface WorkerJobControl<Note> {
  onNote?: (note: Note) => void;
  /** Aborting ends the worker; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Leave the worker running after it answered, for the next job (it is ended all the same when it fails). */
  keep?: boolean;
}

/**
 * Runs one job in the worker `start` makes (`new Worker(new URL('./x.ts', import.meta.url), …)`
 * written out at the caller, where Vite finds and bundles it). `name` goes into the error messages.
 */
export function runWorkerJob<Request, Result, Note>(
  name: string,
  start: () => Worker,
  request: Request,
  { onNote, signal, keep = false }: WorkerJobControl<Note> = {},
): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = start();
    const settle = (then: () => void, end = true) => {
      if (end) worker.terminate();
      signal?.removeEventListener('abort', abort);
      then();
    };
    const abort = () => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = ({ data }: MessageEvent<WorkerReply<Result, Note>>) => {
      if (data.type === 'note') onNote?.(data.note);
      else if (data.type === 'done') settle(() => resolve(data.result), !keep);
      else settle(() => reject(new Error(`${name}: ${data.message}`)));
    };
    // A worker that cannot start or dies outside the job's own try (out of memory) lands here.
    worker.onerror = (event) => {
      event.preventDefault();
      settle(() => reject(new Error(`${name}: ${event.message || 'failed to run'}`)));
    };
    worker.onmessageerror = () => settle(() => reject(new Error(`${name}: unreadable reply`)));
    worker.postMessage(request);
  });
}

/** The part of a dedicated worker's global scope used here (the project's types are the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/**
 * The worker's side: runs `job` on the request that arrives, and answers with its result (moving
 * the buffers `transfer` names instead of copying them) or, when it throws, with its message; a
 * failure is reported, not thrown, so the screen can say so and nothing is saved.
 */
export function serveWorkerJob<Request, Result, Note>(
  job: (request: Request, note: (note: Note) => void) => Result | Promise<Result>,
  transfer: (result: Result) => Transferable[] = () => [],
): void {
  const scope = self as unknown as WorkerScope;
  const reply = (message: WorkerReply<Result, Note>, moved: Transferable[] = []) => scope.postMessage(message, moved);
  scope.onmessage = async ({ data }: MessageEvent<Request>) => {
    try {
      const result = await job(data, (note) => reply({ type: 'note', note }));
      reply({ type: 'done', result }, transfer(result));
    } catch (error) {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
