/**
 * How politely the background queue fetches pages (utils/fetch-queue/runner.ts): one set of numbers, which
 * tests and the bench may override through the queue's state record (FetchMetaRecord.policy).
 */
export interface FetchPolicy {
  /** Requests in flight at once, over every site. */
  concurrency: number;
  /** Ms between the end of one request to a site and the start of the next. */
  siteGapMs: number;
  /** Ms a request may take, its body included. */
  timeoutMs: number;
  /** Bytes of a page read at most (a page past it is "too large"). */
  maxBytes: number;
  /** Requests made for one page before a failure that may pass (a timeout, a server error) is final. */
  maxAttempts: number;
  /** Ms before the second try; doubled for each one after. */
  backoffMs: number;
  /** The longest wait a site's Retry-After is honoured for; past it the wait is this. */
  maxRetryAfterMs: number;
}

export const FETCH_POLICY: FetchPolicy = {
  concurrency: 6,
  siteGapMs: 1_000,
  timeoutMs: 30_000,
  maxBytes: 16 * 1024 * 1024,
  maxAttempts: 4,
  backoffMs: 30_000,
  maxRetryAfterMs: 60 * 60 * 1000,
};

/** The policy with the overrides a test or the bench stored (only known names, only finite numbers ≥ 0). */
export function policyWith(overrides: Readonly<Record<string, number>> | undefined): FetchPolicy {
  const policy = { ...FETCH_POLICY };
  for (const name of Object.keys(FETCH_POLICY) as Array<keyof FetchPolicy>) {
    const value = overrides?.[name];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) policy[name] = value;
  }
  policy.concurrency = Math.max(1, Math.floor(policy.concurrency));
  policy.maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  return policy;
}
