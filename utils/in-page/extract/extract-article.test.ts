// @vitest-environment jsdom
// Readability crashes under happy-dom on some real pages (mozilla/readability#988); jsdom is what it is tested on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentOf, FIXTURES, pageNames, readPage } from '@/tests/support/fixtures';
import { extractArticle, findCanonicalUrl, findLeadImage } from './extract-article';
import type { ExtractedArticle } from '../../records/extraction';
import { reasonMessage } from '../../save/extraction';

function extracted(html: string, url?: string): ExtractedArticle {
  const result = extractArticle(documentOf(html, url));
  if (!result.ok) throw new Error(`no article: ${result.reason} ${result.detail ?? ''}`);
  return result.article;
}

function paragraphs(html: string): string[] {
  const doc = documentOf(`<body>${html}</body>`);
  return [...doc.querySelectorAll('p')].map((p) => p.textContent?.trim() ?? '');
}

describe('the ITIJ story', () => {
  const html = readFileSync(join(FIXTURES, 'itij-cpi-healthcare.html'), 'utf8');
  const article = extracted(html, 'http://127.0.0.1:8080/itij-cpi-healthcare.html?utm_source=test');

  it('keeps the standfirst and the six body paragraphs, in order', () => {
    const kept = paragraphs(article.html);
    expect(kept[0]).toMatch(/^The CyberPeace Institute \(CPI\) has issued a global plea/);
    const body = kept.filter((p) => p.length > 150);
    expect(body).toHaveLength(7);
    expect(body[1]).toMatch(/^“Over the past weeks, we have witnessed attacks/);
    expect(body[6]).toMatch(/^“As healthcare professionals are protecting us in the real world/);
  });

  it('drops the "Keep on reading" teasers, menus, breadcrumb, aside and footer', () => {
    for (const gone of [
      'Keep on reading',
      'Are health tech innovations key',
      'Global health insurance premiums',
      'Service Directory',
      'Latest news',
      'Privacy Policy',
      'Voyageur Publishing',
      'Read More',
    ]) {
      expect(article.html).not.toContain(gone);
      expect(article.text).not.toContain(gone);
    }
  });

  it('finds the metadata', () => {
    expect(article).toMatchObject({
      title: 'The CPI issues call to protect international healthcare providers from cyber attacks',
      canonicalUrl:
        'https://www.itij.com/latest/news/cpi-issues-call-protect-international-healthcare-providers-cyber-attacks',
      url: 'http://127.0.0.1:8080/itij-cpi-healthcare.html?utm_source=test',
      lang: 'en-GB',
      byline: 'Robyn Bainbridge',
      siteName: 'ITIJ',
      publishedTime: '2020-05-27T09:00:00+01:00',
    });
    expect(article.wordCount).toBeGreaterThan(300);
    expect(article.wordCount).toBeLessThan(450);
    expect(article.readingMinutes).toBe(1);
    expect(article.excerpt).toMatch(/CyberPeace Institute/);
  });

  it('gives plain text without markup indentation', () => {
    expect(article.text).toMatch(/^The CyberPeace Institute/);
    expect(article.text).not.toMatch(/ {2}|\n\n\n/);
  });
});

describe('real pages from the Readability test suite', () => {
  const names = pageNames();

  it('covers at least ten pages', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  it.each(names)('%s: metadata as Readability 0.6 finds it', (name) => {
    const { html, expected } = readPage(name);
    const article = extracted(html, `http://fakehost/test/${name}/`);
    expect({
      title: article.title,
      byline: article.byline,
      dir: article.dir,
      lang: article.lang,
      excerpt: article.excerpt,
      siteName: article.siteName,
      publishedTime: article.publishedTime,
    }).toEqual({
      title: expected.title,
      byline: expected.byline || null,
      dir: expected.dir ?? null,
      lang: expected.lang ?? null,
      excerpt: expected.excerpt || null,
      siteName: expected.siteName || null,
      publishedTime: expected.publishedTime || null,
    });
    expect(article.text.length).toBeGreaterThan(200);
    expect(article.wordCount).toBeGreaterThan(0);
  });
});

describe('pages without an article', () => {
  it.each([
    ['an empty page', '<html><body></body></html>'],
    ['a short notice', '<html><body><p>Page not found.</p></body></html>'],
    ['a link list', `<html><body><ul>${'<li><a href="/x">Some link text here</a></li>'.repeat(20)}</ul></body></html>`],
  ])('%s says there is no article', (_what, html) => {
    expect(extractArticle(documentOf(html))).toEqual({ ok: false, reason: 'no-article' });
  });

  it('a PDF is named as such', () => {
    const doc = documentOf('<html><body><embed type="application/pdf"></body></html>');
    Object.defineProperty(doc, 'contentType', { value: 'application/pdf' });
    expect(extractArticle(doc)).toEqual({ ok: false, reason: 'pdf' });
  });

  it('an XML document is not a web page', () => {
    const doc = documentOf(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
      undefined,
      'application/xml',
    );
    expect(extractArticle(doc)).toMatchObject({ ok: false, reason: 'not-html', detail: 'application/xml' });
  });
});

describe('hostile content', () => {
  const body = '<p>' + 'A perfectly ordinary sentence about healthcare and cyber attacks. '.repeat(30) + '</p>';
  const hostile = `<html><head><title>Hostile</title><base href="https://evil.example/"></head><body><article><h1>Hostile</h1>
    ${body}
    <p onclick="alert(1)">Click <a href="javascript:alert(2)">me</a> <img src="x.png" onerror="alert(3)"></p>
    <script>alert(4)</script><iframe src="https://evil.example/frame"></iframe>
    <p><svg><script>alert(5)</script><a xlink:href="javascript:alert(6)"><text>svg</text></a></svg></p>
    <form action="https://evil.example/steal"><input name="password"></form>
    <p id="document" style="position:fixed;inset:0">Clobber</p>
    ${body}</article></body></html>`;

  it('is sanitized before it leaves the page', () => {
    const { html } = extracted(hostile, 'https://site.example/post');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<form|<input|<base|style=/i);
    expect(html).not.toMatch(/id="document"/);
    expect(html).toContain('A perfectly ordinary sentence');
  });

  it('reads the page without running anything or changing it', () => {
    const doc = documentOf(hostile, 'https://site.example/post');
    const before = doc.documentElement.outerHTML;
    extractArticle(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('findCanonicalUrl', () => {
  it.each([
    ['<link rel="canonical" href="/a/b">', 'https://site.example/a/b'],
    ['<link rel="Canonical" href="https://other.example/x#y">', 'https://other.example/x#y'],
    ['<meta property="og:url" content="https://site.example/og">', 'https://site.example/og'],
    ['<link rel="canonical" href="javascript:alert(1)">', null],
    ['', null],
  ])('%s → %s', (head, expected) => {
    expect(
      findCanonicalUrl(documentOf(`<html><head>${head}</head><body></body></html>`, 'https://site.example/page')),
    ).toBe(expected);
  });
});

describe('findLeadImage', () => {
  it.each([
    ['<meta property="og:image" content="/img/lead.jpg">', 'https://site.example/img/lead.jpg'],
    ['<meta name="twitter:image" content="https://cdn.example/t.png">', 'https://cdn.example/t.png'],
    [
      '<meta name="twitter:image" content="https://cdn.example/t.png"><meta property="og:image" content="https://cdn.example/og.png">',
      'https://cdn.example/og.png',
    ],
    ['<meta property="og:image" content="javascript:alert(1)">', null],
    ['<meta property="og:image" content="data:image/png;base64,AAAA">', null],
    [`<meta property="og:image" content="https://e.com/${'x'.repeat(9_000)}">`, null],
    ['', null],
  ])('%s → %s', (head, expected) => {
    expect(
      findLeadImage(documentOf(`<html><head>${head}</head><body></body></html>`, 'https://site.example/page')),
    ).toBe(expected);
  });
});

describe('pages whose text Readability cannot see', () => {
  const ARTICLE = `<article><h1>Hidden</h1>${'<p>Ransomware crews kept attacking hospitals through the spring, and the hospitals kept paying.</p>'.repeat(6)}</article>`;

  it("says when the text is in a frame, with the frame's address", () => {
    const result = extractArticle(
      documentOf('<title>Framed</title><body><iframe src="/inner.html"></iframe></body>', 'https://e.com/outer.html'),
    );
    expect(result).toEqual({ ok: false, reason: 'framed', detail: 'https://e.com/inner.html' });
    if (result.ok) return;
    expect(reasonMessage(result.reason, result.detail)).toBe(
      "Gleaner found no article on this page: its text is inside a frame; open the frame's own address (https://e.com/inner.html) and save it from there.",
    );
  });

  it('reads an article inside an open shadow root, with the nodes its slots show', () => {
    const doc = documentOf(
      '<title>Shadow</title><body><story-view><p slot="lead">The lead paragraph, slotted in from the page itself.</p></story-view></body>',
    );
    doc.querySelector('story-view')!.attachShadow({ mode: 'open' }).innerHTML = ARTICLE.replace(
      '</h1>',
      '</h1><slot name="lead"></slot>',
    );
    const result = extractArticle(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.title).toBe('Shadow');
    expect(result.article.text).toContain('The lead paragraph, slotted in from the page itself.');
    expect(result.article.text).toContain('Ransomware crews kept attacking hospitals');
    expect(result.article.html).not.toContain('<slot');
  });
});
