// Export and backup (issue 5): export_md_ms_per_article (with the article text; notes-only beside it) over
// 1,000 generated articles, and backup_restore_ms_10k (back up 10,000 articles, then restore them into an
// empty library, search index included), in Node on fake-indexeddb with jsdom (bench/export/entry.ts).
import { inNodeProcess } from './lib.mjs';

export async function benchExport(count = 10_000) {
  return { figures: await inNodeProcess('export/entry.ts', 'runExportBench', count, { external: ['jsdom'] }) };
}
