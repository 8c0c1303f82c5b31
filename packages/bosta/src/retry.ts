/** How safe calls are retried. */
export interface RetryPolicy {
  /** Total tries including the first (default 5). */
  attempts: number;
  /** First backoff ceiling in ms (default 1000); doubles each try. */
  baseDelayMs: number;
  /** Cap on one backoff in ms (default 30000). */
  maxDelayMs: number;
  /** Longest server-requested wait we accept; a longer Retry-After fails the call (default 120000). */
  maxRetryAfterMs: number;
}

/** Defaults: about 2 s average first wait would be too slow for tests, so 1 s ceiling, doubling, capped at 30 s. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^retry)). `retry` counts from 0. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

function seconds(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : null;
}

/**
 * Server-requested wait in ms: `Retry-After` header (delta seconds or HTTP date) first, then a body
 * `retryAfter` (seconds, top level or under `data`). Null when neither is usable.
 */
export function retryAfterMs(header: unknown, body: unknown, now: number): number | null {
  const fromHeader = typeof header === 'string' ? parseRetryAfterHeader(header, now) : null;
  if (fromHeader !== null) return fromHeader;
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const data = typeof b.data === 'object' && b.data !== null ? (b.data as Record<string, unknown>) : {};
  return seconds(b.retryAfter) ?? seconds(data.retryAfter);
}

function parseRetryAfterHeader(value: string, now: number): number | null {
  const delta = seconds(value);
  if (delta !== null) return delta;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Real sleep; the client takes an injectable one so tests do not wait. */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
