import { ScriptedWorker } from '../../tests/support/scripted-worker';
import type { ReportDocument } from '../report/document';
import { drawPdfInWorker, keepPdfWorkerReady } from './pdf-in-worker';

beforeEach(() => {
  ScriptedWorker.made = [];
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
