/**
 * Exports of the library from an extension page: one article as Markdown, many as a zip of `.md` files (built
 * with fflate's streaming zip, a batch of articles at a time, yielding between batches so that the page stays
 * responsive and shows progress at 10,000 articles).
 */
import { Zip, ZipDeflate } from 'fflate';
import { db } from '../db/schema';
import { groupBy } from '../group';
import { FileNames } from './file-names';
import { articleToMarkdown, type ArticleBundle, type MarkdownOptions } from './markdown';
import { timeSlices } from '../time-slices';

/** Articles read per step. */
const BATCH = 100;
/** Longest stretch of conversion without letting the page respond. */
const YIELD_MS = 50;

/** The bundles of `ids` (in that order; ids no longer in the library are skipped). */
async function bundlesOf(ids: readonly string[], withContent: boolean): Promise<ArticleBundle[]> {
  const [articles, contents, highlights] = await db.transaction('r', db.articles, db.contents, db.highlights, () =>
    Promise.all([
      db.articles.bulkGet([...ids]),
      withContent ? db.contents.bulkGet([...ids]) : [],
      db.highlights
        .where('articleId')
        .anyOf([...ids])
        .toArray(),
    ]),
  );
  const byArticle = groupBy(highlights, (h) => h.articleId);
  return articles.flatMap((article, i) =>
    article ? [{ article, content: contents[i] ?? null, highlights: byArticle.get(article.id) ?? [] }] : [],
  );
}

/** One article as Markdown, or null if it is no longer in the library. */
export async function articleMarkdown(
  id: string,
  options: MarkdownOptions,
): Promise<{ name: string; markdown: string } | null> {
  const [bundle] = await bundlesOf([id], options.fullText);
  if (!bundle) return null;
  return { name: new FileNames().next(bundle.article.title, 'md'), markdown: articleToMarkdown(bundle, options) };
}

const encoder = new TextEncoder();
/** Zip files hold dates from 1980 to 2099 only: others (an imported record's 0) get the time of the export. */
const zipTime = (epoch: number) =>
  epoch >= Date.UTC(1980, 0, 2) && epoch < Date.UTC(2099, 11, 31) ? new Date(epoch) : new Date();

/**
 * A zip holding one `.md` file per article of `ids` (all articles when null, newest first), reporting
 * progress after each batch.
 */
export async function markdownZip(
  ids: readonly string[] | null,
  options: MarkdownOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ zip: Blob; count: number }> {
  const all = ids ?? (await db.articles.orderBy('createdAt').reverse().primaryKeys());
  const chunks: Uint8Array[] = [];
  // Set by fflate's callback, which TypeScript cannot see run: declared so that it is not narrowed to null.
  let failure = null as Error | null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  const names = new FileNames();
  let count = 0;
  const slices = timeSlices(YIELD_MS);
  onProgress(0, all.length);
  for (let start = 0; start < all.length; start += BATCH) {
    for (const bundle of await bundlesOf(all.slice(start, start + BATCH), options.fullText)) {
      const file = new ZipDeflate(names.next(bundle.article.title, 'md'), { level: 6 });
      file.mtime = zipTime(bundle.article.updatedAt);
      zip.add(file);
      file.push(encoder.encode(articleToMarkdown(bundle, options)), true);
      count++;
      if (failure) throw failure;
      // Converting long articles takes milliseconds each: the page gets a turn at least every 50 ms.
      if (slices.due) {
        onProgress(count, all.length);
        await slices.pause();
      }
    }
    onProgress(Math.min(all.length, start + BATCH), all.length);
  }
  zip.end();
  if (failure) throw failure;
  return { zip: new Blob(chunks as BlobPart[], { type: 'application/zip' }), count };
}

/** Offers `blob` to the user as a download named `name` (from an extension page). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once the click returns; the URL is kept a little for slow file dialogs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
