import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changedArticles, quietReloader, touchesLibrary, withChanges } from './use-library';

describe('touchesLibrary', () => {
  it('is true for changes to the articles or highlights of this database, not to others', () => {
    expect(touchesLibrary({ 'idb://gleaner/articles/': {} as never }, 'gleaner')).toBe(true);
    expect(touchesLibrary({ 'idb://gleaner/highlights/articleId': {} as never }, 'gleaner')).toBe(true);
    expect(touchesLibrary({ 'idb://gleaner/searchBlocks/': {} as never }, 'gleaner')).toBe(false);
    expect(touchesLibrary({ 'idb://other/articles/': {} as never }, 'gleaner')).toBe(false);
  });
});

describe('quietReloader', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A page whose visibility the test sets. */
  function page(hidden: boolean) {
    const target = new EventTarget() as EventTarget & { hidden: boolean };
    target.hidden = hidden;
    return target;
  }

  it('reloads once a burst of changes has been quiet, once', () => {
    const reload = vi.fn();
    const reloader = quietReloader(reload, 400, page(false) as unknown as Document);
    for (let i = 0; i < 5; i++) {
      reloader.changed();
      vi.advanceTimersByTime(100);
    }
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(reload).toHaveBeenCalledTimes(1);
    reloader.stop();
  });

  it('reloads all the same when changes go on without a pause (a queue writing articles)', () => {
    const reload = vi.fn();
    const reloader = quietReloader(reload, 400, page(false) as unknown as Document);
    for (let i = 0; i < 50; i++) {
      reloader.changed();
      vi.advanceTimersByTime(100);
    }
    // Five seconds of changes every 100 ms: read after the first three, then after the next ones began.
    expect(reload).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(400);
    expect(reload).toHaveBeenCalledTimes(2);
    reloader.stop();
  });

  it('while the page is hidden, waits until it is shown', () => {
    const reload = vi.fn();
    const hidden = page(true);
    const reloader = quietReloader(reload, 400, hidden as unknown as Document);
    reloader.changed();
    vi.advanceTimersByTime(1_000);
    expect(reload).not.toHaveBeenCalled();
    hidden.hidden = false;
    hidden.dispatchEvent(new Event('visibilitychange'));
    expect(reload).toHaveBeenCalledTimes(1);
    hidden.dispatchEvent(new Event('visibilitychange'));
    expect(reload).toHaveBeenCalledTimes(1); // nothing missed since
    reloader.stop();
  });
});

describe('changedArticles and withChanges', () => {
  const one = (key: string) => ({ from: key, to: key, d: 1 });
  it('names the articles written, and those whose highlights changed; null when a change does not say', () => {
    expect(changedArticles({ 'idb://gleaner/articles/': one('a') }, 'gleaner')).toEqual(new Set(['a']));
    const tree = { from: 'b', to: 'b', d: 2, l: one('a'), r: null };
    expect(changedArticles({ 'idb://gleaner/articles/': tree }, 'gleaner')).toEqual(new Set(['a', 'b']));
    expect(
      changedArticles(
        { 'idb://gleaner/highlights/': one('h1'), 'idb://gleaner/highlights/articleId': one('c') },
        'gleaner',
      ),
    ).toEqual(new Set(['c']));
    // A clear reports a range; a highlight change without its article is not known article by article.
    expect(changedArticles({ 'idb://gleaner/articles/': { from: '', to: '\uffff', d: 1 } }, 'gleaner')).toBe(null);
    expect(changedArticles({ 'idb://gleaner/highlights/': one('h1') }, 'gleaner')).toBe(null);
    // A removal that deleted no highlights reports them as an empty set: the article alone is read.
    const removal = { 'idb://gleaner/highlights/': { d: 0 } as never, 'idb://gleaner/articles/': one('a') as never };
    expect(changedArticles(removal, 'gleaner')).toEqual(new Set(['a']));
  });

  it('replaces, removes and adds the changed articles, keeping the others as they were', () => {
    const doc = (id: string, title = id) => ({ article: { id, title } as never, highlights: [] });
    const library = [doc('a'), doc('b'), doc('c')];
    const next = withChanges(library, new Set(['b', 'c', 'd']), [doc('b', 'new b'), doc('d')]);
    expect(next.map((d) => [d.article.id, (d.article as { title: string }).title])).toEqual([
      ['a', 'a'],
      ['b', 'new b'],
      ['d', 'd'],
    ]);
    expect(next[0]).toBe(library[0]);
  });
});
