import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { BROWSER_GLOBALS, cycleThrough, importGraph, importsOf, projectPath, readSources, resolveImport } from './scripts/architecture.mjs';

// The pure domain runs unchanged in the browser, in Node and in tests: instrument definitions and
// scoring, locale formatting, chart data, plans and attendance, the research export and the
// report model. It must not reach for React, storage, the DOM, i18next or Node's I/O. The files
// of src/storage it may use are the stored shapes: records.ts (types and constants) and the
// schemas and lists they are made of, which are pure themselves.
const PURE_STORAGE = ['src/storage/records.ts', 'src/storage/record-enums.ts', 'src/storage/record-schemas.ts', 'src/storage/case-input.ts', 'src/storage/research-format.ts'];
const PURE_DOMAIN = [
  'src/instrument/**/*.ts',
  'src/scoring/**/*.ts',
  'src/format/**/*.ts',
  'src/charts/**/*.ts',
  'src/plan/**/*.ts',
  'src/export/**/*.ts',
  'src/report/document.ts',
  'src/report/model.ts',
  ...PURE_STORAGE,
];
const pureDomainRestrictions = {
  patterns: [
    { group: ['react', 'react-*', 'react/*', 'dexie', 'dexie-*', 'i18next', 'recharts', 'jspdf*'], message: 'The pure domain has no UI, storage or i18n imports.' },
    { group: ['node:*', 'fs', 'path'], message: 'The pure domain has no Node I/O (put it in src/cli or a node-only module).' },
    {
      group: ['**/ui/**', '**/cli/**', '**/storage/**', '!**/storage/records', '!**/storage/record-enums'],
      message: 'Data flows one way: the pure domain imports nothing from the layers above it (records.ts excepted).',
    },
  ],
};

// The pure domain touches no browser global either: workers, storage and other browser APIs live
// in src/platform, and jobs (src/jobs) call them (docs/architecture.md).
const pureDomainGlobals = {
  'no-restricted-globals': ['error', ...BROWSER_GLOBALS.map((name) => ({ name, message: 'The pure domain runs in Node too: browser APIs belong in src/platform.' }))],
  'no-restricted-properties': [
    'error',
    ...BROWSER_GLOBALS.map((property) => ({ object: 'globalThis', property, message: 'The pure domain runs in Node too: browser APIs belong in src/platform.' })),
  ],
};

// No import cycle among the files of src/ (what eslint-plugin-import's no-cycle does, with the
// checker tests/unit/architecture.test.ts uses). The other files are read from disk, at most once
// every few seconds; the file being linted is taken as ESLint sees it.
const root = import.meta.dirname;
let cached = null;
function sourceGraph() {
  if (!cached || Date.now() - cached.at > 5000) cached = { at: Date.now(), graph: importGraph(readSources(root)) };
  return cached.graph;
}
const noImportCycle = {
  meta: { type: 'problem', docs: { description: 'No import cycle among the files of src/' }, schema: [], messages: { cycle: 'Import cycle: {{path}}' } },
  create(context) {
    const file = projectPath(root, context.filename);
    const specifiers = [];
    const collect = (node) => {
      if (typeof node.source?.value === 'string') specifiers.push([node.source.value, node]);
    };
    return {
      ImportDeclaration: collect,
      ExportNamedDeclaration: collect,
      ExportAllDeclaration: collect,
      ImportExpression: collect,
      'Program:exit'(program) {
        const graph = new Map(sourceGraph());
        if (!graph.has(file)) return;
        const files = new Set(graph.keys());
        graph.set(
          file,
          new Set(
            importsOf(context.sourceCode.text)
              .map((s) => resolveImport(file, s, files))
              .filter((target) => target !== null),
          ),
        );
        const cycle = cycleThrough(graph, file);
        if (!cycle) return;
        const node = specifiers.find(([specifier]) => resolveImport(file, specifier, files) === cycle[1])?.[1] ?? program;
        context.report({ node, messageId: 'cycle', data: { path: cycle.join(' → ') } });
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: PURE_DOMAIN,
    ignores: ['**/*.test.ts', '**/test-helpers.ts'],
    rules: { 'no-restricted-imports': ['error', pureDomainRestrictions] },
  },
  {
    files: [...PURE_DOMAIN, 'src/storage/records.ts'],
    ignores: ['**/*.test.ts', '**/test-helpers.ts'],
    rules: pureDomainGlobals,
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { polku: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'polku/no-import-cycle': 'error' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
