// @vitest-environment jsdom
// The article comes from the ITIJ fixture through the real extraction (Readability is tested on jsdom).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documentOf, FIXTURES } from '@/tests/support/fixtures';
import type { ArticleRecord, HighlightRecord } from '../records/types';
import { extractArticle } from '../in-page/extract/extract-article';
import { safeBaseName, FileNames } from './file-names';
import { articleToMarkdown, htmlToMarkdown, renderTemplate, templateValues, type ArticleBundle } from './markdown';

const ID = '6f1c2a52-1f5e-4c61-9d3f-2b8e2f7d9a10';

function itij(): ArticleBundle {
  const result = extractArticle(
    documentOf(
      readFileSync(join(FIXTURES, 'itij-cpi-healthcare.html'), 'utf8'),
      'https://www.itij.com/latest/news/cyber-attacks-healthcare',
    ),
  );
  if (!result.ok) throw new Error('the ITIJ story did not extract');
  const { html, text, url, ...meta } = result.article;
  const article: ArticleRecord = {
    ...meta,
    id: ID,
    url,
    originalUrl: url,
    urls: [url],
    tags: ['health', 'cyber security'],
    note: 'Read for the CPI report.\nFollow up next week.',
    createdAt: Date.UTC(2020, 4, 28, 9, 30),
    updatedAt: Date.UTC(2020, 4, 28, 10),
  };
  const quote = (exact: string, color: string, note: string, created: number): HighlightRecord => {
    const start = text.indexOf(exact);
    if (start < 0) throw new Error(`not in the text: ${exact}`);
    return {
      id: `00000000-0000-4000-8000-00000000000${created}`,
      articleId: ID,
      color,
      note,
      createdAt: created,
      updatedAt: created,
      selectors: {
        quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start, end: start + exact.length },
      },
    };
  };
  // Made in another order than they appear: the export is in page order.
  const highlights = [
    quote('This will not be the last health crisis', 'green', 'The key line.', 2),
    quote('The CyberPeace Institute (CPI) has issued a global plea', 'yellow', '', 1),
  ];
  return { article, content: { articleId: ID, html, text }, highlights };
}

/** Compares with a golden file; UPDATE_GOLDEN=1 writes it instead (review the diff before committing). */
function expectGolden(name: string, actual: string): void {
  const file = join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('Markdown of one article', () => {
  it('matches the golden file for the ITIJ story with highlights and notes', () => {
    expectGolden('itij.md', articleToMarkdown(itij()));
  });

  it('matches the golden file with the full text', () => {
    expectGolden('itij-full.md', articleToMarkdown(itij(), { fullText: true }));
  });

  it('starts with front matter that parses back to the article', () => {
    const { article } = itij();
    const markdown = articleToMarkdown(itij());
    const [, yaml] = /^---\n([\s\S]*?)\n---\n/.exec(markdown)!;
    expect(parse(yaml!)).toEqual({
      title: article.title,
      url: article.originalUrl,
      author: article.byline,
      site: article.siteName,
      published: article.publishedTime,
      saved: '2020-05-28T09:30:00.000Z',
      tags: ['health', 'cyber security'],
      id: ID,
    });
  });

  it('says in the front matter when an article was archived, made a favourite and read', () => {
    const item = itij();
    const article = {
      ...item.article,
      archivedAt: Date.UTC(2021, 0, 2),
      favouriteAt: Date.UTC(2021, 0, 1),
      readAt: Date.UTC(2020, 11, 31),
      image: 'https://www.itij.com/lead.jpg',
    };
    const [, yaml] = /^---\n([\s\S]*?)\n---\n/.exec(articleToMarkdown({ ...item, article }))!;
    expect(parse(yaml!)).toMatchObject({
      archived: '2021-01-02T00:00:00.000Z',
      favourite: true,
      read: '2020-12-31T00:00:00.000Z',
      image: 'https://www.itij.com/lead.jpg',
    });
  });

  it('keeps hostile titles valid YAML that reads back the same', () => {
    const titles = [
      'He said: "no"',
      'A: B',
      'line one\nline two',
      '---',
      '--- \n---',
      "it's #1 & [more] {x}",
      '東京の記事',
      'مقالة عربية',
      '- item',
      '@at `tick`',
      '%YAML',
      'null',
      'true',
      '123',
      '',
    ];
    const bundle = itij();
    const check = (title: string) => {
      const markdown = articleToMarkdown({ ...bundle, article: { ...bundle.article, title } });
      const [, yaml] = /^---\n([\s\S]*?)\n---\n/.exec(markdown)!;
      expect(parse(yaml!).title).toBe(title);
    };
    titles.forEach(check);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (title) => check(title.replace(/[\uD800-\uDFFF]/g, ''))),
      { numRuns: 200 },
    );
  });

  it('drops javascript: and data: links and images, keeps web links, converts tables', () => {
    const markdown =
      htmlToMarkdown(`<p><a href="javascript:alert(1)">click</a> <a href=" JaVaScRiPt:alert(2)">two</a> <a href="data:text/html,x">three</a>
      <a href="https://example.com/a">safe</a> <a href="mailto:a@b.c">mail</a></p><p><img src="data:image/png;base64,AA" alt="x"><img src="https://e.com/i.png" alt="pic"></p>
      <table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>`);
    expect(markdown).not.toMatch(/javascript|data:/i);
    expect(markdown).toContain('click two three [safe](https://example.com/a) [mail](mailto:a@b.c)');
    expect(markdown).toContain('![pic](https://e.com/i.png)');
    expect(markdown).toMatch(/\| A +\| B +\|\n\| --- \| --- \|\n\| 1 +\| 2 +\|/);
  });

  it('fills a template and leaves unknown variables as written', () => {
    const values = templateValues(itij(), { fullText: false });
    expect(renderTemplate('{{title}} — {{ site }} {{tags}} {{nope}}', values)).toBe(
      `${values.title} — ${values.site} #health #cyber-security {{nope}}`,
    );
    expect(articleToMarkdown(itij(), { fullText: false, template: '# {{title}}\n\n{{highlights}}' })).toMatch(
      /^# .+\n\n> The CyberPeace Institute/,
    );
  });
});

describe('Markdown carries text as text', () => {
  // As a notes tool shows it: the front matter read as data, not shown; the rest rendered with the HTML it
  // holds (Obsidian renders HTML in notes, so markdown-it is given html: true).
  const rendered = (markdown: string) => {
    const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
    const doc = new DOMParser().parseFromString(new MarkdownIt({ html: true }).render(body), 'text/html');
    return doc.body;
  };
  const hostile = '<iframe src="https://evil.example/x"></iframe> <img src=x onerror=alert(1)> <!-- hidden -->';

  it("in quotes, notes, titles and the article: no element, comment or autolink of the page's making", () => {
    const bundle = itij();
    bundle.article.title = `Line one\n# Not a heading <script>alert(1)</script>`;
    bundle.article.note = `My note *in Markdown* ${hostile}`;
    bundle.article.tags = ['a <b>', 'ok/sub tag'];
    const [first] = bundle.highlights;
    first!.selectors.quote.exact = `${hostile}\n> more <https://evil.example>`;
    first!.note = `Second <style>body{display:none}</style>`;
    bundle.content = {
      ...bundle.content!,
      html: `<p>Text &lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt; &lt;!-- c --&gt;</p>`,
    };
    const markdown = articleToMarkdown(bundle, { fullText: true });
    const body = rendered(markdown);
    expect(body.querySelectorAll('iframe, img, script, style').length).toBe(0);
    expect(body.innerHTML).not.toContain('<!--');
    expect(body.querySelectorAll('h1')).toHaveLength(1);
    expect(body.querySelector('h1')!.textContent).toBe('Line one # Not a heading <script>alert(1)</script>');
    const quotes = [...body.querySelectorAll('blockquote')].map((quote) => quote.textContent.trim());
    expect(quotes[1]).toBe(`${hostile}\n> more <https://evil.example>`);
    expect(body.querySelector('blockquote a')).toBeNull();
    expect(body.textContent).toContain('Text <iframe src="https://evil.example"></iframe> <!-- c -->');
    // The reader's own Markdown still works.
    expect(body.querySelector('em')!.textContent).toBe('in Markdown');
    const template = articleToMarkdown(bundle, { fullText: false, template: '## {{title}} {{tags}}\n\n{{note}}' });
    expect(rendered(template).querySelector('h2')!.textContent).toBe(
      'Line one # Not a heading <script>alert(1)</script> #a-b- #ok/sub-tag',
    );
    expect(rendered(template).querySelectorAll('iframe, img, script')).toHaveLength(0);
  });
});

describe('file names', () => {
  it.each([
    ['Cyber attacks: a "plea" <now>?', 'Cyber attacks a plea now'],
    ['CON', 'CON (article)'],
    ['com1.txt', 'com1 (article).txt'],
    ['nul.txt', 'nul (article).txt'],
    ['Aux.tar.gz', 'Aux (article).tar.gz'],
    ['CON .md', 'CON (article).md'],
    ['CONIN$', 'CONIN$ (article)'],
    ['lpt¹ . report', 'lpt¹ (article). report'],
    ['console.log', 'console.log'],
    ['invoice\u202egnp.exe', 'invoicegnp.exe'],
    ['a\u200bb\u2066c\u2069\ufeff\u00ad', 'abc'],
    ['نامه\u200cها', 'نامه\u200cها'],
    ['   ...dots...   ', 'dots'],
    ['a/b\\c|d*e', 'a b c d e'],
    ['', 'Untitled'],
    ['東京の記事', '東京の記事'],
    ['#tag [link] ^block', 'tag link block'],
  ])('%j → %j', (title, expected) => {
    expect(safeBaseName(title)).toBe(expected);
  });

  it('are short, never split a character, and unique regardless of case', () => {
    const emoji = '😀'.repeat(200);
    expect([...safeBaseName(emoji)]).toHaveLength(50); // 4 bytes each: 200 bytes
    expect(safeBaseName(emoji)).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(new TextEncoder().encode(safeBaseName('東京'.repeat(100))).length).toBeLessThanOrEqual(200);
    expect(safeBaseName(`${'word '.repeat(40)}end`)).toBe('word '.repeat(24).trim()); // cut at a space
    const names = new FileNames();
    expect([names.next('Same', 'md'), names.next('same', 'md'), names.next('SAME', 'md')]).toEqual([
      'Same.md',
      'same (2).md',
      'SAME (3).md',
    ]);
  });
});
