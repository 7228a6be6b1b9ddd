import { runWorkerJob } from './worker-job';
import { drawPdfInWorker, keepPdfWorkerReady } from './pdf-in-worker';
import type { ReportDocument } from '../report/document';

/** A stand-in for a dedicated worker: answers each request with the notes and reply the test scripted. */
class ScriptedWorker {
  static made: ScriptedWorker[] = [];
  static script: (request: unknown) => unknown[] = () => [{ type: 'done', result: 'ok' }];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  requests: unknown[] = [];
  constructor(readonly url?: URL) {
    ScriptedWorker.made.push(this);
  }
  postMessage(request: unknown) {
    this.requests.push(request);
    for (const reply of ScriptedWorker.script(request)) setTimeout(() => this.onmessage?.({ data: reply }), 0);
  }
  terminate() {
    this.terminated = true;
  }
}

const asWorker = (worker: ScriptedWorker) => worker as unknown as Worker;

beforeEach(() => {
  ScriptedWorker.made = [];
  ScriptedWorker.script = () => [{ type: 'done', result: 'ok' }];
});

describe('runWorkerJob', () => {
  it('passes the notes on, resolves with the result and ends the worker, unless it is kept', async () => {
    ScriptedWorker.script = () => [
      { type: 'note', note: 0.5 },
      { type: 'note', note: 1 },
      { type: 'done', result: 42 },
    ];
    const notes: number[] = [];
    const worker = new ScriptedWorker();
    await expect(runWorkerJob('test worker', () => asWorker(worker), { n: 1 }, { onNote: (n: number) => notes.push(n) })).resolves.toBe(42);
    expect(notes).toEqual([0.5, 1]);
    expect(worker.requests).toEqual([{ n: 1 }]);
    expect(worker.terminated).toBe(true);

    const kept = new ScriptedWorker();
    await expect(runWorkerJob('test worker', () => asWorker(kept), {}, { keep: true })).resolves.toBe(42);
    expect(kept.terminated).toBe(false);
  });

  it('rejects with the worker name and its message when the job failed, and ends even a kept worker', async () => {
    ScriptedWorker.script = () => [{ type: 'failed', message: 'Invalid array length' }];
    const worker = new ScriptedWorker();
    await expect(runWorkerJob('PDF worker', () => asWorker(worker), {}, { keep: true })).rejects.toThrow('PDF worker: Invalid array length');
    expect(worker.terminated).toBe(true);
  });

  it('ends the worker at once when the job is cancelled', async () => {
    ScriptedWorker.script = () => [];
    const worker = new ScriptedWorker();
    const controller = new AbortController();
    const running = runWorkerJob('export worker', () => asWorker(worker), {}, { signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(running).rejects.toThrow('cancelled');
    expect(worker.terminated).toBe(true);
  });
});

describe('the PDF worker of the report screen', () => {
  const document = { language: 'en', title: 'T', header: 'H', footer: 'F', pageLabel: 'Page {page} of {pages}', subject: 'S', blocks: [] } satisfies ReportDocument;
  const fonts = { regular: new Uint8Array([0, 1, 0, 0]), bold: new Uint8Array([0, 1, 0, 0]) };
  const drawn = { bytes: new Uint8Array([37, 80, 68, 70]), pages: 1 };

  beforeEach(() => {
    vi.stubGlobal('Worker', ScriptedWorker);
    ScriptedWorker.script = () => [
      { type: 'note', note: 1 },
      { type: 'done', result: drawn },
    ];
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is started when the screen opens, draws every PDF while it stays open, and ends when it closes', async () => {
    const release = keepPdfWorkerReady();
    expect(ScriptedWorker.made).toHaveLength(1);
    expect(ScriptedWorker.made[0]!.url?.pathname).toMatch(/pdf-worker\.ts$/);
    const shares: number[] = [];
    await expect(drawPdfInWorker(document, fonts, (share) => shares.push(share))).resolves.toEqual(drawn);
    await expect(drawPdfInWorker(document, fonts)).resolves.toEqual(drawn);
    expect(shares).toEqual([1]);
    // One worker, kept: jsPDF compiled once, not once per PDF.
    expect(ScriptedWorker.made).toHaveLength(1);
    expect(ScriptedWorker.made[0]!.requests).toEqual([
      { document, fonts },
      { document, fonts },
    ]);
    expect(ScriptedWorker.made[0]!.terminated).toBe(false);
    release();
    expect(ScriptedWorker.made[0]!.terminated).toBe(true);
  });

  it('a screen closed while its PDF is drawn ends the worker once the PDF is there; without a screen a worker draws one PDF', async () => {
    const release = keepPdfWorkerReady();
    const drawing = drawPdfInWorker(document, fonts);
    release();
    expect(ScriptedWorker.made[0]!.terminated).toBe(false);
    await expect(drawing).resolves.toEqual(drawn);
    expect(ScriptedWorker.made[0]!.terminated).toBe(true);

    await expect(drawPdfInWorker(document, fonts)).resolves.toEqual(drawn);
    expect(ScriptedWorker.made).toHaveLength(2);
    expect(ScriptedWorker.made[1]!.terminated).toBe(true);
  });

  it('after a failed PDF the next one gets a new worker', async () => {
    const release = keepPdfWorkerReady();
    ScriptedWorker.script = () => [{ type: 'failed', message: 'out of memory' }];
    await expect(drawPdfInWorker(document, fonts)).rejects.toThrow('PDF worker: out of memory');
    ScriptedWorker.script = () => [{ type: 'done', result: drawn }];
    await expect(drawPdfInWorker(document, fonts)).resolves.toEqual(drawn);
    expect(ScriptedWorker.made).toHaveLength(2);
    expect(ScriptedWorker.made[0]!.terminated).toBe(true);
    expect(ScriptedWorker.made[1]!.terminated).toBe(false);
    release();
    expect(ScriptedWorker.made[1]!.terminated).toBe(true);
  });
});
