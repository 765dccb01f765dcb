import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { backgroundProtocol } from './protocol';
import { HighlightPlacesSchema, pageSchemas } from './page-protocol';
import type { HandlersFor } from './envelope';
import { dispatch, senderKind } from './receive';
import type { requestSchemas, Responses } from './protocol';

type Handlers = HandlersFor<typeof requestSchemas, Responses>;

const self = { id: 'gleaner-id', origin: 'chrome-extension://gleaner-id/' };
const popup: Browser.runtime.MessageSender = { id: 'gleaner-id', url: 'chrome-extension://gleaner-id/popup.html' };
const contentScript: Browser.runtime.MessageSender = {
  id: 'gleaner-id',
  url: 'https://news.example/a',
  tab: { id: 7 } as Browser.tabs.Tab,
};
const otherExtension: Browser.runtime.MessageSender = {
  id: 'someone-else',
  url: 'chrome-extension://someone-else/x.html',
};

function handlers(): Handlers {
  return {
    getPage: vi.fn(async () => ({
      extraction: { ok: false as const, reason: 'no-article' as const, message: 'none' },
      article: null,
    })),
    savePage: vi.fn(async () => {
      throw new Error('Gleaner found no article on this page.');
    }),
    saveBookmark: vi.fn(async () => {
      throw new Error('not called');
    }),
    updateArticle: vi.fn(async () => {
      throw new Error('not called');
    }),
    removeArticle: vi.fn(async () => null),
    restoreArticle: vi.fn(async () => {
      throw new Error('not called');
    }),
    setArticleStates: vi.fn(async () => {
      throw new Error('not called');
    }),
    listTags: vi.fn(async () => [{ tag: 'health', count: 2 }]),
    highlightSelection: vi.fn(async () => {
      throw new Error('Select some text on the page first, then highlight it.');
    }),
    listHighlights: vi.fn(async () => []),
    wakeFetching: vi.fn(async () => null),
    fetchIdle: vi.fn(async () => null),
    scrollToHighlight: vi.fn(async () => true),
    getHighlight: vi.fn(async () => {
      throw new Error('not called');
    }),
    panelEvent: vi.fn(async () => null),
    updateHighlight: vi.fn(async () => {
      throw new Error('not called');
    }),
    deleteHighlight: vi.fn(async () => {
      throw new Error('not called');
    }),
    undeleteHighlight: vi.fn(async () => {
      throw new Error('not called');
    }),
  };
}

describe('senderKind', () => {
  it.each([
    ['an extension page', popup, 'extension'],
    ['our content script', contentScript, 'content'],
    ['another extension', otherExtension, null],
    ['a sender without id', { url: 'https://news.example/' }, null],
  ] as const)('%s → %s', (_what, sender, kind) => {
    expect(senderKind(sender, self.id, self.origin)).toBe(kind);
  });
});

describe('dispatch', () => {
  it('runs the handler of a valid message and returns its value', async () => {
    const map = handlers();
    expect(await dispatch(backgroundProtocol, map, { type: 'listTags', data: {} }, popup, self)).toEqual({
      ok: true,
      value: [{ tag: 'health', count: 2 }],
    });
    await dispatch(backgroundProtocol, map, { type: 'getPage', data: { tabId: 3 } }, popup, self);
    expect(map.getPage).toHaveBeenCalledWith({ tabId: 3 }, popup);
  });

  it.each([
    ['an unknown type', { type: 'eval', data: {} }, /unknown message "eval"/i],
    ['a prototype key as type', { type: 'toString', data: {} }, /unknown message/i],
    ['no envelope', null, /unknown message/i],
    ['a negative tab id', { type: 'getPage', data: { tabId: -1 } }, /getPage is malformed/],
    ['a tab id as string', { type: 'getPage', data: { tabId: '3' } }, /getPage is malformed/],
    ['an extra field', { type: 'getPage', data: { tabId: 3, url: 'x' } }, /getPage is malformed/],
    ['an article id that is no UUID', { type: 'removeArticle', data: { id: '../../x' } }, /removeArticle is malformed/],
    [
      'a tag list of numbers',
      { type: 'updateArticle', data: { id: crypto.randomUUID(), tags: [1, 2] } },
      /updateArticle is malformed/,
    ],
  ])('refuses %s without running a handler', async (_what, message, error) => {
    const map = handlers();
    const result = await dispatch(backgroundProtocol, map, message, popup, self);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(error);
    for (const handler of Object.values(map)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses messages from other extensions and library changes from pages', async () => {
    const map = handlers();
    expect(await dispatch(backgroundProtocol, map, { type: 'listTags', data: {} }, otherExtension, self)).toEqual({
      ok: false,
      error: 'Message listTags is not accepted from this sender.',
    });
    expect(
      await dispatch(
        backgroundProtocol,
        map,
        { type: 'removeArticle', data: { id: crypto.randomUUID() } },
        contentScript,
        self,
      ),
    ).toMatchObject({ ok: false });
    expect(map.removeArticle).not.toHaveBeenCalled();
  });

  it("accepts nothing from Gleaner's script in a page: what the user does there goes through the panel frame", async () => {
    const map = handlers();
    for (const type of Object.keys(backgroundProtocol.schemas)) {
      expect(await dispatch(backgroundProtocol, map, { type, data: {} }, contentScript, self)).toEqual({
        ok: false,
        error: `Message ${type} is not accepted from this sender.`,
      });
    }
    for (const handler of Object.values(map)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a colour that is not a colour slot, and a panel size that is no size', async () => {
    const map = handlers();
    const id = crypto.randomUUID();
    for (const message of [
      { type: 'updateHighlight', data: { id, color: '<b>' } },
      { type: 'highlightSelection', data: { color: 'url(x)' } },
      { type: 'panelEvent', data: { width: -1, height: 10 } },
      { type: 'panelEvent', data: { close: 'yes' } },
    ]) {
      expect(await dispatch(backgroundProtocol, map, message, popup, self)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/malformed/),
      });
    }
    for (const handler of Object.values(map)) expect(handler).not.toHaveBeenCalled();
  });

  it("turns a handler's error into words", async () => {
    expect(
      await dispatch(backgroundProtocol, handlers(), { type: 'savePage', data: { tabId: 1 } }, popup, self),
    ).toEqual({ ok: false, error: 'Gleaner found no article on this page.' });
  });
});

describe("what the background sends a page's script", () => {
  it('carries where a highlight is and its colour, and refuses to carry its note', () => {
    const drawn = {
      id: crypto.randomUUID(),
      color: 'yellow',
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 1 },
      },
    };
    const draw = (highlight: object) =>
      v.safeParse(pageSchemas.drawHighlights, { highlights: [highlight], replace: true });
    expect(draw(drawn).success).toBe(true);
    expect(draw({ ...drawn, note: 'private' }).success).toBe(false);
    // A quote known without its position (an import) is drawn too; a position that ends before it starts is not.
    expect(draw({ ...drawn, selectors: { quote: drawn.selectors.quote } }).success).toBe(true);
    const backwards = { type: 'TextPositionSelector', start: 2, end: 1 };
    expect(draw({ ...drawn, selectors: { ...drawn.selectors, position: backwards } }).success).toBe(false);
  });
});

describe("what a page's script answers", () => {
  it('is believed about where it found highlights only when each place is well formed', () => {
    const id = crypto.randomUUID();
    const places = (answer: unknown) => v.safeParse(HighlightPlacesSchema, answer).success;
    expect(places({ [id]: { start: 3, end: 9 } })).toBe(true);
    expect(places({})).toBe(true);
    expect(places({ [id]: { start: 9, end: 3 } })).toBe(false);
    expect(places({ [id]: { start: 1.5, end: 3 } })).toBe(false);
    expect(places({ [id]: { start: 1, end: 3, note: 'x' } })).toBe(false);
    expect(places({ 'not an id': { start: 1, end: 3 } })).toBe(false);
    expect(places(null)).toBe(false);
  });
});
