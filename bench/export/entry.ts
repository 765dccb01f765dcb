/**
 * Export and backup figures of issue 5, in Node on fake-indexeddb with jsdom as the DOM Turndown and DOMPurify
 * work on (bench/export.mjs runs it in its own process): Markdown export per article (with the article text,
 * the slowest case, and without), and backup then restore of 10,000 articles into an empty library.
 */
import './setup';
import { restoreBackup, writeBackup } from '../../utils/backup/backup';
import { db } from '../../utils/db/schema';
import { markdownZip } from '../../utils/export/export-library';
import { generate, round } from '../search/library';

/** A generated article's text as HTML paragraphs of ~60 words, with a link and emphasis now and then. */
function htmlOf(text: string): string {
  const words = text.split(' ');
  const paragraphs: string[] = [];
  for (let i = 0; i < words.length; i += 60) {
    const part = words.slice(i, i + 60);
    part[3] = `<a href="https://example.com/${i}">${part[3]}</a>`;
    part[9] = `<em>${part[9]}</em>`;
    paragraphs.push(`<p>${part.join(' ')}</p>`);
  }
  return paragraphs.join('\n');
}

export async function runExportBench(words: string[], count: number, seed: number): Promise<Record<string, number>> {
  const library = generate(words, count, seed);
  await db.transaction('rw', db.articles, db.contents, db.highlights, async () => {
    await db.articles.bulkPut(library.map((d) => d.article));
    await db.contents.bulkPut(library.map((d) => ({ articleId: d.article.id, html: htmlOf(d.text), text: d.text })));
    await db.highlights.bulkPut(library.flatMap((d) => d.highlights));
  });
  const gc = (globalThis as { gc?: () => void }).gc;

  // Markdown: a sample of the library as one zip, with and without the article text.
  const sample = library.slice(0, 1_000).map((d) => d.article.id);
  gc?.();
  let t = performance.now();
  const full = await markdownZip(sample, { fullText: true });
  const fullMs = (performance.now() - t) / sample.length;
  t = performance.now();
  await markdownZip(sample, { fullText: false });
  const notesMs = (performance.now() - t) / sample.length;

  // Backup of everything, then restore into an empty library (the search index is rebuilt as part of it).
  gc?.();
  t = performance.now();
  const { blob } = await writeBackup();
  const backupMs = performance.now() - t;
  await Promise.all(db.tables.map((table) => table.clear()));
  t = performance.now();
  let indexStart = 0;
  const restored = await restoreBackup(blob, (phase) => {
    if (phase === 'indexing' && !indexStart) indexStart = performance.now();
  });
  const restoreMs = performance.now() - t;
  if (!restored.ok) throw new Error(restored.error);
  const { report } = restored;
  if (report.articlesAdded !== count) throw new Error(`restored ${report.articlesAdded} of ${count}`);
  return {
    export_md_ms_per_article: round(fullMs, 3),
    export_md_notes_only_ms_per_article: round(notesMs, 3),
    export_zip_bytes_per_article: Math.round(full.zip.size / sample.length),
    backup_bytes_per_article: Math.round(blob.size / count),
    backup_ms_10k: round(backupMs, 1),
    restore_ms_10k: round(restoreMs, 1),
    restore_index_ms_10k: round(performance.now() - indexStart, 1),
    backup_restore_ms_10k: round(backupMs + restoreMs, 1),
  };
}
