/**
 * One local HTTP server standing for many web sites (the fetch queue's tests and bench): every host name that
 * reaches it (`site7.test`, `127.0.0.3`) is a site of its own. What a path answers is the same on every site:
 * - `/article/<n>`: an article page (its title "Article <n> of <site>", enough text to be one);
 * - `/gone`: 404; `/refused`: 403; `/broken`: 500 every time; `/flaky/<n>`: 500 the first time, then the article;
 * - `/busy/<n>`: 429 with `Retry-After: 1` the first time, then the article;
 * - `/slow`: never answers (the request times out); `/big`: a page of 3 MB; `/pdf`: a PDF's type;
 * - `/nothing`: a page without an article; `/moved/<n>`: 301 to `/article/<n>`;
 * - `/script/<n>`: an article whose script, if it ran, would request `/ran`;
 * - `/changing/<n>`: an article whose title says the server's `version` (a page that changes: a refresh).
 * Each request is recorded with its site, path, and when it started and ended, so that a test can check that
 * requests to one site never overlapped.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SiteRequest {
  site: string;
  path: string;
  /** The status answered (0: given up before an answer). */
  status: number;
  start: number;
  end: number;
}

export interface SitesServer {
  port: number;
  /** Every request ended so far (answered or given up by the client). */
  requests: SiteRequest[];
  /** Requests in flight now. */
  open(): number;
  /** What `/changing/<n>` says it is the version of. */
  version: number;
  close(): Promise<void>;
}

const WORDS =
  'the library keeps every article its reader saved with notes tags and highlights found again when the page changes'.split(
    ' ',
  );

/** An article's page: a heading, a byline and paragraphs of words (enough for Readability to call it one). */
export function articlePage(title: string, paragraphs = 6): string {
  const body = Array.from({ length: paragraphs }, (_, p) => {
    const words = Array.from({ length: 60 }, (_, i) => WORDS[(i * 7 + p * 3) % WORDS.length]).join(' ');
    return `<p>${title}: paragraph ${p + 1}. ${words}.</p>`;
  }).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="author" content="A. Writer"></head>
<body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By A. Writer</p>${body}
<p><a href="related">A related page</a></p></article></main>
<footer>Footer text</footer></body></html>`;
}

/** Starts the server on 0.0.0.0 (so that 127.0.0.x all reach it); `latencyMs` delays every answer. */
export async function serveSites({ latencyMs = 0 }: { latencyMs?: number } = {}): Promise<SitesServer> {
  const requests: SiteRequest[] = [];
  const state = { version: 1 };
  const seen = new Map<string, number>();
  let open = 0;
  const answer = (response: ServerResponse, site: string, path: string) => {
    const html = (body: string, status = 200, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
    const times = (seen.get(`${site}${path}`) ?? 0) + 1;
    seen.set(`${site}${path}`, times);
    const [, kind = '', n] = path.split('/');
    const article = () => html(articlePage(`Article ${n} of ${site}`));
    switch (kind) {
      case 'article':
        return article();
      case 'gone':
        return html('<title>Not found</title><p>Not found.</p>', 404);
      case 'refused':
        return html('<title>Forbidden</title>', 403);
      case 'broken':
        return html('<title>Error</title>', 500);
      case 'flaky':
        return times === 1 ? html('<title>Error</title>', 500) : article();
      case 'busy':
        return times === 1 ? html('<title>Slow down</title>', 429, { 'retry-after': '1' }) : article();
      case 'slow':
        return; // never answered
      case 'big':
        return html(articlePage('Big', 1).replace('</article>', `<p>${'x'.repeat(3 * 1024 * 1024)}</p></article>`));
      case 'pdf':
        return response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4\n');
      case 'nothing':
        return html('<title>Menu</title><p>Home</p>');
      case 'moved':
        return response.writeHead(301, { location: `/article/${n}` }).end();
      case 'changing':
        return html(articlePage(`Changing ${n} version ${state.version}`));
      case 'script':
        return html(
          articlePage(`Scripted ${n} of ${site}`).replace(
            '</body>',
            `<script>fetch('/ran');</script><img src="/ran.png"></body>`,
          ),
        );
      default:
        return html('<title>Not found</title>', 404);
    }
  };
  const server: Server = createServer((request, response) => {
    const site = request.headers.host ?? '?';
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const start = Date.now();
    open++;
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      open--;
      requests.push({
        site,
        path,
        status: response.writableFinished ? response.statusCode : 0,
        start,
        end: Date.now(),
      });
    };
    // Answered, or given up by the client (a timeout): either way the request's time ends.
    response.on('finish', done);
    response.on('close', done);
    setTimeout(() => answer(response, site, path), latencyMs);
  });
  await new Promise<void>((done) => server.listen(0, '0.0.0.0', done));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    open: () => open,
    get version() {
      return state.version;
    },
    set version(value: number) {
      state.version = value;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Whether any two requests to the same site overlapped in time (the queue's politeness broken). */
export function overlapping(requests: readonly SiteRequest[]): SiteRequest[] {
  const bySite = new Map<string, SiteRequest[]>();
  for (const request of requests) bySite.set(request.site, [...(bySite.get(request.site) ?? []), request]);
  const found: SiteRequest[] = [];
  for (const list of bySite.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) if (list[i]!.start < list[i - 1]!.end) found.push(list[i]!);
  }
  return found;
}
