/** Part 1: gzipped size of every JS and CSS file in dist/, and what a first visit loads. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { kB, printTable } from './table';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds dist/ when it is missing or older than anything it is built from. */
export function ensureBuild(root: string): void {
  const manifest = join(root, 'dist/.vite/manifest.json');
  const inputs = ['src', 'instruments', 'locales', 'public', 'index.html', 'vite.config.ts', 'scripts/pwa-icons.ts', 'package.json'];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  if (built >= newestInput) {
    console.log(`dist/ is up to date (built ${new Date(built).toISOString()})`);
    return;
  }
  console.log(existsSync(manifest) ? 'dist/ is older than its sources: building…' : 'dist/ is missing: building…');
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stderr || result.stdout}`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export const gzipSize = (path: string): number => gzipSync(readFileSync(path), { level: 6 }).length;

export interface SizeReport {
  /** dist-relative paths of the JS a first visit loads before anything lazy (entry + static imports). */
  firstVisitJs: string[];
  firstVisitJsGzip: number;
  firstVisitCssGzip: number;
}

export function reportSizes(root: string): SizeReport {
  const dist = join(root, 'dist');
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length === 0) throw new Error('dist/.vite/manifest.json has no entry (isEntry)');

  // The entry and everything it imports statically, transitively: what the browser must load first.
  const role = new Map<string, string>();
  const firstCss = new Set<string>();
  const visit = (key: string, depth: number) => {
    const chunk = manifest[key];
    if (!chunk || (role.has(chunk.file) && depth > 0)) return;
    role.set(chunk.file, depth === 0 ? 'entry' : 'static import of entry');
    for (const css of chunk.css ?? []) firstCss.add(css);
    for (const next of chunk.imports ?? []) visit(next, depth + 1);
  };
  for (const [key] of entries) visit(key, 0);
  const lazy = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (role.has(chunk.file)) continue;
    if (chunk.file.endsWith('.css')) lazy.set(chunk.file, 'CSS of a lazy chunk');
    else if (chunk.isDynamicEntry) lazy.set(chunk.file, `lazy (${chunk.src ?? key})`);
    else lazy.set(chunk.file, `imported by a lazy chunk (${chunk.name ?? key})`);
  }

  const files = filesUnder(dist)
    .filter((path) => /\.(js|css)$/.test(path))
    .map((path) => relative(dist, path))
    .sort();
  const rows = files.map((file) => {
    const path = join(dist, file);
    const raw = statSync(path).size;
    const gz = gzipSize(path);
    let what = role.get(file) ?? lazy.get(file);
    if (!what && firstCss.has(file)) what = 'CSS of the first visit';
    if (!what && /^(sw|workbox-[\w-]+)\.js$/.test(file)) what = 'service worker (loaded by the browser, not the page)';
    if (!what && file.endsWith('.css')) what = 'CSS of a lazy chunk';
    return { file, raw, gz, what: what ?? '' };
  });
  const order = (what: string) => (what === 'entry' ? 0 : what.startsWith('static') ? 1 : what.startsWith('CSS of the first') ? 2 : 3);
  rows.sort((a, b) => order(a.what) - order(b.what) || b.gz - a.gz);
  printTable(
    ['file', 'raw', 'gzip', 'what'],
    rows.map((r) => [r.file, kB(r.raw), kB(r.gz), r.what]),
  );

  const firstJs = rows.filter((r) => r.what === 'entry' || r.what.startsWith('static'));
  const firstCssRows = rows.filter((r) => firstCss.has(r.file));
  const lazyJs = rows.filter((r) => r.file.endsWith('.js') && (r.what.startsWith('lazy') || r.what.startsWith('imported by a lazy')));
  const sum = (list: typeof rows, key: 'raw' | 'gz') => list.reduce((total, r) => total + r[key], 0);
  console.log('');
  printTable(
    ['total', 'files', 'raw', 'gzip'],
    [
      ['first-visit JavaScript (entry + static imports)', firstJs.length, kB(sum(firstJs, 'raw')), kB(sum(firstJs, 'gz'))],
      ['first-visit CSS', firstCssRows.length, kB(sum(firstCssRows, 'raw')), kB(sum(firstCssRows, 'gz'))],
      ['lazy JavaScript chunks', lazyJs.length, kB(sum(lazyJs, 'raw')), kB(sum(lazyJs, 'gz'))],
      ['all JS and CSS in dist/', rows.length, kB(sum(rows, 'raw')), kB(sum(rows, 'gz'))],
    ],
  );
  console.log('\ngzip level 6 (a typical server default); the bench server itself sends files uncompressed.');
  return { firstVisitJs: firstJs.map((r) => r.file), firstVisitJsGzip: sum(firstJs, 'gz'), firstVisitCssGzip: sum(firstCssRows, 'gz') };
}
