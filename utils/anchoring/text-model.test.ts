import { describe, expect, it } from 'vitest';
import { buildTextModel, fromRange, toRange, UI_ATTRIBUTE } from './text-model';

function rootOf(html: string): Element {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  return document.getElementById('root')!;
}

describe('buildTextModel', () => {
  it.each([
    ['folds white space runs', '<p>one   two\n\t three</p>', 'one two three'],
    ['trims leading and trailing space', '<p>  lead and trail  </p>', 'lead and trail'],
    ['keeps inline markup seamless', '<p>al<b>ph</b>a <i>beta</i></p>', 'alpha beta'],
    ['separates blocks with one space', '<p>one.</p><p>two.</p>', 'one. two.'],
    [
      'reads list items and cells as blocks',
      '<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>',
      'a b c d',
    ],
    ['skips scripts and styles', '<p>seen<script>var hidden = 1;</script><style>p{}</style> text</p>', 'seen text'],
    ["skips Gleaner's own interface", `<p>page</p><div ${UI_ATTRIBUTE}>Highlight yellow</div><p>text</p>`, 'page text'],
    ['treats no-break spaces as spaces', '<p>a\u00a0\u00a0b</p>', 'a b'],
  ])('%s', (_what, html, text) => {
    expect(buildTextModel(rootOf(html)).text).toBe(text);
  });

  it('gives the same text for re-flowed markup', () => {
    const a = buildTextModel(rootOf('<p>The quick brown fox</p><p>jumps over</p>')).text;
    const b = buildTextModel(
      rootOf('\n  <p>\n    The quick\n    brown <span>fox</span>\n  </p>\n  <p>jumps   over</p>\n'),
    ).text;
    expect(b).toBe(a);
  });
});

describe('toRange and fromRange', () => {
  const html = '<p>  The <b>quick</b>   brown fox.</p>\n<p>It jumps <a href="#">over the</a> dog.</p>';

  it.each([['quick'], ['The quick brown'], ['brown fox. It jumps'], ['over the dog.'], ['x. It']])(
    'maps %j to a DOM range holding that text and back',
    (needle) => {
      const model = buildTextModel(rootOf(html));
      const start = model.text.indexOf(needle);
      expect(start).toBeGreaterThanOrEqual(0);
      const range = toRange(model, start, start + needle.length)!;
      expect(range.toString().replace(/\s+/g, ' ')).toBe(needle);
      expect(fromRange(model, range)).toEqual({ start, end: start + needle.length });
    },
  );

  it('trims a selection that starts or ends on white space', () => {
    const root = rootOf('<p>alpha   beta   gamma</p>');
    const model = buildTextModel(root);
    const textNode = root.querySelector('p')!.firstChild!;
    const range = document.createRange();
    range.setStart(textNode, 5); // the spaces after "alpha"
    range.setEnd(textNode, 14); // after "beta" and a space
    expect(fromRange(model, range)).toEqual({ start: 6, end: 10 });
    expect(model.text.slice(6, 10)).toBe('beta');
  });

  it('maps element boundaries (a triple-click selection of a paragraph)', () => {
    const root = rootOf('<p>first para</p><p>second para</p>');
    const model = buildTextModel(root);
    const range = document.createRange();
    range.setStart(root.children[1]!, 0);
    range.setEnd(root, 2);
    expect(fromRange(model, range)).toEqual({ start: 11, end: 22 });
  });

  it('refuses empty and out-of-range ranges', () => {
    const model = buildTextModel(rootOf('<p>abc</p>'));
    expect(toRange(model, 2, 2)).toBeNull();
    expect(toRange(model, 0, 10)).toBeNull();
  });
});

describe('the composed page', () => {
  it("reads an open shadow root where its host is, with the host's own nodes where they are slotted", () => {
    const root = rootOf(
      '<p>Before.</p><story-card><span>slotted words</span><b slot="title">A title</b></story-card><p>After.</p>',
    );
    const host = root.querySelector('story-card')!;
    host.attachShadow({ mode: 'open' }).innerHTML =
      '<h2><slot name="title"></slot></h2><p>Shadow text, then <slot></slot>, then more.</p><slot name="none"><i>fallback</i></slot>';
    const model = buildTextModel(root);
    expect(model.text).toBe('Before. A title Shadow text, then slotted words, then more. fallback After.');
    // Round trip through ranges inside the shadow tree and inside the slotted nodes (a DOM range cannot cross
    // from one tree into the other).
    for (const needle of ['Shadow text, then', 'slotted words', 'A title']) {
      const start = model.text.indexOf(needle);
      const range = toRange(model, start, start + needle.length)!;
      expect(range.toString()).toBe(needle);
      expect(fromRange(model, range)).toEqual({ start, end: start + needle.length });
    }
  });

  it('leaves a closed shadow root out, as the page cannot read it either', () => {
    const root = rootOf('<p>Seen.</p><x-closed><span>light</span></x-closed>');
    root.querySelector('x-closed')!.attachShadow({ mode: 'closed' }).innerHTML = '<p>Hidden inside.</p>';
    expect(buildTextModel(root).text).toBe('Seen. light');
  });
});
