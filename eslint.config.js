// ESLint: typescript-eslint (type-aware where it pays: promises, exhaustive switches, needless assertions),
// and the architecture's boundaries as import rules (lint/boundaries.js). `npm run lint` runs it with Prettier's
// check; CONTRIBUTING.md explains each rule.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './lint/boundaries.js';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', '.bench/', 'node_modules/', 'test-results/', 'tests/fixtures/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Unused names are errors, except an intentional `_name` (destructuring a field away).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Type-only imports say so, so that a bundle never pulls in a module for its types.
      // (`typeof import('wxt/browser')` stays allowed: the e2e tests declare the worker's `chrome` with it.)
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      // Named exports only (WXT's entrypoints and config files export default by design).
      'import-x/no-default-export': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Type-aware rules for the product code and its tests: a floating promise loses an error silently.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    // WXT finds an entrypoint's definition by its default export; config files are read the same way.
    files: ['entrypoints/**', '*.config.ts', '*.config.js'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  ...boundaries,
);
