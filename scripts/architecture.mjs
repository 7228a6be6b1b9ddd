/**
 * The architecture checks (docs/architecture.md), shared by tests/unit/architecture.test.ts and
 * the local ESLint rules in eslint.config.js: which modules a file imports, which browser globals
 * it touches, and import cycles among the files of src/. Plain JavaScript (with
 * architecture.d.mts for the types) because the ESLint config loads it without a TypeScript step.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** Globals that exist only in a browser (or a worker): the pure folders must not touch them. */
export const BROWSER_GLOBALS = ['window', 'document', 'self', 'Worker', 'indexedDB', 'localStorage', 'sessionStorage', 'navigator', 'location', 'BroadcastChannel', 'fetch'];

/**
 * Import edges allowed to close a cycle, each with why and until when. Keep this empty: a cycle
 * means two modules are one, or something both need belongs in a third.
 */
/** Import edges a cycle may use, each with the change that removes it; none today. */
export const ALLOWED_CYCLE_EDGES = [];

/** The module specifiers a file imports: static, side-effect, re-export and dynamic `import()`. */
export function importsOf(text) {
  const pattern = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The text with comments, string literals and template text blanked (lines kept), so a name found is code. */
function codeOnly(text) {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (match) => match.replace(/[^\n]/g, ' '));
}

/**
 * The browser globals a file touches, by line: a bare name, or a property of globalThis. A
 * property (`x.window`), an object key (`self:`) and a local or parameter of the same name
 * (`const document = …`, `(document: ReportDocument)`) are not the global.
 */
export function browserGlobalsIn(text, names = BROWSER_GLOBALS) {
  const code = codeOnly(text);
  const found = [];
  for (const name of names) {
    if (new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}\\b|[(,]\\s*${name}\\s*\\??:|\\bimport\\b[^;]*\\b${name}\\b[^;]*\\bfrom\\b`).test(code)) continue;
    for (const match of code.matchAll(new RegExp(`(?:\\bglobalThis\\s*\\??\\.\\s*|(?<![.\\w$]))${name}\\b(?!\\s*\\??:)`, 'g'))) {
      found.push({ name, line: code.slice(0, match.index).split('\n').length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** The non-test TypeScript files under `dir`, as paths relative to `root` with forward slashes. */
export function sourceFiles(root, dir = 'src') {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = posix.join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(root, path);
    return /\.tsx?$/.test(name) && !/\.(test|e2e)\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names among `files` (extension and index omitted), or null (a package, a CSS or JSON file). */
export function resolveImport(from, specifier, files) {
  if (!/^\.\.?\//.test(specifier)) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier.replace(/\?.*$/, '')));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (files.has(candidate)) return candidate;
  return null;
}

/** path → the source files it imports, for a map of path → text. */
export function importGraph(texts) {
  const files = new Set(texts.keys());
  const graph = new Map();
  for (const [path, text] of texts) {
    graph.set(
      path,
      new Set(
        importsOf(text)
          .map((s) => resolveImport(path, s, files))
          .filter((target) => target !== null),
      ),
    );
  }
  return graph;
}

/** The shortest cycle through `start` (its path, ending at `start` again), or null. */
export function cycleThrough(graph, start, allowed = ALLOWED_CYCLE_EDGES) {
  const skip = new Set(allowed.map(([a, b]) => `${a}\n${b}`));
  const cameFrom = new Map();
  const queue = [start];
  while (queue.length) {
    const at = queue.shift();
    for (const next of graph.get(at) ?? []) {
      if (skip.has(`${at}\n${next}`)) continue;
      if (next === start) {
        const path = [at];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]));
        return [...path, start];
      }
      if (!cameFrom.has(next) && next !== start) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Every import cycle (each once, starting at its first file in sort order). */
export function findCycles(graph, allowed = ALLOWED_CYCLE_EDGES) {
  const cycles = new Map();
  for (const start of [...graph.keys()].sort()) {
    const cycle = cycleThrough(graph, start, allowed);
    if (!cycle) continue;
    const ring = cycle.slice(0, -1);
    const first = ring.indexOf([...ring].sort()[0]);
    const canonical = [...ring.slice(first), ...ring.slice(0, first), ring[first]];
    cycles.set(canonical.join(' → '), canonical);
  }
  return [...cycles.values()];
}

/** The texts of the source files under `dir`, by path relative to `root`. */
export function readSources(root, dir = 'src') {
  return new Map(sourceFiles(root, dir).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
}

/** A path relative to `root` with forward slashes. */
export function projectPath(root, file) {
  return relative(root, file).split('\\').join('/');
}
