/**
 * A Hypothesis export (the JSON its "Export" writes: `{ export_date, annotations: [...] }`, or the API's list of
 * annotations). Each annotation on a web page becomes a highlight of that page with its note, the quote and the
 * text around it from its TextQuoteSelector; an annotation without a quote is a page note; tags go to the
 * article. Replies, and annotations on what is not a web page (a PDF's urn:x-pdf:…), are left out, said why.
 */
import * as v from 'valibot';
import type { ImportItem } from '../db/imports';
import { normalizeTags } from '../records/tags';
import { gleanerError } from '../error-text';
import { message } from '../i18n';
import { normalizeUrl } from '../url';
import { clip, entryAt, line, withinLimits, type ParsedImport } from './report';

const Selector = v.looseObject({
  type: v.string(),
  exact: v.optional(v.string()),
  prefix: v.optional(v.string()),
  suffix: v.optional(v.string()),
});

const Annotation = v.looseObject({
  uri: v.string(),
  text: v.optional(v.nullable(v.string())),
  tags: v.optional(v.nullable(v.array(v.string()))),
  created: v.optional(v.nullable(v.string())),
  references: v.optional(v.nullable(v.array(v.string()))),
  target: v.optional(
    v.nullable(v.array(v.looseObject({ source: v.optional(v.string()), selector: v.optional(v.array(Selector)) }))),
  ),
  document: v.optional(v.nullable(v.looseObject({ title: v.optional(v.nullable(v.array(v.string()))) }))),
});

/** The annotations of a parsed JSON file if it is a Hypothesis export, else null. */
export function hypothesisAnnotations(json: unknown): unknown[] | null {
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { annotations?: unknown }).annotations)
      ? (json as { annotations: unknown[] }).annotations
      : json && typeof json === 'object' && Array.isArray((json as { rows?: unknown }).rows)
        ? (json as { rows: unknown[] }).rows // the API's search answer
        : null;
  // An empty export is one; a list of something else is not.
  return list && (list.length === 0 || v.is(Annotation, list[0])) ? list : null;
}

export function parseHypothesisJson(json: unknown, now: number = Date.now(), file = 'hypothesis.json'): ParsedImport {
  const annotations = hypothesisAnnotations(json);
  if (!annotations) throw gleanerError('import.unknown');
  const items: ImportItem[] = [];
  const report: Pick<ParsedImport, 'skipped' | 'changed'> = { skipped: [], changed: [] };
  annotations.forEach((entry, i) => {
    const where = entryAt(file, i);
    const parsed = v.safeParse(Annotation, entry);
    if (!parsed.success) {
      report.skipped.push(line(where, message('importReport.noAddress')));
      return;
    }
    const annotation = parsed.output;
    if (annotation.references?.length) {
      report.skipped.push(line(where, message('importReport.reply')));
      return;
    }
    if (!normalizeUrl(annotation.uri)) {
      report.skipped.push(line(where, message('importReport.notWebAddress', [clip(annotation.uri, 80)])));
      return;
    }
    const quote = annotation.target
      ?.flatMap((target) => target.selector ?? [])
      .find((selector) => selector.type === 'TextQuoteSelector' && selector.exact?.trim());
    const created = annotation.created ? Date.parse(annotation.created) : now;
    const note = annotation.text?.trim() ?? '';
    const item = withinLimits(
      {
        url: annotation.uri,
        title: clip(annotation.document?.title?.[0]?.trim() || annotation.uri, 2_000),
        tags: normalizeTags(annotation.tags ?? []),
        savedAt: created,
        byline: null,
        excerpt: null,
        publishedTime: null,
        highlights: quote
          ? [
              {
                exact: quote.exact!,
                note,
                ...(quote.prefix !== undefined && { prefix: quote.prefix }),
                ...(quote.suffix !== undefined && { suffix: quote.suffix }),
                createdAt: created,
              },
            ]
          : [],
        ...(!quote && note && { note }),
      },
      where,
      report,
      now,
    );
    if (item) items.push(item);
  });
  return { source: 'Hypothesis', items, ...report };
}
