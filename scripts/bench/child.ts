/**
 * Runs a part of the bench in a fresh Node process, so that its peak RSS
 * (process.resourceUsage().maxRSS, which never goes down) is its own and not the scoring part's.
 * The child answers with one line: RESULT followed by JSON.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RESULT = '@@bench-result ';

/** True when the module is the script Node was started with (not imported). */
export const isMain = (moduleUrl: string): boolean => process.argv[1] === fileURLToPath(moduleUrl);

/** In the child: hands the figures back to the parent. */
export function reply(value: unknown): void {
  process.stdout.write(`${RESULT}${JSON.stringify(value)}\n`);
}

/** Peak resident set size of this process so far, in bytes. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** In the child: a full collection first, when Node was started with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Runs `script` (a .ts file) under tsx in a new Node process with --expose-gc and returns what it
 * replied. Its other output is dropped; on failure the first line of its error is thrown.
 */
export function inChild<T>(script: string, cwd: string, timeoutMs = 300_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish in ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (code === 0 && line) return resolve(JSON.parse(line.slice(RESULT.length)) as T);
      const why = stderr.split('\n').find((l) => /error/i.test(l)) ?? stderr.trim().split('\n')[0] ?? '';
      reject(new Error(`${script} exited with ${code ?? 'a signal'}${why ? `: ${why.trim()}` : ''}`));
    });
  });
}
