/** Highlights changed from Gleaner's pages (the popup, the panel frame): the library changes, words when not. */
import { beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '../db/articles';
import { addHighlight, getHighlight } from '../db/highlights';
import { db } from '../db/schema';
import { extractedArticle, quoteSelectors } from '../db/test-data';
import type { HighlightRecord } from '../records/types';
import { bringBackHighlight, changeHighlight, removeHighlight } from './tab-highlights';

const PAGE_A = 'https://news.example/a';
const PAGE_B = 'https://other.example/b';

let onA: HighlightRecord;
let onB: HighlightRecord;

beforeEach(async () => {
  await db.delete();
  await db.open();
  const a = await saveArticle(extractedArticle({ url: PAGE_A, title: 'A' }));
  const b = await saveArticle(extractedArticle({ url: PAGE_B, title: 'B' }));
  onA = await addHighlight(a.id, quoteSelectors('Body'), 'yellow');
  onB = await addHighlight(b.id, quoteSelectors('text'), 'green');
});

describe('highlights changed from an extension page', () => {
  it("change any page's highlights", async () => {
    expect((await changeHighlight(onB.id, { note: 'from the popup' })).note).toBe('from the popup');
    await removeHighlight(onA.id);
    expect(await getHighlight(onA.id)).toBeNull();
    await bringBackHighlight({ ...onA, note: 'back' });
    expect((await getHighlight(onA.id))?.note).toBe('back');
  });

  it('say in words when the highlight is gone', async () => {
    await removeHighlight(onA.id);
    await expect(changeHighlight(onA.id, { note: 'x' })).rejects.toThrow('This highlight was deleted.');
    await expect(removeHighlight(onA.id)).rejects.toThrow('This highlight was already deleted.');
  });
});
