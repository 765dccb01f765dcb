// The architecture's boundaries as ESLint rules (eslint.config.js spreads them in). Each says which folders
// may not import which, with the reason in its message; lint/import-graph.mjs checks the same boundaries
// through every chain of imports, type-only ones included, and that there are no import cycles.
// CONTRIBUTING.md ("Layout and boundaries") explains the layers.

/** Code injected into web pages: the page's origin holds no database of ours, and a page script stays small. */
export const IN_PAGE = ['utils/in-page', 'entrypoints/extract.ts', 'entrypoints/highlighter.ts'];

/** Shared by every context, the scripts in web pages included: it may only import its own kind. */
export const SHARED = [
  'utils/records',
  'utils/anchoring',
  'utils/settings',
  'utils/messaging',
  'utils/i18n.ts',
  'utils/error-text.ts',
  'utils/url.ts',
  'utils/group.ts',
  'utils/time-slices.ts',
  'utils/sanitize.ts',
  'utils/platform.ts',
];

/** What only the background and Gleaner's own pages may use: the database and what is built on it. */
export const EXTENSION_SIDE = [
  'utils/db',
  'utils/search',
  'utils/export',
  'utils/backup',
  'utils/import',
  'utils/save',
  'utils/highlight',
  'utils/reader',
];

/** Packages that only the extension side uses (the database, zips, CSV, Markdown, YAML, Preact). */
export const EXTENSION_PACKAGES = [
  'dexie',
  'fflate',
  'papaparse',
  'turndown',
  '@joplin/turndown-plugin-gfm',
  'yaml',
  'preact',
];

const PAGES = ['entrypoints', 'components', 'hooks'];

/** Files that are not product code: tests may reach anything to set up what they check. */
const NOT_PRODUCT = ['**/*.test.ts', '**/*.test.tsx', 'utils/db/test-data.ts'];

export const boundaries = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: NOT_PRODUCT,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: IN_PAGE,
              from: [...EXTENSION_SIDE, ...PAGES],
              message:
                'Code injected into web pages imports only utils/in-page/ and the shared modules (records, anchoring, settings, messaging, i18n, …): never the database or what is built on it.',
            },
            {
              target: SHARED,
              from: [...EXTENSION_SIDE, 'utils/in-page', ...PAGES],
              message:
                'Shared modules are loaded by every context, the page scripts included: they import only other shared modules.',
            },
            {
              target: 'utils',
              from: PAGES,
              message:
                'utils/ is the logic pages are wired to: it never imports from entrypoints/, components/ or hooks/.',
            },
          ],
        },
      ],
      // Cycles of value imports, as you type. This rule skips type-only imports by design; lint/import-graph.mjs
      // (run by `npm run lint`) refuses cycles of those too.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: [...IN_PAGE, ...SHARED].map((path) => (path.endsWith('.ts') ? path : `${path}/**/*.ts`)),
    ignores: NOT_PRODUCT,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: EXTENSION_PACKAGES.map((name) => ({
            name,
            message: 'Only the extension side (the background and Gleaner pages) uses this package.',
          })),
        },
      ],
    },
  },
  {
    // Every write to the database goes through utils/db/ (its repository functions run in transactions).
    files: ['utils/**/*.ts', 'entrypoints/**/*.ts', 'entrypoints/**/*.tsx', 'components/**/*.tsx', 'hooks/**/*.ts'],
    ignores: ['utils/db/**', ...NOT_PRODUCT],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(put|bulkPut|add|bulkAdd|update|bulkUpdate|delete|bulkDelete|clear|modify)$/][callee.object.object.name='db']",
          message: 'Write to the database through a function of utils/db/, inside its transaction.',
        },
        {
          selector:
            "CallExpression[callee.property.name='transaction'][arguments.0.value=/rw/][callee.object.name='db']",
          message: 'Read-write transactions belong in utils/db/.',
        },
      ],
    },
  },
];
