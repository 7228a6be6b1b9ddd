/** File access for the command-line tools (Node only; the pure modules never import this). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import enValidation from '../../locales/en/validation.json';
import { formatProblem, parseJson, validateDefinition, type Problem } from '../instrument/validate';
import type { InstrumentDefinition } from '../instrument/schema';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const instrumentsDir = join(repoRoot, 'instruments');

export const messages: Record<string, string> = enValidation;

export function describe(problem: Problem): string {
  return formatProblem(problem, messages);
}

/** A failure the user can act on: printed as one line, no stack trace. */
export class UserError extends Error {}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(error)})`);
  }
}

/** Paths of the shipped definitions: instruments/<id>/<version>.json */
export function shippedInstrumentFiles(): string[] {
  return readdirSync(instrumentsDir)
    .map((name) => join(instrumentsDir, name))
    .filter((path) => statSync(path).isDirectory())
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f)),
    )
    .sort();
}

export type LoadResult = { ok: true; definition: InstrumentDefinition; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function loadDefinitionFile(file: string, strict: boolean): LoadResult {
  const parsed = parseJson(readText(file));
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const result = validateDefinition(parsed.value, { requireAllLanguages: strict });
  return result.ok ? result : { ok: false, problems: result.problems };
}

export function loadShippedDefinitions(): InstrumentDefinition[] {
  return shippedInstrumentFiles().map((file) => {
    const result = loadDefinitionFile(file, true);
    if (!result.ok) throw new UserError(`${file}: shipped instrument is invalid:\n${result.problems.map(describe).join('\n')}`);
    return result.definition;
  });
}

/** Runs a CLI's main, turning UserError into one message on stderr and exit status 2. */
export function runCli(main: (args: string[]) => number): void {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
