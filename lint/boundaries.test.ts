// @vitest-environment node
/**
 * The architecture's rules fail on what they forbid: ESLint's per-import boundaries (lint/boundaries.js) on a
 * forbidden import, and the import graph check (lint/import-graph.mjs) on a type-only cycle and on a chain of
 * imports that takes a page script to the database. Each starts from the real tree and changes one file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { checkImportGraph } from './import-graph.mjs';

const ROOT = join(import.meta.dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/**
 * The rules ESLint reports for `code` placed at `file`. A probe file does not exist, so TypeScript's project
 * knows nothing of it: its type-aware rules are turned off (the boundaries need no types).
 */
async function lintRules(file: string, code: string): Promise<Array<string | null>> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: [{ files: ['**/*probe*'], ...tseslint.configs.disableTypeChecked }],
  });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.map((message) => message.ruleId);
}

describe('ESLint boundaries', () => {
  it.each([
    [
      'utils/in-page/highlight/probe.ts',
      "import { db } from '../../db/schema';\nexport const probe = db;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'utils/in-page/highlight/probe.ts',
      "import type { SearchDoc } from '../../search/search-library';\nexport type Probe = SearchDoc;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'utils/in-page/highlight/probe.ts',
      "import { Dexie } from 'dexie';\nexport const probe = Dexie;\n",
      'no-restricted-imports',
    ],
    [
      'entrypoints/highlighter-probe.ts',
      "import { saveArticle } from '@/utils/db/articles';\nexport const probe = saveArticle;\n",
      null,
    ],
    [
      'utils/messaging/probe.ts',
      "import { listTags } from '../db/articles';\nexport const probe = listTags;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'utils/search/probe.ts',
      "import { Marked } from '@/components/Marked';\nexport const probe = Marked;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'utils/export/probe.ts',
      "import { db } from '../db/schema';\nexport const clear = () => db.articles.clear();\n",
      'no-restricted-syntax',
    ],
  ])(
    '%s: %j is refused (%s)',
    async (file, code, rule) => {
      const rules = await lintRules(file, code);
      if (rule) expect(rules).toContain(rule);
      // An entrypoint that is not injected into pages may use the database.
      else expect(rules).not.toContain('import-x/no-restricted-paths');
    },
    60_000,
  );

  it('accepts the page script as it is', async () => {
    expect(await lintRules('entrypoints/highlighter.ts', read('entrypoints/highlighter.ts'))).toEqual([]);
  }, 60_000);
});

describe('import graph', () => {
  it('finds nothing in the tree as it is', () => {
    expect(checkImportGraph()).toEqual([]);
  });

  it('finds a cycle made only of type imports', () => {
    const sources = new Map([
      [
        'utils/records/tags.ts',
        `import type { TagCount } from './types';\nexport type Probe = TagCount;\n${read('utils/records/tags.ts')}`,
      ],
      [
        'utils/records/types.ts',
        `import type { normalizeTags } from './tags';\nexport type Probe = typeof normalizeTags;\n${read('utils/records/types.ts')}`,
      ],
    ]);
    expect(checkImportGraph({ sources })).toEqual([
      expect.stringMatching(/^Import cycle .*utils\/records\/(tags|types)\.ts → utils\/records\/(types|tags)\.ts → /),
    ]);
  });

  it('follows a page script through a shared module to the database', () => {
    const sources = new Map([
      [
        'utils/i18n.ts',
        `import type { GleanerDatabase } from './db/schema';\nexport type Probe = GleanerDatabase;\n${read('utils/i18n.ts')}`,
      ],
    ]);
    const problems = checkImportGraph({ sources });
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^Code injected into web pages reaches the extension side: (entrypoints|utils\/in-page)\/[\w/-]+\.ts( → [\w/.-]+)* → utils\/i18n\.ts → utils\/db\/schema\.ts$/,
      ),
    );
  });
});
