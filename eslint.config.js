import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The pure domain runs unchanged in the browser, in Node and in tests: instrument definitions and
// scoring, locale formatting, chart data, plans and attendance, the research export and the
// report model. It must not reach for React, storage, the DOM, i18next or Node's I/O. The files
// of src/storage it may use are the stored shapes: records.ts (types and constants) and the
// schemas and lists they are made of, which are pure themselves.
const PURE_STORAGE = ['src/storage/records.ts', 'src/storage/record-enums.ts', 'src/storage/record-schemas.ts', 'src/storage/case-input.ts', 'src/storage/research-format.ts'];
const PURE_DOMAIN = ['src/instrument/**/*.ts', 'src/scoring/**/*.ts', 'src/format/**/*.ts', 'src/charts/**/*.ts', 'src/plan/**/*.ts', 'src/export/**/*.ts', 'src/report/document.ts', 'src/report/model.ts', ...PURE_STORAGE];
const pureDomainRestrictions = {
  patterns: [
    { group: ['react', 'react-*', 'react/*', 'dexie', 'dexie-*', 'i18next', 'recharts', 'jspdf*'], message: 'The pure domain has no UI, storage or i18n imports.' },
    { group: ['node:*', 'fs', 'path'], message: 'The pure domain has no Node I/O (put it in src/cli or a node-only module).' },
    { group: ['**/ui/**', '**/cli/**', '**/storage/**', '!**/storage/records', '!**/storage/record-enums'], message: 'Data flows one way: the pure domain imports nothing from the layers above it (records.ts excepted).' },
  ],
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
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
