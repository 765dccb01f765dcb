/**
 * Writes the generated library of the search benchmark (bench/search/library.ts: words of the shared pages,
 * fixed seed, ~1,500 words, 5 highlights and a tag each) as a Gleaner backup file, for the Chromium benchmark
 * to restore through the search page. Run in Node by bench/lib.mjs inNodeProcess.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../search/library';

export async function writeLibraryBackup(
  words: string[],
  count: number,
  seed: number,
): Promise<Record<string, number>> {
  const library = generate(words, count, seed);
  const backup = {
    format: 'gleaner-backup',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    articles: library.map((doc) => doc.article),
    contents: library.map((doc) => ({ articleId: doc.article.id, html: `<p>${doc.text}</p>`, text: doc.text })),
    // The generator's highlight ids repeat across articles (its own benchmark never stores them by id): a
    // backup must hold each once, or the restore refuses it as damaged.
    highlights: library.flatMap((doc, i) =>
      doc.highlights.map((highlight, h) => ({
        ...highlight,
        id: `00000000-0000-4000-9000-${String(i * 10 + h).padStart(12, '0')}`,
      })),
    ),
    settings: { exportTemplate: '', exportFullText: false },
  };
  const text = JSON.stringify(backup);
  writeFileSync(join(process.cwd(), '.bench', `library-${count}.json`), text);
  return { bytes: text.length };
}
