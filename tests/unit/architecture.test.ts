/**
 * The data flows one way (docs/architecture.md): the pure domain — instrument definitions and
 * scoring, locale formatting, chart data, plans and attendance, the research export and the
 * report model — imports nothing but itself, the stored shapes (src/storage/records.ts, types
 * and constants only), zod and fflate, so it runs unchanged in the browser, in Node and in tests.
 * ESLint says the same; this test cannot be switched off by a comment.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

describe('architecture', () => {
  const pureDirs = ['src/instrument', 'src/scoring', 'src/format', 'src/charts', 'src/plan', 'src/export'];
  // The stored shapes: records.ts and the schemas and value lists it is made of.
  const pureFiles = ['src/report/document', 'src/report/model', 'src/storage/records', 'src/storage/record-enums', 'src/storage/record-schemas', 'src/storage/case-input', 'src/storage/research-format'];
  const packages = ['zod', 'fflate'];
  const files = [
    ...pureDirs.flatMap((dir) => sourceFiles(join(root, dir))).filter((f) => !f.endsWith('test-helpers.ts')),
    ...pureFiles.map((f) => join(root, `${f}.ts`)),
  ];
  const isPure = (target: string) => pureDirs.some((dir) => target === dir || target.startsWith(`${dir}/`)) || pureFiles.includes(target.replace(/\.ts$/, ''));

  it('finds the pure modules', () => {
    expect(files.map((f) => relative(root, f))).toEqual(
      expect.arrayContaining(['src/instrument/schema.ts', 'src/scoring/score.ts', 'src/charts/informants.ts', 'src/plan/attendance.ts', 'src/export/build.ts', 'src/report/model.ts']),
    );
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports only pure modules, zod and fflate', (_name, file) => {
    for (const specifier of importsOf(file)) {
      if (packages.includes(specifier)) continue;
      expect(specifier, `${_name} imports ${specifier}`).toMatch(/^\.\.?\//);
      const target = relative(root, resolve(join(file, '..'), specifier));
      expect(isPure(target), `${_name} imports ${target}`).toBe(true);
    }
  });

  it('the importer of this test sees through both import forms', () => {
    expect(importsOf(join(root, 'src/scoring/score.ts'))).toContain('../instrument/model');
  });
});
