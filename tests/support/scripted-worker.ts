/** A stand-in for a dedicated worker (Node has none): answers each request with the notes and reply the test scripted. */
export class ScriptedWorker {
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
