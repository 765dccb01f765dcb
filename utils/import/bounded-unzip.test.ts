import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipBomb } from '../../tests/support/zips';
import { IMPORT_LIMITS, unzipBounded } from './bounded-unzip';
import { parseImportFile } from './import-library';

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);
const all = () => true;

describe('unzipBounded', () => {
  it('reads the entries asked for and leaves the rest unread', async () => {
    const zip = zipSync({ 'a.json': strToU8('[1]'), 'big.bin': new Uint8Array(1_000_000), 'dir/b.md': strToU8('> b') });
    const files = await unzipBounded(zip, (name) => !name.endsWith('.bin'), { unpackedBytes: 1_000, entries: 3 });
    expect([...files.keys()].sort()).toEqual(['a.json', 'dir/b.md']);
    expect(text(files.get('dir/b.md'))).toBe('> b');
  });

  it('reads entries written as a stream, whose sizes come after their data', async () => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((_error, chunk) => parts.push(chunk));
    const entry = new ZipDeflate('metadata_0.json');
    zip.add(entry);
    entry.push(strToU8('[{"url":"https://e.com/a"}]'), true);
    zip.end();
    const files = await unzipBounded(new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer()), all);
    expect(text(files.get('metadata_0.json'))).toBe('[{"url":"https://e.com/a"}]');
  });

  it('refuses a zip bomb whose headers say what it inflates to, without inflating it', async () => {
    const bomb = zipBomb(1000, 8, (i) => `highlights/${i}.md`); // ~8 MB that claims 8 GB
    expect(bomb.length).toBeLessThan(10_000_000);
    const started = performance.now();
    await expect(unzipBounded(bomb, all)).rejects.toThrow(/unpacks to more than 256 MB/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses a zip bomb whose headers understate its size, once what came out passes the limit', async () => {
    const bomb = zipBomb(8, 4, (i) => `highlights/${i}.md`, 100);
    await expect(unzipBounded(bomb, all, { unpackedBytes: 2 * 1024 * 1024, entries: 10 })).rejects.toThrow(
      /unpacks to more than 2 MB/,
    );
    // Below the limit the same entries are read whole.
    const files = await unzipBounded(bomb, (name) => name === 'highlights/0.md', {
      unpackedBytes: 5 * 1024 * 1024,
      entries: 10,
    });
    expect(files.get('highlights/0.md')).toHaveLength(4 * 1024 * 1024);
  });

  it('refuses a zip of more entries than an export holds, read or not', async () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`n${i}`, strToU8('x')])));
    await expect(unzipBounded(zip, () => false, { unpackedBytes: 1_000, entries: 10 })).rejects.toThrow(
      /more than 10 files/,
    );
    expect((await unzipBounded(zip, all, { unpackedBytes: 1_000, entries: 11 })).size).toBe(11);
  });

  it('refuses a zip cut short', async () => {
    const zip = zipSync({ 'metadata_0.json': new Uint8Array(100_000).fill(65) }, { level: 0 });
    await expect(unzipBounded(zip.subarray(0, 50_000), all)).rejects.toThrow(/cannot be read/);
  });
});

describe('an import given a zip bomb', () => {
  it('refuses it in words and imports nothing, within the limits', async () => {
    const bomb = zipBomb(100, 8, (i) => `highlights/${i}.md`, 1_000);
    const started = performance.now();
    await expect(parseImportFile(new Blob([bomb]))).rejects.toThrow(/Nothing was imported/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a file larger than an import reads before reading it', async () => {
    const huge = { size: IMPORT_LIMITS.fileBytes + 1, arrayBuffer: () => Promise.reject(new Error('read')) };
    await expect(parseImportFile(huge as unknown as Blob)).rejects.toThrow(/Gleaner imports files up to 500 MB/);
  });
});
