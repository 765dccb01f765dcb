// @vitest-environment jsdom
import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '../db/articles';
import { addHighlight } from '../db/highlights';
import { db } from '../db/schema';
import { extractedArticle } from '../db/test-data';
import { articleMarkdown, markdownZip } from './export-library';

/** A Blob's bytes (jsdom's Blob has no arrayBuffer()). */
const bytesOf = (blob: Blob) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('exporting the library', () => {
  it("zips one .md per article, unique names, newest first, with progress, whatever the records' dates", async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a', title: 'Same: title', text: 'First.' }), 0);
    await saveArticle(
      extractedArticle({ url: 'https://e.com/b', title: 'Same/ title', text: 'Second.' }),
      Date.UTC(2024, 0, 1),
    );
    await addHighlight(
      a.id,
      {
        quote: { type: 'TextQuoteSelector', exact: 'First', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 5 },
      },
      'blue',
      'mine',
    );
    const progress: Array<[number, number]> = [];
    const { zip, count } = await markdownZip(null, { fullText: true }, (done, total) => progress.push([done, total]));
    expect(count).toBe(2);
    expect([progress[0], progress.at(-1)]).toEqual([
      [0, 2],
      [2, 2],
    ]);
    const files = unzipSync(await bytesOf(zip));
    expect(Object.keys(files)).toEqual(['Same title.md', 'Same title (2).md']);
    expect(strFromU8(files['Same title (2).md']!)).toContain('> First\n\n- Colour: blue\n- Note: mine');
    expect(strFromU8(files['Same title (2).md']!)).toContain('## Article\n\nBody text.');
  });

  it('exports only the given results, and one article on its own', async () => {
    const a = await saveArticle(extractedArticle({ url: 'https://e.com/a', title: 'Kept' }));
    await saveArticle(extractedArticle({ url: 'https://e.com/b', title: 'Left out' }));
    const files = unzipSync(await bytesOf((await markdownZip([a.id], { fullText: false })).zip));
    expect(Object.keys(files)).toEqual(['Kept.md']);
    expect(await articleMarkdown(a.id, { fullText: false })).toMatchObject({
      name: 'Kept.md',
      markdown: expect.stringMatching(/^---\ntitle: Kept\n/),
    });
    expect(await articleMarkdown(crypto.randomUUID(), { fullText: false })).toBeNull();
  });
});
