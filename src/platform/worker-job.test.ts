import { ScriptedWorker } from '../../tests/support/scripted-worker';
import { runWorkerJob } from './worker-job';

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
