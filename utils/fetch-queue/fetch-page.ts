/**
 * Fetches one page for the background queue, as the user's browser would (their cookies: what they can read,
 * Gleaner can keep), and says in a word why not when it cannot: the status, the type, the size, the time.
 * Nothing of the page runs: its bytes are decoded to text here and parsed inert elsewhere (extract-fetched.ts).
 */
import type { FetchFailure } from '../db/schema';
import type { FetchPolicy } from './policy';

/** A page fetched, or why not (`retryAfter`: ms the site asked to wait; `transient`: trying again may work). */
export type FetchedPage =
  | { ok: true; html: string; url: string; contentType: string }
  | { ok: false; reason: FetchFailure; detail?: string; transient: boolean; retryAfter?: number };

/** Ms a `Retry-After` header asks for (seconds, or an HTTP date), null when it says nothing usable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its month ("Tue, 01 Dec 2026 12:00:30 GMT"); "-5" is not one, whatever Date.parse says.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`), as the HTML spec sniffs. */
export function sniffCharset(head: Uint8Array): string | null {
  const text = new TextDecoder('windows-1252').decode(head.subarray(0, 2048));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text);
  return match ? match[1]!.toLowerCase() : null;
}

/** Decodes a page's bytes by its declared charset (header, then the page's own), UTF-8 otherwise. */
export function decodePage(bytes: Uint8Array, contentType: string): string {
  const declared = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? sniffCharset(bytes);
  // A byte order mark wins, as browsers decide.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8' : null;
  try {
    return new TextDecoder(bom ?? declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // a label no decoder knows
  }
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/** What a status says: a page gone, a refusal, a site asking to wait, a failure that may pass. */
function statusFailure(status: number, retryAfter: number | null): FetchedPage & { ok: false } {
  const detail = `HTTP ${status}`;
  if (status === 404 || status === 410) return { ok: false, reason: 'gone', detail, transient: false };
  if (status === 429 || status === 503)
    return { ok: false, reason: 'busy', detail, transient: true, ...(retryAfter !== null && { retryAfter }) };
  if (status >= 500 || status === 408) return { ok: false, reason: 'server', detail, transient: true };
  return { ok: false, reason: 'refused', detail, transient: false };
}

/** Reads a body up to `max` bytes; null past it (the rest is not downloaded). */
async function readCapped(response: Response, max: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/**
 * Fetches `url` within `policy`'s time and size. `signal` aborts it (the queue paused): the promise then
 * rejects with the abort, and nothing is said of the page.
 */
export async function fetchPage(
  url: string,
  policy: Pick<FetchPolicy, 'timeoutMs' | 'maxBytes'>,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<FetchedPage> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const timedOut = () => ({
    ok: false as const,
    reason: 'timeout' as const,
    detail: `${Math.round(policy.timeoutMs / 1000)} s`,
    transient: true,
  });
  try {
    const response = await fetch(url, {
      credentials: 'include',
      redirect: 'follow',
      signal: both,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
    });
    if (!response.ok) {
      void response.body?.cancel();
      return statusFailure(response.status, retryAfterMs(response.headers.get('retry-after'), now()));
    }
    const contentType = response.headers.get('content-type') ?? 'text/html';
    if (!HTML_TYPES.test(contentType)) {
      void response.body?.cancel();
      return { ok: false, reason: 'not-article', detail: contentType.split(';')[0]!.trim(), transient: false };
    }
    const tooLarge = { ok: false as const, reason: 'too-large' as const, transient: false };
    if (Number(response.headers.get('content-length') ?? 0) > policy.maxBytes) {
      void response.body?.cancel();
      return tooLarge;
    }
    const bytes = await readCapped(response, policy.maxBytes);
    if (!bytes) return tooLarge;
    return { ok: true, html: decodePage(bytes, contentType), url: response.url || url, contentType };
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) return timedOut();
    return {
      ok: false,
      reason: 'unreachable',
      detail: error instanceof Error ? error.message : String(error),
      transient: true,
    };
  }
}
