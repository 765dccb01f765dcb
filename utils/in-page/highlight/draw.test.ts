import { describe, expect, it } from 'vitest';
import { buildTextModel, toRange } from '../../anchoring/text-model';
import { HIGHLIGHT_ATTRIBUTE, highlightElements, MarkPainter } from './draw';

/** The painter of these tests' document (a fresh one per test: see setup). */
let painter = new MarkPainter(document);

/** Draws highlight `id` as marks; the elements drawn. */
function drawHighlight(range: Range, id: string, color: string): HTMLElement[] {
  painter.paint(range, id, color);
  return highlightElements(document, id);
}

function setup(html: string) {
  document.body.innerHTML = html;
  painter = new MarkPainter(document);
  const model = buildTextModel(document.body);
  const range = (needle: string) => {
    const start = model.text.indexOf(needle);
    return toRange(model, start, start + needle.length)!;
  };
  return { model, range };
}

function drawnText(id: string): string {
  return highlightElements(document, id)
    .map((el) => el.textContent)
    .join('');
}

describe('drawHighlight', () => {
  it('wraps exactly the text of the range, across inline markup and paragraphs', () => {
    const { range } = setup('<p>One <b>two three</b> four.</p><p>Five <a href="#">six</a> seven.</p>');
    const elements = drawHighlight(range('three four. Five six'), 'h1', 'yellow');
    expect(elements.length).toBeGreaterThan(1);
    expect(drawnText('h1')).toBe('three four.Five six');
    expect(document.body.textContent).toBe('One two three four.Five six seven.');
    expect(elements.every((el) => el.getAttribute(HIGHLIGHT_ATTRIBUTE) === 'h1')).toBe(true);
  });

  it('works inside lists and tables without wrapping the white space between rows', () => {
    const { range } = setup(
      '<table>\n<tr><td>alpha</td><td>beta</td></tr>\n<tr><td>gamma</td></tr>\n</table><ul>\n<li>one</li>\n<li>two</li>\n</ul>',
    );
    drawHighlight(range('beta gamma one'), 'h2', 'green');
    expect(drawnText('h2')).toBe('betagammaone');
    expect(
      document.querySelector(
        `tr > [${HIGHLIGHT_ATTRIBUTE}], tbody > [${HIGHLIGHT_ATTRIBUTE}], ul > [${HIGHLIGHT_ATTRIBUTE}]`,
      ),
    ).toBeNull();
  });

  it('works inside and across links, keeping the link whole', () => {
    const { range } = setup('<p>Read <a href="https://example.com/x">the full report here</a> today.</p>');
    drawHighlight(range('full report'), 'in-link', 'blue');
    expect(drawnText('in-link')).toBe('full report');
    expect(document.querySelector('a')!.textContent).toBe('the full report here');
    const model = buildTextModel(document.body);
    const start = model.text.indexOf('here today');
    drawHighlight(toRange(model, start, start + 10)!, 'across', 'pink');
    expect(drawnText('across')).toBe('here today');
    expect(document.querySelectorAll('a').length).toBe(1);
    expect(document.querySelector('a')!.getAttribute('href')).toBe('https://example.com/x');
  });

  it('draws overlapping highlights, each over its own text', () => {
    const { range } = setup('<p>The quick brown fox jumps.</p>');
    drawHighlight(range('quick brown'), 'a', 'yellow');
    const model = buildTextModel(document.body);
    const start = model.text.indexOf('brown fox');
    drawHighlight(toRange(model, start, start + 9)!, 'b', 'blue');
    expect(drawnText('a')).toBe('quick brown');
    expect(drawnText('b')).toBe('brown fox');
  });

  it('styles so that page CSS cannot hide it', () => {
    const { range } = setup('<style>mark { display: none; background: none; }</style><p>Visible text here.</p>');
    const [mark] = drawHighlight(range('text'), 'h3', 'pink');
    expect(mark!.style.getPropertyPriority('display')).toBe('important');
    expect(mark!.style.getPropertyValue('display')).toBe('inline');
    expect(mark!.style.getPropertyPriority('background-color')).toBe('important');
  });
});

describe('removeHighlight', () => {
  it("restores the page's own text nodes", () => {
    document.body.innerHTML = '<p>Alpha beta gamma delta.</p>';
    painter = new MarkPainter(document);
    const text = document.querySelector('p')!.firstChild as Text;
    const model = buildTextModel(document.body);
    drawHighlight(toRange(model, 6, 16)!, 'x', 'yellow');
    expect(document.querySelector('p')!.childNodes.length).toBe(3);
    painter.erase('x');
    const p = document.querySelector('p')!;
    expect(p.childNodes.length).toBe(1);
    expect(p.firstChild).toBe(text);
    expect(text.data).toBe('Alpha beta gamma delta.');
    expect(p.innerHTML).toBe('Alpha beta gamma delta.');
  });

  it('removes one of two overlapping highlights and leaves the other whole', () => {
    const { range } = setup('<p>The quick brown fox jumps.</p>');
    drawHighlight(range('quick brown'), 'a', 'yellow');
    const model = buildTextModel(document.body);
    const start = model.text.indexOf('brown fox');
    drawHighlight(toRange(model, start, start + 9)!, 'b', 'blue');
    painter.erase('a');
    expect(highlightElements(document, 'a')).toHaveLength(0);
    expect(drawnText('b')).toBe('brown fox');
    painter.eraseAll();
    expect(document.body.innerHTML).toBe('<p>The quick brown fox jumps.</p>');
  });

  it('recolours in place', () => {
    const { range } = setup('<p>Some words.</p>');
    drawHighlight(range('words'), 'c', 'yellow');
    painter.recolor('c', 'blue');
    expect(highlightElements(document, 'c')[0]!.getAttribute('data-gleaner-color')).toBe('blue');
  });
});

describe('what the mark painter knows of what it drew', () => {
  it('is intact until the page changes its text or takes its marks out', () => {
    const { range } = setup('<p>Alpha beta gamma.</p><p>Delta.</p>');
    painter.paint(range('beta'), 'a', 'yellow');
    painter.paint(range('Delta'), 'b', 'yellow');
    expect([painter.intact('a'), painter.intact('b')]).toEqual([true, true]);
    highlightElements(document, 'a')[0]!.firstChild!.textContent = 'BETA';
    document.querySelectorAll('p')[1]!.remove();
    expect([painter.intact('a'), painter.intact('b'), painter.intact('never')]).toEqual([false, false, false]);
  });

  it('says nothing was drawn for a range without text', () => {
    const { range } = setup('<p>Alpha</p>');
    const empty = range('Alpha').cloneRange();
    empty.collapse(true);
    expect(painter.paint(empty, 'e', 'yellow')).toBe(false);
    expect(document.body.innerHTML).toBe('<p>Alpha</p>');
  });
});
