/**
 * The data flows one way (docs/architecture.md): the pure domain — instrument definitions and
 * scoring, locale formatting, chart data, plans and attendance, the research export and the
 * report model — imports nothing but itself, the stored shapes (src/storage/records.ts, types
 * and constants only), zod and fflate, and touches no browser global, so it runs unchanged in the
 * browser, in Node and in tests. No import cycle anywhere in src/. ESLint says the same (with
 * the same checks, scripts/architecture.mjs); this test cannot be switched off by a comment, and
 * proves on small fixtures that each check reports what it is for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ALLOWED_CYCLE_EDGES, BROWSER_GLOBALS, browserGlobalsIn, findCycles, importGraph, importsOf, readSources } from '../../scripts/architecture.mjs';

const root = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const importsOfFile = (file: string) => importsOf(readFileSync(file, 'utf8'));

describe('architecture', () => {
  const pureDirs = ['src/instrument', 'src/scoring', 'src/format', 'src/charts', 'src/plan', 'src/export'];
  // The stored shapes: records.ts and the schemas and value lists it is made of.
  const pureFiles = [
    'src/report/document',
    'src/report/model',
    'src/storage/records',
    'src/storage/record-enums',
    'src/storage/record-schemas',
    'src/storage/case-input',
    'src/storage/research-format',
  ];
  const packages = ['zod', 'fflate'];
  const files = [...pureDirs.flatMap((dir) => sourceFiles(join(root, dir))).filter((f) => !f.endsWith('test-helpers.ts')), ...pureFiles.map((f) => join(root, `${f}.ts`))];
  const isPure = (target: string) => pureDirs.some((dir) => target === dir || target.startsWith(`${dir}/`)) || pureFiles.includes(target.replace(/\.ts$/, ''));

  it('finds the pure modules', () => {
    expect(files.map((f) => relative(root, f))).toEqual(
      expect.arrayContaining([
        'src/instrument/schema.ts',
        'src/scoring/score.ts',
        'src/charts/informants.ts',
        'src/plan/attendance.ts',
        'src/export/build.ts',
        'src/report/model.ts',
      ]),
    );
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports only pure modules, zod and fflate', (_name, file) => {
    for (const specifier of importsOfFile(file)) {
      if (packages.includes(specifier)) continue;
      expect(specifier, `${_name} imports ${specifier}`).toMatch(/^\.\.?\//);
      const target = relative(root, resolve(join(file, '..'), specifier));
      expect(isPure(target), `${_name} imports ${target}`).toBe(true);
    }
  });

  it('the importer of this test sees through both import forms', () => {
    expect(importsOfFile(join(root, 'src/scoring/score.ts'))).toContain('../instrument/model');
    expect(importsOf("import './a';\nexport * from './b';\nconst c = await import('./c');\nimport type {\n  D,\n} from './d';")).toEqual(['./a', './b', './c', './d']);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s touches no browser global', (_name, file) => {
    expect(browserGlobalsIn(readFileSync(file, 'utf8')).map((g) => `${_name}:${g.line} ${g.name}`)).toEqual([]);
  });

  it('storage and the browser-only code call no job, and nothing but the app calls the screens', () => {
    // Jobs (src/jobs) sequence storage, domain code and the platform; storage and the platform never call back up.
    const mayNotImport: Record<string, string[]> = {
      'src/platform': ['src/storage', 'src/jobs', 'src/ui'],
      'src/storage': ['src/jobs', 'src/ui'],
      'src/jobs': ['src/ui'],
      'src/cli': ['src/storage', 'src/platform', 'src/jobs', 'src/ui'],
    };
    const graph = importGraph(readSources(root));
    const wrong = [...graph].flatMap(([from, targets]) => {
      const banned = Object.entries(mayNotImport).find(([dir]) => from.startsWith(`${dir}/`))?.[1] ?? [];
      return [...targets].filter((to) => banned.some((dir) => to.startsWith(`${dir}/`))).map((to) => `${from} → ${to}`);
    });
    expect(wrong).toEqual([]);
  });

  it('has no import cycle in src/', () => {
    const graph = importGraph(readSources(root));
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});

describe('the architecture checks report what they are for', () => {
  it('a pure file that uses a browser global is reported, with its line', () => {
    const text = [
      '// window.open in a comment, and in strings: "document", `navigator`',
      "const label = 'self-report';",
      'export const width = () => window.innerWidth;',
      'export const kept = (key: string) => globalThis.localStorage?.getItem(key);',
      'export const options = { self: true, location: label };',
      'export const worker = () => new Worker(new URL("./w.ts", import.meta.url));',
      'export const path = (point: { location: string }) => point.location;',
    ].join('\n');
    expect(browserGlobalsIn(text)).toEqual([
      { name: 'window', line: 3 },
      { name: 'localStorage', line: 4 },
      { name: 'Worker', line: 6 },
    ]);
    expect(BROWSER_GLOBALS).toEqual(expect.arrayContaining(['window', 'document', 'self', 'Worker', 'indexedDB', 'localStorage', 'navigator']));
  });

  it('a local or a parameter named like a global is not the global', () => {
    expect(browserGlobalsIn('export function draw(document: Doc) {\n  return document.title;\n}')).toEqual([]);
    expect(browserGlobalsIn('const location = where();\nexport const at = location.line;')).toEqual([]);
  });

  it('a two-file cycle is reported with its path, and a longer one too', () => {
    const two = importGraph(
      new Map([
        ['src/a/one.ts', "import { two } from '../b/two';\nexport const one = 1;"],
        ['src/b/two.ts', "import type { One } from '../a/one';\nexport const two = 2;"],
        ['src/c/three.ts', "import { one } from '../a/one';"],
      ]),
    );
    expect(findCycles(two, [])).toEqual([['src/a/one.ts', 'src/b/two.ts', 'src/a/one.ts']]);
    const three = importGraph(
      new Map([
        ['src/x.ts', "export { y } from './y';"],
        ['src/y.tsx', "const z = () => import('./z');"],
        ['src/z/index.ts', "import '../x';"],
      ]),
    );
    expect(findCycles(three, [])).toEqual([['src/x.ts', 'src/y.tsx', 'src/z/index.ts', 'src/x.ts']]);
  });

  it('an allowed edge breaks only its own cycle', () => {
    const graph = importGraph(
      new Map([
        ['src/storage/audit.ts', "import { db } from './db';"],
        ['src/storage/db.ts', "import { audit } from './audit';"],
      ]),
    );
    expect(findCycles(graph, [['src/storage/audit.ts', 'src/storage/db.ts']])).toEqual([]);
    expect(findCycles(graph, [])).toHaveLength(1);
  });

  it('allows no cycle edge today', () => {
    expect(ALLOWED_CYCLE_EDGES).toEqual([]);
  });
});
