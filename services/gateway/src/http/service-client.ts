import { toSearchParams } from '@hvar/contracts';
import { APP_ERROR_TYPES, AppError, listServices, type AppErrorType, type FieldError } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { PROBLEM_BASE } from './problem.js';

/** Where the registry lives, how long a read may take, and (optionally) the registry cache to read it through. */
export interface ServiceClientDeps {
  redis: Redis;
  prefix: string;
  timeoutMs: number;
  registry?: RegistryCache;
}

/** A query as validated by a contract schema: plain strings and numbers. */
export type ForwardQuery = Record<string, string | number | boolean | undefined>;

type Instance = Awaited<ReturnType<typeof listServices>>[number];

/** The service registry as last read; `cached` when it came from memory rather than Redis. */
interface Listing {
  instances: Instance[];
  cached: boolean;
}

/** Remembers the service registry for a moment, so a forwarded read costs no Redis round trip. */
export interface RegistryCache {
  /** The registry, from memory when younger than the TTL (unless `fresh`), else read (and remembered). */
  list(fresh?: boolean): Promise<Listing>;
}

/** A registry cache of one gateway (its Redis and prefix); `ttlMs` 0 reads the registry every time. */
export function createRegistryCache(redis: Redis, prefix: string, ttlMs: number): RegistryCache {
  let last: { at: number; instances: Promise<Instance[]> } | undefined;
  return {
    async list(fresh = false) {
      if (!fresh && last && Date.now() - last.at < ttlMs) return { instances: await last.instances, cached: true };
      const read = { at: Date.now(), instances: listServices(redis, prefix) };
      if (ttlMs > 0) last = read;
      // Concurrent reads share one lookup; a failed one is not remembered.
      void read.instances.catch(() => {
        if (last === read) last = undefined;
      });
      return { instances: await read.instances, cached: false };
    },
  };
}

/** The deps of a forwarded read, from the gateway's deps. */
export function serviceClient(deps: { redis: Redis; prefix: string; registry: RegistryCache; config: { SERVICE_READ_TIMEOUT_MS: number } }): ServiceClientDeps {
  return { redis: deps.redis, prefix: deps.prefix, timeoutMs: deps.config.SERVICE_READ_TIMEOUT_MS, registry: deps.registry };
}

const unavailable = (service: string, why: string): AppError =>
  new AppError('dependency_unavailable', `The ${service} service is not available (${why}); try again shortly.`);

async function registryListing(deps: Pick<ServiceClientDeps, 'redis' | 'prefix' | 'registry'>, service: string, fresh: boolean): Promise<Listing> {
  if (!deps.registry) return { instances: await listServices(deps.redis, deps.prefix), cached: false };
  const listing = await deps.registry.list(fresh);
  // A service that just started is not in a remembered registry yet: look again rather than answer 503.
  if (listing.cached && !listing.instances.some((s) => s.name === service)) return deps.registry.list(true);
  return listing;
}

/** Internal URLs of a service's instances: fresh heartbeats first (shuffled), stale ones as a fallback. */
export async function serviceUrls(deps: Pick<ServiceClientDeps, 'redis' | 'prefix' | 'registry'>, service: string, fresh = false): Promise<{ urls: string[]; cached: boolean }> {
  const { instances: all, cached } = await registryListing(deps, service, fresh);
  const instances = all.filter((s) => s.name === service);
  const live = instances.filter((s) => !s.stale).sort(() => Math.random() - 0.5);
  const stale = instances.filter((s) => s.stale).sort((a, b) => Date.parse(b.seen_at) - Date.parse(a.seen_at));
  return { urls: [...live, ...stale].map((s) => s.internal_url), cached };
}

/** A 4xx problem from the service → the same AppError here, so the client sees the same answer. */
function passThrough(status: number, body: unknown): AppError | undefined {
  if (status < 400 || status >= 500 || typeof body !== 'object' || body === null) return undefined;
  const p = body as { type?: unknown; detail?: unknown; errors?: unknown };
  const slug = typeof p.type === 'string' && p.type.startsWith(PROBLEM_BASE) ? p.type.slice(PROBLEM_BASE.length) : '';
  if (!Object.hasOwn(APP_ERROR_TYPES, slug)) return undefined;
  const errors = Array.isArray(p.errors) ? (p.errors as FieldError[]) : undefined;
  return new AppError(slug as AppErrorType, typeof p.detail === 'string' ? p.detail : 'Request refused by the service.', { errors });
}

/** A binary answer of a service (e.g. a PDF): its bytes and content type. */
export interface BinaryAnswer {
  contentType: string;
  bytes: Buffer;
}

/** What one instance answered: a 2xx read as `ok`, anything else as JSON (a problem); or why nothing usable came back. */
type Attempt<T> = { status: number; ok?: T; body?: unknown } | { failed: 'unreachable' | 'no_answer' };

/** One GET to one instance; a 2xx is read by `read`, anything else as JSON. A refused connection is `unreachable`, a timeout or unreadable answer `no_answer`. */
async function tryGet<T>(url: string, timeoutMs: number, accept: string | undefined, read: (res: Response) => Promise<T>): Promise<Attempt<T>> {
  let res: Response;
  try {
    res = await fetch(url, { headers: accept ? { accept } : {}, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return { failed: err instanceof Error && err.name === 'TimeoutError' ? 'no_answer' : 'unreachable' };
  }
  try {
    if (res.status >= 200 && res.status < 300) return { status: res.status, ok: await read(res) };
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  } catch {
    return { failed: 'no_answer' };
  }
}

/** The answer of the first of (at most two) instances that gives one, or why none did and which could not be reached. */
async function tryInstances<T>(urls: string[], target: string, deps: ServiceClientDeps, accept: string | undefined, read: (res: Response) => Promise<T>): Promise<{ ok: T } | { why: string; unreachable: string[] }> {
  let why = 'no answer';
  const unreachable: string[] = [];
  for (const base of urls.slice(0, 2)) {
    const res = await tryGet(`${base}${target}`, deps.timeoutMs, accept, read);
    if ('failed' in res) {
      if (res.failed === 'unreachable') unreachable.push(base);
      continue;
    }
    if (res.status >= 200 && res.status < 300) return { ok: res.ok as T };
    const refused = passThrough(res.status, res.body);
    if (refused) throw refused;
    // A 5xx from one instance: the next one may be healthy.
    why = `answered ${res.status}`;
  }
  return { why, unreachable };
}

async function urlsOrUnavailable(deps: ServiceClientDeps, service: string, fresh: boolean): Promise<{ urls: string[]; cached: boolean }> {
  try {
    return await serviceUrls(deps, service, fresh);
  } catch {
    throw unavailable(service, 'service registry unreachable');
  }
}

/**
 * A GET to a service's internal read API, found through the service registry. The first instance
 * that answers wins; none announced, none answering in time, or a 5xx → 503 problem; the service's
 * 4xx problems are passed through. When a remembered instance refuses the connection, the registry
 * is read again at once and the other instances tried, so a service restarted elsewhere is found.
 */
async function forward<T>(deps: ServiceClientDeps, service: string, path: string, query: ForwardQuery, accept: string | undefined, read: (res: Response) => Promise<T>): Promise<T> {
  const qs = toSearchParams(query).toString();
  const target = `${path}${qs ? `?${qs}` : ''}`;
  const first = await urlsOrUnavailable(deps, service, false);
  if (first.urls.length === 0) throw unavailable(service, 'not running');
  const tried = await tryInstances(first.urls, target, deps, accept, read);
  if ('ok' in tried) return tried.ok;
  if (!first.cached || tried.unreachable.length === 0) throw unavailable(service, tried.why);
  // A fresh read replaces the remembered registry.
  const fresh = (await urlsOrUnavailable(deps, service, true)).urls;
  if (fresh.length === 0) throw unavailable(service, 'not running');
  const others = fresh.filter((u) => !tried.unreachable.includes(u));
  if (others.length === 0) throw unavailable(service, tried.why);
  const retried = await tryInstances(others, target, deps, accept, read);
  if ('ok' in retried) return retried.ok;
  throw unavailable(service, retried.why);
}

/** The query half of the gateway: forwards a validated GET to the owning service and answers its JSON. */
export function forwardGet(deps: ServiceClientDeps, service: string, path: string, query: ForwardQuery = {}): Promise<unknown> {
  return forward(deps, service, path, query, 'application/json', async (res) => {
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  });
}

/** `forwardGet` answering the JSON text as it came (to be remembered and sent without parsing it). */
export function forwardGetText(deps: ServiceClientDeps, service: string, path: string, query: ForwardQuery = {}): Promise<string> {
  return forward(deps, service, path, query, 'application/json', (res) => res.text());
}

/** `forwardGet` for a binary answer (an airway bill PDF): the bytes and their content type, unchanged. */
export function forwardGetBinary(deps: ServiceClientDeps, service: string, path: string, query: ForwardQuery = {}): Promise<BinaryAnswer> {
  return forward(deps, service, path, query, undefined, async (res) => ({
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    bytes: Buffer.from(await res.arrayBuffer()),
  }));
}
