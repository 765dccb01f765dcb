// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from './sanitize';

/** Markup that tries to run code, load things, restyle or clobber the page that shows it. */
const CORPUS: Array<[string, string]> = [
  ['script tag', '<p>a</p><script>window.ran = 1</script>'],
  [
    'event handler',
    '<p onclick="window.ran = 1" onmouseover="window.ran = 1">a</p><img src="x" onerror="window.ran = 1">',
  ],
  ['javascript: link', '<a href="javascript:window.ran = 1">a</a>'],
  [
    'javascript: with spaces and entities',
    '<a href="  jav&#x09;ascript:window.ran=1">a</a><a href="JaVaScRiPt:window.ran=1">b</a>',
  ],
  ['data: HTML link', '<a href="data:text/html,&lt;script&gt;window.ran=1&lt;/script&gt;">a</a>'],
  [
    'SVG script and animation',
    '<svg><script>window.ran=1</script><animate onbegin="window.ran=1" attributeName="x"/><a xlink:href="javascript:window.ran=1"><text>t</text></a></svg>',
  ],
  ['SVG foreignObject', '<svg><foreignObject><iframe src="javascript:window.ran=1"></iframe></foreignObject></svg>'],
  [
    'MathML mutation',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.ran=1"></style></mglyph></table></mtext></math>',
  ],
  [
    'iframe and srcdoc',
    '<iframe src="https://evil.example"></iframe><iframe srcdoc="&lt;script&gt;window.ran=1&lt;/script&gt;"></iframe>',
  ],
  ['object, embed', '<object data="javascript:window.ran=1"></object><embed src="javascript:window.ran=1">'],
  [
    'base and meta refresh',
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:window.ran=1">',
  ],
  [
    'styles that hide or overlay',
    '<style>body{display:none}</style><div style="position:fixed;inset:0">overlay</div><p class="hidden">a</p>',
  ],
  [
    'forms',
    '<form action="https://evil.example"><input name="q"><button formaction="javascript:window.ran=1">go</button></form>',
  ],
  [
    'DOM clobbering',
    '<img name="getElementById"><form id="document"></form><a id="location" href="https://evil.example">x</a>',
  ],
  [
    'noscript and template',
    '<noscript><p title="</noscript><img src=x onerror=window.ran=1>"></p></noscript><template><script>window.ran=1</script></template>',
  ],
];

describe('sanitizeArticleHtml', () => {
  it.each(CORPUS)('%s: nothing that runs, loads a frame, restyles or clobbers is left', (_name, dirty) => {
    const clean = sanitizeArticleHtml(dirty);
    expect(clean).not.toMatch(/<(script|iframe|object|embed|base|meta|style|form|input|button)\b/i); // an emptied <template> is inert
    expect(clean).not.toMatch(/\son[a-z]+\s*=/i);
    expect(clean).not.toMatch(/javascript:|data:text\/html|srcdoc|formaction|\sstyle=/i);
    expect(clean).not.toMatch(/\s(id|name)="(document|location|getElementById)"/);
    // And shown in a page that runs scripts, it runs none.
    const page = new JSDOM(`<!doctype html><body>${clean}</body>`, { runScripts: 'dangerously' });
    for (const element of page.window.document.querySelectorAll('*:not(a)')) (element as HTMLElement).click?.();
    expect((page.window as unknown as { ran?: number }).ran).toBeUndefined();
  });

  it('keeps the article: text, links, images, tables, code', () => {
    const html =
      '<h2>Title</h2><p>Text with <a href="https://e.com/x">a link</a> and <em>emphasis</em>.</p><img src="https://e.com/i.png" alt="pic"><table><tr><td>1</td></tr></table><pre><code>x = 1</code></pre>';
    expect(sanitizeArticleHtml(html)).toBe(
      html.replace('<table><tr>', '<table><tbody><tr>').replace('</tr></table>', '</tr></tbody></table>'),
    );
  });
});

describe('where it cannot sanitize', () => {
  it('refuses, rather than hand the HTML back as it came', () => {
    expect(() => sanitizeArticleHtml('<img src=x onerror=alert(1)>', {} as Window & typeof globalThis)).toThrow(
      /cannot be made safe/,
    );
  });
});
