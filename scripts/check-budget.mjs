// The first-visit budget, checked after every build in `npm test` (deterministic, so it can fail
// CI): the JavaScript a first visit downloads before the first screen is interactive — the entry
// chunk and everything it statically imports — stays at or under 105 KB gzipped, and never
// contains recharts or jspdf (they load only where charts and PDFs are made), nor the database
// code, the router or the screens behind the key: the first screen is the key screen, drawn
// without them (src/ui/Root.tsx). The number of script requests before the first screen (those
// files, plus a locale file for each of the first screen's namespaces, FIRST_SCREEN_NAMESPACES in
// src/ui/i18n.ts, that is a chunk of its own rather than part of the entry's) stays at or under
// MAX_SCRIPTS_BEFORE_FIRST_SCREEN.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 105 * 1024;
// The entry, the runtime and one chunk of all the entry imports (scripts/first-visit-chunk.ts), the first screen's texts in it.
const MAX_SCRIPTS_BEFORE_FIRST_SCREEN = 3;
const NEVER_ON_FIRST_VISIT = ['recharts', 'jspdf', 'jspdf-autotable', 'dexie', 'dexie-react-hooks', 'react-router', 'zod', '@noble/ciphers'];
const dist = process.argv[2] ?? 'dist';

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const packages = JSON.parse(readFileSync(join(dist, '.vite/chunk-packages.json'), 'utf8'));

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('no entry chunk in the build manifest');
const firstVisit = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || firstVisit.has(chunk.file)) return;
  firstVisit.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);

let total = 0;
const rows = [...firstVisit].map((file) => {
  const gzipped = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gzipped;
  return { file, kB: (gzipped / 1024).toFixed(1), packages: (packages[file] ?? []).join(' ') };
});
for (const row of rows) console.log(`  ${row.kB.padStart(7)} kB  ${row.file}  ${row.packages}`);
// The namespaces main.tsx reads before rendering: a request each (in the chosen language) when they are chunks of their own.
const i18nSource = readFileSync(new URL('../src/ui/i18n.ts', import.meta.url), 'utf8');
const firstScreen = /FIRST_SCREEN_NAMESPACES = \[([^\]]*)\]/.exec(i18nSource);
if (!firstScreen) throw new Error('FIRST_SCREEN_NAMESPACES not found in src/ui/i18n.ts');
const firstScreenNamespaces = firstScreen[1]
  .split(',')
  .map((name) => name.trim().replace(/^'|'$/g, ''))
  .filter(Boolean);
const ownChunk = (namespace) => Object.keys(manifest).some((key) => new RegExp(`^locales/\\w+/${namespace}\\.json$`).test(key));
const localeRequests = firstScreenNamespaces.filter(ownChunk).length;
const scripts = firstVisit.size + localeRequests;
console.log(`script requests before the first screen: ${firstVisit.size} files + ${localeRequests} locale files = ${scripts} (at most ${MAX_SCRIPTS_BEFORE_FIRST_SCREEN})`);
if (scripts > MAX_SCRIPTS_BEFORE_FIRST_SCREEN) {
  console.error(`TOO MANY REQUESTS before the first screen: ${scripts}. Load what the first screen does not need on demand.`);
  process.exit(1);
}
const forbidden = rows.flatMap((row) => (packages[row.file] ?? []).filter((p) => NEVER_ON_FIRST_VISIT.includes(p)).map((p) => `${p} in ${row.file}`));
const verdict = `first-visit JavaScript: ${(total / 1024).toFixed(1)} kB gzipped (budget ${(BUDGET_BYTES / 1024).toFixed(0)} kB)`;
if (total > BUDGET_BYTES || forbidden.length > 0) {
  console.error(`BUDGET EXCEEDED — ${verdict}${forbidden.length ? `; not allowed on the first visit: ${forbidden.join(', ')}` : ''}.`);
  console.error('Load the heavy part lazily (React.lazy or import()) where it is used.');
  process.exit(1);
}
console.log(`budget ok — ${verdict}`);
