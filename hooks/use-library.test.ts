import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quietReloader, touchesLibrary } from './use-library';

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
