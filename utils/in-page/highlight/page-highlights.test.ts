import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTextModel } from '../../anchoring/text-model';
import { selectorsAt } from '../../anchoring/selectors';
import type { HighlightRecord } from '../../records/types';
import { highlightElements } from './draw';
import { PageHighlights } from './page-highlights';

function record(html: string, needle: string, id = crypto.randomUUID()): HighlightRecord {
  document.body.innerHTML = html;
  const model = buildTextModel(document.body);
  const start = model.text.indexOf(needle);
  return {
    id,
    articleId: crypto.randomUUID(),
    selectors: selectorsAt(model, start, start + needle.length),
    color: 'yellow',
    note: '',
    createdAt: 1,
    updatedAt: 1,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PageHighlights', () => {
  it('draws what it finds and reports what it does not', () => {
    const found = record('<p>Alpha beta gamma.</p><p>Delta epsilon.</p>', 'beta gamma');
    const lost = {
      ...record('<p>Alpha beta gamma.</p><p>Delta epsilon.</p>', 'Delta epsilon'),
      id: crypto.randomUUID(),
    };
    document.body.innerHTML = '<p>Alpha beta gamma.</p><p>Something else entirely now.</p>';
    const page = new PageHighlights(document);
    expect(page.draw([found, lost], false)).toEqual({ [found.id]: 'anchored', [lost.id]: 'orphaned' });
    expect(
      highlightElements(document, found.id)
        .map((el) => el.textContent)
        .join(''),
    ).toBe('beta gamma');
    expect(highlightElements(document, lost.id)).toHaveLength(0);
  });

  it('leaves what a replacing draw would draw again as it is, and repaints only what changed', () => {
    const html = '<p>Alpha beta gamma.</p><p>Delta epsilon zeta.</p>';
    const same = record(html, 'beta');
    const recoloured = record(html, 'Delta');
    const gone = record(html, 'zeta');
    document.body.innerHTML = html;
    const page = new PageHighlights(document);
    const lists: string[][] = [];
    page.onPaintedChange = (painted) => lists.push(painted.map((h) => `${h.color}${h.noted ? ' noted' : ''}`));
    page.draw([same, recoloured, gone], true);
    const paint = vi.spyOn(page.painter, 'paint');
    const kept = highlightElements(document, same.id)[0];
    lists.length = 0;
    page.draw([same, { ...recoloured, color: 'green', noted: true }], true);
    expect(paint.mock.calls.map(([, id]) => id)).toEqual([recoloured.id]);
    expect(highlightElements(document, same.id)[0]).toBe(kept); // the very element: untouched
    expect(highlightElements(document, gone.id)).toHaveLength(0);
    // Only the new state told, never an empty list in between (the keyboard list keeps its buttons, and focus).
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list).toEqual(['yellow', 'green noted']);
  });

  it('tells where it found highlights away from their stored position, or without one', () => {
    const html = '<p>Alpha beta.</p><p>Gamma delta.</p><p>Epsilon zeta.</p>';
    const first = record(html, 'Alpha beta');
    const moved = record(html, 'Gamma delta');
    const quoteOnly = record(html, 'Epsilon');
    quoteOnly.selectors = { quote: quoteOnly.selectors.quote };
    document.body.innerHTML = `<p>New first paragraph.</p>${html}`;
    // The page grew a paragraph above: all three are found by their quotes, elsewhere than they were.
    const page = new PageHighlights(document);
    page.draw([first, moved, quoteOnly], false);
    const text = buildTextModel(document.body).text;
    const placeOf = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    expect(page.foundPlaces()).toEqual({
      [first.id]: placeOf('Alpha beta'),
      [moved.id]: placeOf('Gamma delta'),
      [quoteOnly.id]: placeOf('Epsilon'),
    });
    // Drawn again where their positions now say, they are found by position: nothing to tell.
    const kept = [first, moved, quoteOnly].map((h) => ({
      ...h,
      selectors: { ...h.selectors, position: { type: 'TextPositionSelector' as const, ...page.foundPlaces()[h.id]! } },
    }));
    page.draw(kept, true);
    expect(page.foundPlaces()).toEqual({});
  });

  it('finds a highlight in content that arrives after the page loaded', async () => {
    vi.useFakeTimers();
    const late = record('<article><p>The late paragraph holds the quote we want.</p></article>', 'the quote we want');
    document.body.innerHTML = '<article></article>';
    const page = new PageHighlights(document);
    expect(page.draw([late], false)[late.id]).toBe('orphaned');
    document.querySelector('article')!.innerHTML = '<p>The late paragraph holds the quote we want.</p>';
    await vi.advanceTimersByTimeAsync(1000);
    expect(page.statuses()[late.id]).toBe('anchored');
    expect(
      highlightElements(document, late.id)
        .map((el) => el.textContent)
        .join(''),
    ).toBe('the quote we want');
  });

  describe('on a page that changes itself while open', () => {
    const ARTICLE = '<article><p>Intro text here.</p><p>The key sentence we highlighted today.</p></article>';
    const drawnText = (id: string) =>
      highlightElements(document, id)
        .map((el) => el.textContent)
        .join('');

    it('draws a highlight again when the page re-renders its article, and says it is found only while drawn', async () => {
      vi.useFakeTimers();
      const h = record(ARTICLE, 'key sentence');
      const page = new PageHighlights(document);
      page.draw([h], false);
      // A framework renders the article afresh from its own copy of the markup: our marks are gone.
      document.body.innerHTML = ARTICLE;
      expect(highlightElements(document, h.id)).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(500);
      expect(page.statuses()[h.id]).toBe('anchored');
      expect(drawnText(h.id)).toBe('key sentence');
    });

    it('takes a highlight off text the page edits in place, leaving exactly the page text, and looks for it again', async () => {
      vi.useFakeTimers();
      const h = record(ARTICLE, 'key sentence');
      const page = new PageHighlights(document);
      page.draw([h], false);
      const [mark] = highlightElements(document, h.id);
      mark!.firstChild!.textContent = 'whole other words';
      await vi.advanceTimersByTimeAsync(500);
      expect(highlightElements(document, h.id)).toHaveLength(0);
      expect(document.querySelector('article')!.textContent).toBe(
        'Intro text here.The whole other words we highlighted today.',
      );
      expect(page.statuses()[h.id]).toBe('orphaned');
    });

    it('reports a highlight whose paragraph left the page as not found, and finds it when it comes back', async () => {
      vi.useFakeTimers();
      const h = record(ARTICLE, 'key sentence');
      const page = new PageHighlights(document);
      page.draw([h], false);
      document.querySelector('article p:last-child')!.remove();
      await vi.advanceTimersByTimeAsync(500);
      expect(page.statuses()[h.id]).toBe('orphaned');
      // Long after the draw: tried again at most every few seconds.
      await vi.advanceTimersByTimeAsync(20_000);
      document
        .querySelector('article')!
        .insertAdjacentHTML('beforeend', '<p>The key sentence we highlighted today.</p>');
      await vi.advanceTimersByTimeAsync(6_000);
      document.querySelector('article')!.append(' '); // the page changes again: the next settle may try
      await vi.advanceTimersByTimeAsync(500);
      expect(page.statuses()[h.id]).toBe('anchored');
      expect(drawnText(h.id)).toBe('key sentence');
    });

    it('leaves drawn highlights alone on a page that never stops changing elsewhere (a ticking clock)', async () => {
      vi.useFakeTimers();
      const h = record(`${ARTICLE}<p id="clock">0</p>`, 'key sentence');
      const page = new PageHighlights(document);
      page.draw([h], false);
      const [mark] = highlightElements(document, h.id);
      const clock = document.querySelector('#clock')!;
      for (let tick = 1; tick <= 20; tick++) {
        clock.textContent = String(tick);
        await vi.advanceTimersByTimeAsync(250);
      }
      expect(highlightElements(document, h.id)).toEqual([mark]);
      expect(page.statuses()[h.id]).toBe('anchored');
    });
  });

  it('replaces everything drawn when asked (a single-page app changed page)', () => {
    const first = record('<p>One two three four.</p>', 'two three');
    const page = new PageHighlights(document);
    page.draw([first], false);
    expect(page.draw([], true)).toEqual({});
    expect(document.body.innerHTML).toBe('<p>One two three four.</p>');
  });

  it('describes the current selection', () => {
    document.body.innerHTML = '<p>Select these words here.</p>';
    const text = document.querySelector('p')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 7);
    range.setEnd(text, 18);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    expect(new PageHighlights(document).describeSelection()?.quote.exact).toBe('these words');
    getSelection()!.removeAllRanges();
    expect(new PageHighlights(document).describeSelection()).toBeNull();
  });
});
