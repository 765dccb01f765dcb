import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveArticle } from '../../db/articles';
import { db } from '../../db/schema';
import { extractedArticle } from '../../db/test-data';
import { inWorker, rebuildLibraryIndex, serveRanges, type RangeAnswer } from './rebuild-worker';
import { indexCoverage, rebuildIndex } from './rebuild';
import { searchTerm } from './term-search';

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterEach(() => vi.unstubAllGlobals());

/**
 * A worker in this thread: what the page posts reaches serveRanges as a structured clone, and what it answers
 * comes back the same way, as between a page and a real worker. `answer` replaces the worker's own answers.
 */
function fakeWorkers(answer?: (post: (data: unknown) => void) => void) {
  const started: FakeWorker[] = [];
  class FakeWorker {
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: { message: string }) => void) | null = null;
    terminated = false;
    private readonly scope = {
      onmessage: null as unknown,
      postMessage: (data: RangeAnswer) => this.deliver(data),
    };
    constructor(readonly url: string) {
      started.push(this);
      serveRanges(this.scope);
    }
    private deliver(data: unknown) {
      if (!this.terminated) setTimeout(() => this.onmessage?.({ data: structuredClone(data) }));
    }
    postMessage(data: unknown) {
      if (answer) return answer((reply) => this.deliver(reply));
      setTimeout(() => (this.scope.onmessage as (event: { data: unknown }) => void)({ data: structuredClone(data) }));
    }
    terminate() {
      this.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return started;
}

async function library(count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = `article ${i % 2 ? 'odd' : 'even'} number n${i} ${'filler '.repeat(i % 5)}`;
    ids.push((await saveArticle(extractedArticle({ url: `https://e.com/${i}`, text }))).id);
  }
  return ids;
}

describe('the index rebuilt in workers', () => {
  it('indexes each range in a worker of its own and finds what the page indexed', async () => {
    const ids = await library(24);
    const expected = await searchTerm('odd');
    const workers = fakeWorkers();
    const progress: number[] = [];
    const ended = await rebuildIndex((done) => progress.push(done), {
      runner: inWorker('/index-worker.js'),
      ranges: 3,
      step: 2,
    });
    expect(ended).toBe(true);
    expect(workers).toHaveLength(3);
    expect(workers.every((worker) => worker.terminated)).toBe(true);
    expect(progress.at(-1)).toBe(24);
    expect(await searchTerm('odd')).toEqual(expected);
    expect([...(await searchTerm('n23')).keys()]).toEqual([ids[23]]);
    expect(await indexCoverage()).toEqual({ indexed: 24, total: 24, rebuilding: false });
  });

  it('says in words when a worker fails, and stops the others', async () => {
    await library(4);
    const workers = fakeWorkers((post) => post({ type: 'failed', message: 'The disk is full.' }));
    await expect(rebuildIndex(() => {}, { runner: inWorker('/index-worker.js'), ranges: 2 })).rejects.toThrow(
      'The disk is full.',
    );
    expect(workers.every((worker) => worker.terminated)).toBe(true);
  });

  it('refuses an answer it cannot read', async () => {
    await library(2);
    fakeWorkers((post) => post({ type: 'done', ended: 'yes' }));
    await expect(rebuildIndex(() => {}, { runner: inWorker('/index-worker.js') })).rejects.toThrow(/unreadable/);
  });

  it('answers a request it cannot read in words, indexing nothing', async () => {
    const answers: RangeAnswer[] = [];
    const scope = { onmessage: null as unknown, postMessage: (answer: RangeAnswer) => answers.push(answer) };
    serveRanges(scope);
    await (scope.onmessage as (event: { data: unknown }) => Promise<void>)({
      data: { range: { build: 'b', keys: [7], firstDoc: 0, firstBlock: 0 }, options: {} },
    });
    expect(answers).toEqual([{ type: 'failed', message: expect.stringMatching(/cannot read/) }]);
  });

  it('runs in the page where there are no workers', async () => {
    await library(3);
    expect(typeof Worker).toBe('undefined');
    expect(await rebuildLibraryIndex()).toBe(true);
    expect(await indexCoverage()).toEqual({ indexed: 3, total: 3, rebuilding: false });
  });
});
