/**
 * The painter's bookkeeping over the CSS Custom Highlight API, with the API's two objects stood in for (the
 * unit tests' DOM has no renderer): one highlight per colour under `gleaner-<colour>`, each painted highlight one
 * range in it, nothing left registered once erased, and the page's DOM untouched. Painting itself is proved
 * in Chromium and Firefox (tests/e2e).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTextModel, toRange } from '../../anchoring/text-model';
import { CustomHighlightPainter, hasCustomHighlights } from './custom-highlights';

class FakeHighlight extends Set<Range> {
  priority = 0;
}

const registry = new Map<string, FakeHighlight>();
const view = window as unknown as { Highlight?: unknown };
const cssBefore = Object.getOwnPropertyDescriptor(window, 'CSS')!;
/** The window's `CSS`, with or without `highlights`. */
const standIn = (highlights: boolean) =>
  Object.defineProperty(window, 'CSS', {
    configurable: true,
    value: { escape: CSS.escape, ...(highlights ? { highlights: registry } : {}) },
  });

beforeEach(() => {
  registry.clear();
  view.Highlight = FakeHighlight;
  standIn(true);
});
afterEach(() => {
  delete view.Highlight;
  Object.defineProperty(window, 'CSS', cssBefore);
});

function setup(html: string) {
  document.body.innerHTML = html;
  const model = buildTextModel(document.body);
  const range = (needle: string) =>
    toRange(model, model.text.indexOf(needle), model.text.indexOf(needle) + needle.length)!;
  return { range, painter: new CustomHighlightPainter(document) };
}

/** What is registered: each gleaner name with the texts of its ranges. */
const registered = () =>
  Object.fromEntries([...registry].map(([name, highlight]) => [name, [...highlight].map((range) => range.toString())]));

describe('the custom highlight painter', () => {
  it('is chosen only where the browser has the API', () => {
    expect(hasCustomHighlights(document)).toBe(true);
    standIn(false);
    expect(hasCustomHighlights(document)).toBe(false);
  });

  it('underlines highlights with a note in a highlight of their own, not under the gleaner prefix', () => {
    const { range, painter } = setup('<p>Alpha beta gamma delta.</p>');
    painter.markNoted('a', true); // known before it is painted (drawn from its record)
    painter.paint(range('beta'), 'a', 'yellow');
    painter.paint(range('delta'), 'b', 'yellow');
    expect(registered()).toEqual({ 'gleaner-yellow': ['beta', 'delta'], 'noted-by-gleaner': ['beta'] });
    expect(registry.get('noted-by-gleaner')!.priority).toBe(1);
    painter.markNoted('b', true);
    painter.recolor('b', 'green');
    expect(registered()).toEqual({
      'gleaner-yellow': ['beta'],
      'gleaner-green': ['delta'],
      'noted-by-gleaner': ['beta', 'delta'],
    });
    painter.markNoted('a', false);
    painter.erase('b');
    expect(registered()).toEqual({ 'gleaner-yellow': ['beta'] });
  });

  it('paints each highlight as one range in its colour, leaving the page as it was', () => {
    const { range, painter } = setup('<p>Alpha <b>beta</b> gamma.</p><p>Delta epsilon.</p>');
    const before = document.body.innerHTML;
    expect(painter.paint(range('beta gamma. Delta'), 'a', 'yellow')).toBe(true);
    expect(painter.paint(range('epsilon'), 'b', 'green')).toBe(true);
    expect(registered()).toEqual({ 'gleaner-yellow': ['beta gamma.Delta'], 'gleaner-green': ['epsilon'] });
    expect(document.body.innerHTML).toBe(before);
    // Its colours are in a style sheet of its own, outside the body.
    const style = document.documentElement.querySelector(':scope > style[data-gleaner-ui]')!;
    expect(style.textContent).toContain('::highlight(gleaner-yellow)');
    expect(style.textContent).toContain('::highlight(gleaner-green)');
  });

  it('recolours by moving the range, and erases until nothing is registered', () => {
    const { range, painter } = setup('<p>Alpha beta gamma.</p>');
    painter.paint(range('Alpha'), 'a', 'yellow');
    painter.paint(range('gamma'), 'b', 'yellow');
    painter.recolor('a', 'blue');
    expect(registered()).toEqual({ 'gleaner-yellow': ['gamma'], 'gleaner-blue': ['Alpha'] });
    painter.erase('b');
    expect(registered()).toEqual({ 'gleaner-blue': ['Alpha'] });
    painter.eraseAll();
    expect(registered()).toEqual({});
    expect(painter.intact('a')).toBe(false);
  });

  it('paints nothing for a range of white space only', () => {
    const { painter } = setup('<p>Alpha</p>  <p>Beta</p>');
    const blank = document.createRange();
    blank.selectNodeContents(document.body.childNodes[1]!);
    expect(painter.paint(blank, 'w', 'yellow')).toBe(false);
    expect(registered()).toEqual({});
  });

  it('is intact while its text is, and not once the page takes its text away', () => {
    const { range, painter } = setup('<p>Alpha beta.</p><p>Gamma delta.</p>');
    painter.paint(range('beta'), 'a', 'yellow');
    painter.paint(range('Gamma'), 'b', 'yellow');
    expect([painter.intact('a'), painter.intact('b')]).toEqual([true, true]);
    document.querySelectorAll('p')[1]!.remove();
    expect(painter.intact('b')).toBe(false);
  });
});
