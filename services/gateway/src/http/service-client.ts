import { toSearchParams } from '@hvar/contracts';
import { APP_ERROR_TYPES, AppError, listServices, type AppErrorType, type FieldError } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { PROBLEM_BASE } from './problem.js';

/** Where the registry lives and how long a read may take. */
export interface ServiceClientDeps {
  redis: Redis;
  prefix: string;
  timeoutMs: number;
}

/** A query as validated by a contract schema: plain strings and numbers. */
export type ForwardQuery = Record<string, string | number | boolean | undefined>;

const unavailable = (service: string, why: string): AppError =>
  new AppError('dependency_unavailable', `The ${service} service is not available (${why}); try again shortly.`);

/** Internal URLs of a service's instances: fresh heartbeats first (shuffled), stale ones as a fallback. */
export async function serviceUrls(deps: Pick<ServiceClientDeps, 'redis' | 'prefix'>, service: string): Promise<string[]> {
  const instances = (await listServices(deps.redis, deps.prefix)).filter((s) => s.name === service);
  const fresh = instances.filter((s) => !s.stale).sort(() => Math.random() - 0.5);
  const stale = instances.filter((s) => s.stale).sort((a, b) => Date.parse(b.seen_at) - Date.parse(a.seen_at));
  return [...fresh, ...stale].map((s) => s.internal_url);
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

/** What one instance answered: a 2xx read as `ok`, anything else as JSON (a problem). */
type Attempt<T> = { status: number; ok?: T; body?: unknown };

/** One GET to one instance; a 2xx is read by `read`, anything else as JSON; network failures and timeouts come back as `undefined`. */
async function tryGet<T>(url: string, timeoutMs: number, accept: string | undefined, read: (res: Response) => Promise<T>): Promise<Attempt<T> | undefined> {
  try {
    const res = await fetch(url, { headers: accept ? { accept } : {}, signal: AbortSignal.timeout(timeoutMs) });
    if (res.status >= 200 && res.status < 300) return { status: res.status, ok: await read(res) };
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  } catch {
    return undefined;
  }
}

/**
 * A GET to a service's internal read API, found through the service registry. The first instance
 * that answers wins; none announced, none answering in time, or a 5xx → 503 problem; the service's
 * 4xx problems are passed through.
 */
async function forward<T>(deps: ServiceClientDeps, service: string, path: string, query: ForwardQuery, accept: string | undefined, read: (res: Response) => Promise<T>): Promise<T> {
  let urls: string[];
  try {
    urls = await serviceUrls(deps, service);
  } catch {
    throw unavailable(service, 'service registry unreachable');
  }
  if (urls.length === 0) throw unavailable(service, 'not running');
  const qs = toSearchParams(query).toString();
  let why = 'no answer';
  for (const base of urls.slice(0, 2)) {
    const res = await tryGet(`${base}${path}${qs ? `?${qs}` : ''}`, deps.timeoutMs, accept, read);
    if (!res) continue;
    if (res.status >= 200 && res.status < 300) return res.ok as T;
    const refused = passThrough(res.status, res.body);
    if (refused) throw refused;
    // A 5xx from one instance: the next one may be healthy.
    why = `answered ${res.status}`;
  }
  throw unavailable(service, why);
}

/** The query half of the gateway: forwards a validated GET to the owning service and answers its JSON. */
export function forwardGet(deps: ServiceClientDeps, service: string, path: string, query: ForwardQuery = {}): Promise<unknown> {
  return forward(deps, service, path, query, 'application/json', async (res) => {
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  });
}

/** `forwardGet` for a binary answer (an airway bill PDF): the bytes and their content type, unchanged. */
export function forwardGetBinary(deps: ServiceClientDeps, service: string, path: string, query: ForwardQuery = {}): Promise<BinaryAnswer> {
  return forward(deps, service, path, query, undefined, async (res) => ({
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    bytes: Buffer.from(await res.arrayBuffer()),
  }));
}
