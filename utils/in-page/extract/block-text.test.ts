import { describe, expect, it } from 'vitest';
import { blockText } from './block-text';

const body = (html: string) => {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return doc.body;
};

describe('blockText', () => {
  it('keeps blocks apart that the markup runs together', () => {
    expect(blockText(body('<p>The attack.</p><p>Uber <b>said</b> so.</p><ul><li>one</li><li>two</li></ul>'))).toBe(
      'The attack.\nUber said so.\none\ntwo',
    );
  });

  it('breaks at br, headings and cells, and folds indentation and blank lines', () => {
    const html = `
      <h2>  Title </h2>
      <div>line<br>next</div>


      <table><tr><td>a</td><td>b</td></tr></table>`;
    expect(blockText(body(html))).toBe('Title\nline\nnext\na\nb');
  });

  it('keeps inline text on one line', () => {
    expect(blockText(body('<p>an <a href="#">inline</a><em>ly</em> joined word</p>'))).toBe('an inlinely joined word');
  });

  it('walks a page nested deeper than the stack would allow', () => {
    const deep = `${'<span>'.repeat(20_000)}deep${'</span>'.repeat(20_000)}`;
    const root = body(`<p>top</p>${deep}`);
    expect(blockText(root)).toBe('top\ndeep');
  });
});
