/**
 * npm run instrument:check -- [--strict] FILE...
 * Validates instrument packs and prints every problem with its JSON path. Without files it checks
 * the shipped instruments, strictly (every text in en, fi and sv).
 */
import { relative } from 'node:path';
import { describe, loadDefinitionFile, repoRoot, runCli, shippedInstrumentFiles } from './io';

export function main(args: string[]): number {
  const strictFlag = args.includes('--strict');
  const files = args.filter((a) => a !== '--strict');
  const checkShipped = files.length === 0;
  const targets = checkShipped ? shippedInstrumentFiles() : files;
  const strict = strictFlag || checkShipped;
  let failed = 0;
  for (const file of targets) {
    const name = checkShipped ? relative(repoRoot, file) : file;
    const result = loadDefinitionFile(file, strict);
    if (result.ok) {
      const d = result.definition;
      process.stdout.write(`ok     ${name}  (${d.id}@${d.version}, ${d.items.length} items, ${d.scales.length} scales)\n`);
      for (const warning of result.warnings) process.stdout.write(`  warning ${describe(warning)}\n`);
    } else {
      failed += 1;
      process.stdout.write(`FAILED ${name}  (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})\n`);
      for (const problem of result.problems) process.stdout.write(`  ${describe(problem)}\n`);
    }
  }
  process.stdout.write(`${targets.length - failed} valid, ${failed} invalid\n`);
  return failed > 0 ? 1 : 0;
}

runCli(main);
