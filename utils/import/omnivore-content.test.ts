// @vitest-environment jsdom
/** Omnivore's content imported as a save stores it: sanitized by DOMPurify, which needs a full DOM (jsdom). */
import { Blob as NodeBlob } from 'node:buffer';
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/schema';
import { searchTerm } from '../search/index/term-search';
import { importItems, parseImportFile } from './import-library';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

const NOW = Date.UTC(2026, 11, 1);
// (Node's Blob: jsdom's cannot be read as an array buffer.)
const file = (content: Uint8Array<ArrayBuffer>, name: string) =>
  Object.assign(new NodeBlob([content]) as unknown as Blob, { name });
const byUrl = async (url: string) => (await db.articles.where('urls').equals(url).first())!;

describe('Omnivore, with the content its export holds', () => {
  const META = [
    { id: 'a', slug: 'cyber', title: 'Cyber attacks', url: 'https://www.itij.com/latest/news/cpi', labels: [] },
    { id: 'b', slug: 'empty', title: 'Nothing in it', url: 'https://empty.example/', labels: [] },
  ];
  const zip = zipSync({
    'metadata_0_to_2.json': strToU8(JSON.stringify(META)),
    'content/cyber.html': strToU8(
      '<div><h1>Cyber attacks</h1><p>Ransomware <b>hit</b> the hospital.</p><p>Patients waited.</p>' +
        '<script>window.bad = 1</script><img src="https://img.example/a.png" onerror="window.bad = 2"></div>',
    ),
    'content/empty.html': strToU8('<div><script>1</script></div>'),
  });

  it('stores it sanitized as a save would, searchable at once, and keeps it when the same file comes again', async () => {
    const parsed = await parseImportFile(file(zip, 'omnivore.zip'), NOW);
    const first = await importItems(parsed, NOW);
    expect(first).toMatchObject({ added: 2, contents: 1 });
    const page = await byUrl('https://www.itij.com/latest/news/cpi');
    const content = (await db.contents.get(page.id))!;
    expect(content.text).toBe('Cyber attacks\nRansomware hit the hospital.\nPatients waited.');
    expect(content.html).not.toMatch(/script|onerror/);
    expect(content.html).toContain('<b>hit</b>');
    expect(page.wordCount).toBe(8);
    // No text, no content: its text comes later, as for any import.
    expect(await db.contents.get((await byUrl('https://empty.example/')).id)).toBeUndefined();
    // The index was rebuilt with it.
    expect([...(await searchTerm('ransomware')).keys()]).toEqual([page.id]);
    const again = await importItems(await parseImportFile(file(zip, 'omnivore.zip'), NOW), NOW + 1);
    expect(again).toMatchObject({ added: 0, unchanged: 2, contents: 0 });
  });
});
