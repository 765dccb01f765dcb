/** Reading the fixture pages in tests (and benchmarks) as documents at a URL. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

/** Folder of the fixtures copied into this repository. */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** What Readability 0.6 extracts from a fixture page (its expected-metadata.json). */
export interface ExpectedMetadata {
  title: string;
  byline: string | null;
  dir: string | null;
  lang: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
  readerable: boolean;
}

/** Names of the real pages under tests/fixtures/pages. */
export function pageNames(root: string = join(FIXTURES, 'pages')): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A real page's HTML and its expected metadata. */
export function readPage(
  name: string,
  root: string = join(FIXTURES, 'pages'),
): { html: string; expected: ExpectedMetadata } {
  return {
    html: readFileSync(join(root, name, 'source.html'), 'utf8'),
    expected: JSON.parse(readFileSync(join(root, name, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata,
  };
}

/** Parses HTML into a jsdom Document at `url`, as a browser tab would have it. */
export function documentOf(html: string, url = 'http://127.0.0.1/article.html', contentType = 'text/html'): Document {
  return new JSDOM(html, { url, contentType }).window.document;
}
