/**
 * Writes the generated library of the search benchmark (bench/search/library.ts: words of the shared pages,
 * fixed seed, ~1,500 words, 5 highlights and a tag each) as a Gleaner backup file, for the Chromium benchmark
 * to restore through the search page. Run in Node by bench/lib.mjs inNodeProcess.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { entryLine, firstLine, LAST_LINE } from '../../utils/backup/layout';
import { generate } from '../search/library';

/** Writes the backup (Gleaner's line layout, a part at a time: at 50,000 articles the file is over 1 GB). */
export async function writeLibraryBackup(
  words: string[],
  count: number,
  seed: number,
): Promise<Record<string, number>> {
  const library = generate(words, count, seed);
  const file = openSync(join(process.cwd(), '.bench', `library-${count}.json`), 'w');
  let bytes = 0;
  const write = (text: string) => (bytes += writeSync(file, text));
  try {
    const settings = { exportTemplate: '', exportFullText: false };
    write(firstLine({ exportedAt: new Date(0).toISOString(), articles: count, highlights: count * 5, settings }));
    let part = '';
    library.forEach((doc, i) => {
      // The generator's highlight ids repeat across articles (its own benchmark never stores them by id): a
      // backup must hold each once, or the restore refuses it as damaged.
      const highlights = doc.highlights.map((highlight, h) => ({
        ...highlight,
        id: `00000000-0000-4000-9000-${String(i * 10 + h).padStart(12, '0')}`,
      }));
      if (highlights.length !== 5) throw new Error('the generator gives five highlights an article');
      part += entryLine(
        { article: doc.article, content: { html: `<p>${doc.text}</p>`, text: doc.text }, highlights },
        i,
      );
      if (part.length > 8_000_000) {
        write(part);
        part = '';
      }
    });
    write(`${part}${LAST_LINE}\n`);
  } finally {
    closeSync(file);
  }
  writePeerDocs(library, count);
  return { bytes };
}

/** Articles per file of the peer's documents (bench/browser/minisearch-page.ts fetches them one by one). */
const PEER_PART = 2_000;

/** The same library as MiniSearch's documents, for its page in the same browser: .bench/peer-<count>/. */
function writePeerDocs(library: ReturnType<typeof generate>, count: number): void {
  const dir = join(process.cwd(), '.bench', `peer-${count}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let part = 0; part * PEER_PART < library.length; part++) {
    const docs = library.slice(part * PEER_PART, (part + 1) * PEER_PART).map((doc) => ({
      id: doc.article.id,
      title: doc.article.title,
      highlights: doc.highlights.map((h) => h.selectors.quote.exact).join('\n'),
      text: doc.text,
      tags: doc.article.tags,
      site: `${doc.article.siteName ?? ''}\n${new URL(doc.article.url).hostname}`.toLowerCase(),
    }));
    writeFileSync(join(dir, `docs-${part}.json`), JSON.stringify(docs));
  }
}
