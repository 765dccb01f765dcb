import { beforeEach, describe, expect, it } from 'vitest';
import { removeArticle, saveArticle } from '../../db/articles';
import { db, type SearchBlockRecord } from '../../db/schema';
import { prefixBlocks } from '../../db/search-index';
import { extractedArticle } from '../../db/test-data';
import { scoresById } from './bm25';
import { searchPhrase } from './phrases';
import { indexCoverage, indexRange, indexState, rebuildIndex, type RangeRunner } from './rebuild';
import { parseQuery } from '../query';
import { loadSearchDocs, runSearch } from '../run-search';
import { matchTerm, searchTerm } from './term-search';
import { CJK, forEachWordNumber, hashOf, MAX_TF, NON_WORD, tokens, WordTable } from './tokens';
import { decodePositions, encodePositions, PostingsCursor } from './postings';
import { fold } from '../fold';
import fc from 'fast-check';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('tokens', () => {
  it.each([
    ['Ransomware hit the Hospital.', ['ransomware', 'hit', 'the', 'hospital']],
    ['Café, résumé; e-mail', ['cafe', 'resume', 'e', 'mail']],
    ['東京都に住んでいます', ['東京', '都', 'に', '住', 'んで', 'い', 'ます']],
    ['我们在北京学习中文', ['我们', '在', '北京', '学习', '中文']],
    [`x${'a'.repeat(60)} ok`, ['ok']],
    ['emoji 👍🏽 and 𝐛𝐨𝐥𝐝 math, lone \ud800 surrogate', ['emoji', 'and', 'bold', 'math', 'lone', 'surrogate']],
  ])('%j', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  /** The tokenizer as first written, a regular expression split: the one-pass scan must agree with it. */
  const byRegex = (text: string) =>
    fold(text)
      .split(NON_WORD)
      .filter((run) => run && run.length <= 40)
      .flatMap((run) =>
        CJK.test(run)
          ? [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(run)]
              .filter((s) => s.isWordLike)
              .map((s) => s.segment)
          : [run],
      );
  it('agrees with a split on a regular expression, in any script (property)', () => {
    const pieces = fc.constantFrom(
      'word',
      'Ünïcödé',
      ' ',
      '-',
      '東京',
      'に',
      '𝐛',
      '👍',
      'ß',
      'İ',
      '\u0301',
      '٣',
      '\ud800',
      'x'.repeat(41),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 20 }),
        (parts) => {
          const text = parts.join('');
          expect(tokens(text)).toEqual(byRegex(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('numbers words as the tokens name them, one number per word, across texts and as the table grows (property)', () => {
    const table = new WordTable();
    const pieces = fc.constantFrom('word', 'Ünïcödé', ' ', '-', '東京', 'に', '𝐛', 'ß', '\u0301', 'x'.repeat(41));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 20 }),
        (parts) => {
          const text = parts.join('');
          const numbers: number[] = [];
          forEachWordNumber(text, table, (number) => numbers.push(number));
          expect(numbers.map((number) => table.words[number])).toEqual(tokens(text));
        },
      ),
      { numRuns: 500 },
    );
    // Thousands of words (the slots grow many times over): each keeps its number, and no word is numbered twice.
    const many = Array.from({ length: 30_000 }, (_, i) => `w${i.toString(36)}`);
    const first = many.map((word) => table.numberOf(word));
    forEachWordNumber(many.join(' '), table, (number) => expect(number).toBe(first.shift()));
    expect(new Set(table.words).size).toBe(table.words.length);
  });

  it('tells apart two words of the same hash', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const word = i.toString(36);
      const other = seen.get(hashOf(word));
      if (other !== undefined && other.length === word.length) pair = [other, word];
      else seen.set(hashOf(word), word);
    }
    const table = new WordTable();
    const [a, b] = pair.map((word) => table.numberOf(word));
    expect(a).not.toBe(b);
    const numbers: number[] = [];
    forEachWordNumber(`${pair[1]} ${pair[0]}`, table, (number) => numbers.push(number));
    expect(numbers).toEqual([b, a]);
  });
});

describe('the article text index', () => {
  it('finds saved articles by words of their text, best match first', async () => {
    const once = await saveArticle(
      extractedArticle({
        url: 'https://e.com/once',
        title: 'A',
        text: 'The hospital was hit by ransomware once among many other events and words here.',
      }),
    );
    const often = await saveArticle(
      extractedArticle({
        url: 'https://e.com/often',
        title: 'B',
        text: 'Ransomware, ransomware, ransomware: the hospital story.',
      }),
    );
    await saveArticle(extractedArticle({ url: 'https://e.com/none', title: 'C', text: 'Nothing to see.' }));
    const scores = await searchTerm('ransomware');
    expect([...scores.keys()].sort()).toEqual([once.id, often.id].sort());
    expect(scores.get(often.id)!).toBeGreaterThan(scores.get(once.id)!);
    expect([...(await searchTerm('ransom', true)).keys()].sort()).toEqual([once.id, often.id].sort());
    expect((await searchTerm('ransom')).size).toBe(0);
  });

  it('follows re-saves and removals', async () => {
    const article = await saveArticle(extractedArticle({ text: 'First version about hospitals.' }));
    await saveArticle(extractedArticle({ text: 'Second version about schools.' }));
    expect((await searchTerm('hospitals')).size).toBe(0);
    expect([...(await searchTerm('schools')).keys()]).toEqual([article.id]);
    await removeArticle(article.id);
    expect((await searchTerm('schools')).size).toBe(0);
    expect(await db.searchBlocks.count()).toBe(0);
  });

  it('finds Chinese and Japanese words', async () => {
    const article = await saveArticle(extractedArticle({ text: '我们在北京学习中文。東京都に住んでいます。' }));
    expect([...(await searchTerm('北京')).keys()]).toEqual([article.id]);
    expect([...(await searchTerm('東京')).keys()]).toEqual([article.id]);
  });

  it('matches exact phrases from word positions, in order and next to each other, across punctuation', async () => {
    const a = await saveArticle(
      extractedArticle({ url: 'https://e.com/a', text: 'The hospital was not ready. Were not the nurses warned?' }),
    );
    const b = await saveArticle(
      extractedArticle({
        url: 'https://e.com/b',
        text: 'Not ready, the hospital was. Ready or not, hospital staff were warned.',
      }),
    );
    const c = await saveArticle(
      extractedArticle({ url: 'https://e.com/c', text: 'Warned, were they? Not at all: warned were not the staff.' }),
    );
    const ids = async (phrase: string) => [...scoresById(await searchPhrase(phrase)).keys()].sort();
    expect(await ids('were not')).toEqual([a.id, c.id].sort());
    expect(await ids('not ready')).toEqual([a.id, b.id].sort());
    expect(await ids('ready, the hospital')).toEqual([b.id]); // punctuation in the phrase or the text does not count
    expect(await ids('hospital not')).toEqual([]);
    expect(await ids('the nurses warned')).toEqual([a.id]);
    expect(await ids('warned were not the')).toEqual([c.id]);
    expect(await ids('unknown words')).toEqual([]);
    // The same after a rebuild, and after one article is taken out of a shared block.
    await rebuildIndex();
    expect(await ids('were not')).toEqual([a.id, c.id].sort());
    await saveArticle(extractedArticle({ url: 'https://e.com/a', text: 'Rewritten: nothing here.' }));
    expect(await ids('were not')).toEqual([c.id]);
    expect(await ids('not ready')).toEqual([b.id]);
    expect(await ids('warned were not the')).toEqual([c.id]);
  });

  it('keeps positions right for repeated words and long texts', async () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i % 700}`);
    words[2500] = 'needle';
    words[2501] = 'haystack';
    const article = await saveArticle(extractedArticle({ text: words.join(' ') }));
    expect([...scoresById(await searchPhrase('needle haystack')).keys()]).toEqual([article.id]);
    expect([...scoresById(await searchPhrase('w699 w0 w1')).keys()]).toEqual([article.id]);
    expect(scoresById(await searchPhrase('haystack needle')).size).toBe(0);
    expect(scoresById(await searchPhrase('w1 w0')).size).toBe(0);
  });

  it('finds a phrase from the word an article holds least often, wherever that word is', async () => {
    // "you" is the rarer word here, and its first occurrence opens the text: no phrase can begin before it.
    const opening = await saveArticle(extractedArticle({ url: 'https://e.com/o', text: 'You and and and, then and.' }));
    const inside = await saveArticle(extractedArticle({ url: 'https://e.com/i', text: 'And and and you, and you.' }));
    expect([...scoresById(await searchPhrase('and you')).keys()]).toEqual([inside.id]);
    expect([...scoresById(await searchPhrase('you and and')).keys()]).toEqual([opening.id]);
    expect([...scoresById(await searchPhrase('and and you')).keys()]).toEqual([inside.id]);
  });
});

describe('a postings cursor', () => {
  /** A block of `term` holding `docs`, each with the positions given. */
  const block = (n: number, docs: Array<[number, number[]]>): SearchBlockRecord => {
    const pos: number[] = [];
    for (const [, positions] of docs) encodePositions(positions, pos);
    return {
      term: 't',
      block: n,
      docs: Uint32Array.from(docs, ([docNo]) => docNo),
      tfs: Uint16Array.from(docs, ([, positions]) => positions.length),
      lens: Uint32Array.from(docs, () => 10),
      pos: Uint8Array.from(pos),
    };
  };

  it('seeks past whole blocks and within one, and reads the positions of the document it stops at', () => {
    const cursor = new PostingsCursor([
      block(0, [
        [1, [0, 300]],
        [4, [2]],
      ]),
      block(1, [
        [9, [5, 6, 7]],
        [12, [1, 200_000]],
      ]),
      block(2, [[20, [3]]]),
    ]);
    cursor.seek(10);
    expect(cursor.docNo).toBe(12);
    cursor.read();
    expect([...cursor.positions.subarray(0, cursor.tf)]).toEqual([1, 200_000]);
    cursor.seek(12); // already there
    expect(cursor.docNo).toBe(12);
    cursor.seek(13);
    expect(cursor.docNo).toBe(20);
    cursor.read();
    expect([...cursor.positions.subarray(0, cursor.tf)]).toEqual([3]);
    cursor.seek(21);
    expect(cursor.docNo).toBe(Infinity);
  });
});

describe('prefixes', () => {
  /** The `n`-th word of a family sharing `stem` ("zetaaa", "zetaab", …). */
  const word = (stem: string, n: number) => `${stem}${String.fromCharCode(97 + Math.floor(n / 26), 97 + (n % 26))}`;
  /** Saves one article per word, each holding that word alone of the family. */
  const saveFamily = (stem: string, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, n) =>
        saveArticle(
          extractedArticle({ url: `https://news.example/${stem}/${n}`, text: `About ${word(stem, n)} today.` }),
        ),
      ),
    );

  it('finds every article of a prefix that begins a few dozen words, and says the count is complete', async () => {
    await saveFamily('zeta', 40);
    const matches = await matchTerm('zeta', true);
    expect(scoresById(matches.scores).size).toBe(40);
    expect(matches.complete).toBe(true);
  });

  it('says so when a prefix begins more words than are read, and reads no fewer than the limit', async () => {
    await saveFamily('zeta', 70);
    const matches = await matchTerm('zeta', true);
    expect(matches.complete).toBe(false);
    expect(scoresById(matches.scores).size).toBe(64);
    // Typing on narrows it: a whole word is exact again.
    expect((await matchTerm(word('zeta', 69), true)).complete).toBe(true);
    expect(scoresById((await matchTerm(word('zeta', 69), true)).scores).size).toBe(1);
  });

  it('keeps to a budget of postings blocks too, and then says the count is a lower bound', async () => {
    await saveFamily('zeta', 40);
    // Every word has one block here: among equals the alphabetical order decides.
    expect((await prefixBlocks('zeta', 64, 1_000)).complete).toBe(true);
    const budgeted = await prefixBlocks('zeta', 64, 10);
    expect(budgeted.complete).toBe(false);
    expect(budgeted.blocks.map((block) => block.term)).toEqual(Array.from({ length: 10 }, (_, n) => word('zeta', n)));
  });

  it('runs through to the search: the count of a capped prefix is not claimed exact', async () => {
    await saveFamily('zeta', 70);
    const docs = await loadSearchDocs();
    const typing = await runSearch(docs, parseQuery('zeta'));
    expect(typing.exact).toBe(false);
    expect(typing.ranking.length).toBeGreaterThanOrEqual(64);
    const settled = await runSearch(docs, parseQuery('zeta '));
    expect(settled.exact).toBe(true);
    expect(settled.ranking.length).toBe(0);
  });
});

describe('rebuilding the index', () => {
  const VOCABULARY = ['hospital', 'ransomware', 'health', 'crisis', 'attack', 'nurse', 'data', 'the', 'of', 'a'];
  /** Articles of words drawn from a small vocabulary (many articles share each word). */
  async function library(count: number, seed: number) {
    let state = seed;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 16; // the high bits
    const saved: string[] = [];
    for (let i = 0; i < count; i++) {
      const words = Array.from({ length: 5 + (next() % 40) }, () => VOCABULARY[next() % VOCABULARY.length]!);
      saved.push(
        (await saveArticle(extractedArticle({ url: `https://e.com/${seed}/${i}`, text: words.join(' ') }))).id,
      );
    }
    return saved;
  }
  /** What searches find: terms with their scores, prefixes, phrases. */
  const findings = async () => ({
    terms: await Promise.all(VOCABULARY.map(async (word) => [...(await searchTerm(word)).entries()].sort())),
    prefix: [...(await searchTerm('h', true)).keys()].sort(),
    phrase: [...scoresById(await searchPhrase('health crisis')).keys()].sort(),
  });

  it.each([1, 3])(
    'in small steps and parts, with a tiny memory budget, in %i ranges, finds exactly what saving article by article indexed',
    async (ranges) => {
      await library(60, 7);
      const expected = await findings();
      const progress: number[] = [];
      expect(
        await rebuildIndex((done) => progress.push(done), {
          step: 7,
          heldBudget: 300 * ranges,
          writeBudget: 200,
          ranges,
        }),
      ).toBe(true);
      expect(progress.at(-1)).toBe(60);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      // The budget broke words' postings into many partial blocks: still one posting per article and word.
      expect(
        await db.searchBlocks.where('[term+block]').between(['the', 0], ['the', Infinity]).count(),
      ).toBeGreaterThan(1);
      expect(await findings()).toEqual(expected);
      expect(await indexCoverage()).toEqual({ indexed: 60, total: 60, rebuilding: false });
      // Saving onto partial blocks afterwards still works.
      const added = await saveArticle(extractedArticle({ url: 'https://e.com/after', text: 'health crisis after' }));
      expect(scoresById(await searchPhrase('health crisis')).has(added.id)).toBe(true);
    },
  );

  /** Every posting stored: per word and article, the word's positions in the article. */
  async function postings() {
    const articleOf = new Map((await db.searchDocs.toArray()).map((doc) => [doc.docNo, doc.articleId]));
    const out = new Map<string, string>();
    for (const block of await db.searchBlocks.toArray()) {
      let at = 0;
      block.docs.forEach((docNo, i) => {
        const positions = new Int32Array(block.tfs[i]!);
        at = decodePositions(block.pos, at, positions.length, positions);
        out.set(`${block.term} ${articleOf.get(docNo)}`, `${block.lens[i]}: ${positions.join(',')}`);
      });
    }
    return out;
  }

  it('with thousands of words and long articles, stores exactly what saving article by article stored', async () => {
    let state = 11;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
    const word = () => `w${(next() % 6000).toString(36)}`;
    const texts = [
      // Longer than the rebuild's first buffers, and one word past the most occurrences counted.
      Array.from({ length: 9000 }, word).join(' '),
      `${'again '.repeat(MAX_TF + 5)}end`,
      ...Array.from({ length: 40 }, () => Array.from({ length: 1 + (next() % 900) }, word).join(' ')),
      'Café 東京都に住んでいます naïve',
    ];
    for (const [i, text] of texts.entries())
      await saveArticle(extractedArticle({ url: `https://e.com/long/${i}`, text }));
    const expected = await postings();
    expect(expected.size).toBeGreaterThan(5000);
    expect(await rebuildIndex(() => {}, { step: 6 })).toBe(true);
    expect(await postings()).toEqual(expected);
    // In ranges side by side, each with a share of the budget: the same postings, and each word's blocks in
    // document order.
    expect(await rebuildIndex(() => {}, { step: 6, ranges: 4, heldBudget: 40_000 })).toBe(true);
    expect(await postings()).toEqual(expected);
    let last = { term: '', docNo: -1 };
    for (const block of await db.searchBlocks.toArray()) {
      if (block.term !== last.term) last = { term: block.term, docNo: -1 };
      expect(block.docs[0]).toBeGreaterThan(last.docNo);
      last.docNo = block.docs.at(-1)!;
    }
  });

  it('stops every range when one fails, and says why', async () => {
    await library(40, 9);
    const reached: number[] = [];
    const failing: RangeRunner = async (range, onProgress, options, signal) => {
      if (range.firstDoc === 0) throw new Error('The disk is full');
      const done = await indexRange(range, (n) => reached.push(n), { ...options, step: 2 }, signal);
      return done;
    };
    await expect(rebuildIndex(() => {}, { ranges: 2, runner: failing })).rejects.toThrow('The disk is full');
    // The other range stopped at its next pause rather than indexing all its articles.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reached.at(-1) ?? 0).toBeLessThan(20);
    expect((await indexState()).rebuilding).toBe(true);
  });

  it('indexes what is saved or removed while it runs, when it ends', async () => {
    const ids = await library(30, 3);
    let during = null as Promise<unknown> | null;
    const rebuilt = rebuildIndex(
      (done) => {
        if (done >= 10 && !during) {
          during = Promise.all([
            saveArticle(extractedArticle({ url: 'https://e.com/during', text: 'zeppelin hospital' })),
            removeArticle(ids[0]!),
            removeArticle(ids[29]!),
          ]);
        }
      },
      { step: 5, ranges: 2 },
    );
    expect(await rebuilt).toBe(true);
    await during;
    const [added] = await db.articles.where('url').equals('https://e.com/during').primaryKeys();
    expect([...(await searchTerm('zeppelin')).keys()]).toEqual([added]);
    const hospital = await searchTerm('hospital');
    expect(hospital.has(ids[0]!) || hospital.has(ids[29]!)).toBe(false);
    expect(await indexCoverage()).toEqual({ indexed: 29, total: 29, rebuilding: false });
  });

  it('a rebuild begun while another runs takes over; the first stops and the index is whole', async () => {
    await library(40, 5);
    const expected = await findings();
    let second = null as Promise<boolean> | null;
    const first = rebuildIndex(
      (done) => {
        if (done >= 8) second ??= rebuildIndex(() => {}, { step: 4 });
      },
      { step: 4 },
    );
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(await findings()).toEqual(expected);
  });
});
