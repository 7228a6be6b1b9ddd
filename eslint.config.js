import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The pure domain (instrument definitions, scoring) runs unchanged in the browser, in Node and in
// tests: it must not reach for React, storage, the DOM, i18next or Node's I/O.
const pureDomainRestrictions = {
  patterns: [
    { group: ['react', 'react-*', 'react/*', 'dexie', 'dexie-*', 'i18next', 'recharts', 'jspdf*'], message: 'src/instrument and src/scoring are pure: no UI, storage or i18n imports.' },
    { group: ['node:*', 'fs', 'path'], message: 'src/instrument and src/scoring are pure: no Node I/O (put it in src/cli).' },
    { group: ['**/ui/**', '**/storage/**', '**/export/**', '**/cli/**'], message: 'Data flows one way: the pure domain imports nothing from the layers above it.' },
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
    files: ['src/instrument/**/*.ts', 'src/scoring/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', pureDomainRestrictions] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
