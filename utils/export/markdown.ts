/**
 * One saved article as a Markdown file for Obsidian, Logseq or any notes tool: YAML front matter (written by
 * the `yaml` library, so any title is valid YAML), the page note, the highlights in page order as blockquotes
 * with their colour and note, and optionally the article converted by Turndown with GitHub tables. A template
 * (see TEMPLATE_VARIABLES) can lay the same parts out differently. Runs in extension pages (Turndown needs a
 * DOM); the stored HTML is sanitized again before conversion, and only http(s) and mailto links survive.
 */
import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';
import { stringify } from 'yaml';
import type { ArticleRecord, ContentRecord, HighlightRecord } from '../records/types';
import { byPageOrder } from '../records/page-order';
import { sanitizeArticleHtml } from '../sanitize';
import type { TemplateVariable } from './template-variables';

/** An article with what is exported alongside it. */
export interface ArticleBundle {
  article: ArticleRecord;
  content: ContentRecord | null;
  highlights: readonly HighlightRecord[];
}

export interface MarkdownOptions {
  /** Append the whole article converted to Markdown. */
  fullText: boolean;
  /** A template using TEMPLATE_VARIABLES; empty: the default layout. */
  template?: string;
}

/** Link schemes that survive into Markdown; everything else (javascript:, data:, vbscript:, …) keeps its text only. */
const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^https?:/i;

let service: TurndownService | null = null;

function turndown(): TurndownService {
  if (service) return service;
  service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
  });
  service.use(gfm);
  // Text stays text: Turndown escapes Markdown's own marks but not `<`, so `<iframe src=…>` written as words
  // in an article would become a live element in the user's notes tool.
  const escapeMarks = service.escape.bind(service);
  service.escape = (text) => escapeHtml(escapeMarks(text));
  // Added rules take precedence over Turndown's own.
  service.addRule('safe-links', {
    filter: (node) =>
      node.nodeName === 'A' && !SAFE_LINK.test((node as HTMLAnchorElement).getAttribute('href')?.trim() ?? ''),
    replacement: (content) => content,
  });
  service.addRule('safe-images', {
    filter: (node) =>
      node.nodeName === 'IMG' && !SAFE_IMAGE.test((node as HTMLImageElement).getAttribute('src')?.trim() ?? ''),
    replacement: () => '',
  });
  return service;
}

/** The article HTML as Markdown (sanitized again first: stored HTML is never trusted). */
export function htmlToMarkdown(html: string): string {
  return turndown().turndown(sanitizeArticleHtml(html)).trim();
}

/** `<` escaped, so that no notes tool reads the text as an HTML element, comment or autolink. */
const escapeHtml = (text: string) => text.replace(/</g, '\\<');

/** Text escaped so that Markdown shows it as written (no accidental emphasis, headings, links or HTML). */
function escapeText(text: string): string {
  return turndown().escape(text);
}

/** Text for one line (a heading, a template's title): breaks and runs of white space become one space. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The reader's own writing, Markdown included, with no HTML: its further lines indented by `indent`. */
const noteText = (note: string, indent = '') => escapeHtml(note.trim()).replace(/\r?\n/g, `\n${indent}`);

/** A tag as a notes tool's tag: letters, digits, `_`, `-` and `/`; anything else (spaces, `<`, `]`) a `-`. */
const hashTag = (tag: string) => `#${tag.replace(/[^\p{L}\p{N}\p{M}_/-]+/gu, '-')}`;

const day = (epoch: number) => new Date(epoch).toISOString().slice(0, 10);

/** The YAML front matter, `---` lines included. */
export function frontMatter(article: ArticleRecord): string {
  const data = {
    title: article.title,
    url: article.originalUrl,
    author: article.byline,
    site: article.siteName,
    published: article.publishedTime,
    saved: new Date(article.createdAt).toISOString(),
    tags: article.tags,
    // The reading state, only where it is set (a plain inbox article's front matter stays as it was).
    ...(article.archivedAt !== undefined && { archived: new Date(article.archivedAt).toISOString() }),
    ...(article.favouriteAt !== undefined && { favourite: true }),
    ...(article.readAt !== undefined && { read: new Date(article.readAt).toISOString() }),
    // Its lead image's address (Obsidian shows it as the note's cover); only where the page declared one.
    ...(article.image && { image: article.image }),
    id: article.id,
  };
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}

/** A block quote of `text`, every line quoted (blank lines too, so that one highlight stays one quote). */
function blockquote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${escapeText(line.trim())}` : '>'))
    .join('\n');
}

/** The highlights in page order, each a block quote followed by its colour and note. */
export function highlightsMarkdown(highlights: readonly HighlightRecord[]): string {
  const ordered = [...highlights].sort(byPageOrder);
  return ordered
    .map((h) => {
      const lines = [blockquote(h.selectors.quote.exact), '', `- Colour: ${h.color}`];
      // The note's further lines are indented into the item.
      if (h.note.trim()) lines.push(`- Note: ${noteText(h.note, '  ')}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** The values of the template variables for one article. */
export function templateValues(
  { article, content, highlights }: ArticleBundle,
  options: MarkdownOptions,
): Record<TemplateVariable, string> {
  return {
    frontmatter: frontMatter(article).trimEnd(),
    // Text variables are Markdown that shows the text as written, on one line, wherever a template puts them.
    title: escapeText(oneLine(article.title)),
    url: article.originalUrl,
    author: escapeText(oneLine(article.byline ?? '')),
    site: escapeText(oneLine(article.siteName ?? '')),
    published: escapeText(oneLine(article.publishedTime ?? '')),
    saved: day(article.createdAt),
    tags: article.tags.map(hashTag).join(' '),
    id: article.id,
    note: noteText(article.note),
    highlights: highlightsMarkdown(highlights),
    content: options.fullText && content ? htmlToMarkdown(content.html) : '',
  };
}

/** Fills `{{name}}` placeholders; unknown names are left as written, so a typo shows in the output. */
export function renderTemplate(template: string, values: Record<TemplateVariable, string>): string {
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as TemplateVariable] : whole,
  );
}

/** The default layout: front matter, title, note, highlights, then the article if asked for. */
function defaultLayout(values: Record<TemplateVariable, string>): string {
  const parts = [values.frontmatter, `# ${values.title}`];
  if (values.note) parts.push(`## Note\n\n${values.note}`);
  if (values.highlights) parts.push(`## Highlights\n\n${values.highlights}`);
  if (values.content) parts.push(`## Article\n\n${values.content}`);
  return parts.join('\n\n');
}

/** One article as a Markdown document. */
export function articleToMarkdown(bundle: ArticleBundle, options: MarkdownOptions = { fullText: false }): string {
  const values = templateValues(bundle, options);
  const text = options.template?.trim() ? renderTemplate(options.template, values) : defaultLayout(values);
  return `${text.trimEnd()}\n`;
}
