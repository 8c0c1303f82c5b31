/**
 * The console talks only to the public REST API, same origin, with the session cookie. Errors come
 * back as RFC 9457 problem details; `ApiError` keeps them so screens show the API's own words.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

/** Called on any 401 so the app can send the user to the login page. */
let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

function toFieldErrors(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e: { path?: unknown; message?: unknown }) => ({
    path: typeof e.path === 'string' ? e.path : '',
    message: typeof e.message === 'string' ? e.message : '',
  }));
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Do not redirect to the login page on 401 (the login form itself, the public pages). */
  quiet401?: boolean;
}

export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', signal: opts.signal, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    // Status 0: the ProblemBox says it in the user's language.
    throw new ApiError(0, 'Network error', undefined);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const p = (parsed ?? {}) as Record<string, unknown>;
    if (res.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw new ApiError(res.status, typeof p.title === 'string' ? p.title : res.statusText || 'Error', typeof p.detail === 'string' ? p.detail : undefined, toFieldErrors(p.errors), p);
  }
  return parsed as T;
}

export const get = <T>(path: string, opts?: RequestOptions) => api<T>('GET', path, opts);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('POST', path, { ...opts, body });
export const put = <T>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('PUT', path, { ...opts, body });
export const del = <T>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('DELETE', path, { ...opts, body });

/** Builds `path?query` from the defined, non-empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A page of a cursor-paged list (`?cursor=` the next page; null on the last one). */
export interface PageOf<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (null: nothing to load) and re-GETs when it changes; an answer for an old path is
 * dropped. `refreshMs` polls (live screens); polling keeps the data on screen while it reloads.
 */
export function useApi<T>(path: string | null, refreshMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; path: string | null }>({ loading: path !== null, path });
  const [tick, setTick] = useState(0);
  const latest = useRef(path);
  latest.current = path;
  useEffect(() => {
    if (path === null) {
      setState({ loading: false, path });
      return;
    }
    const abort = new AbortController();
    setState((s) => ({ data: s.path === path ? s.data : undefined, error: undefined, loading: true, path }));
    get<T>(path, { signal: abort.signal }).then(
      (data) => latest.current === path && setState({ data, loading: false, path }),
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        if (latest.current === path) setState({ error: err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)), loading: false, path });
      },
    );
    return () => abort.abort();
  }, [path, tick]);
  useEffect(() => {
    if (!refreshMs || path === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, path]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const data = state.path === path ? state.data : undefined;
  return { data, error: state.error, loading: state.loading || state.path !== path, reload };
}

interface Accepted {
  operation_id: string;
  status: 'pending';
}

interface Operation {
  status: 'pending' | 'completed' | 'failed';
  result?: unknown;
  error?: { status?: number; title?: string; detail?: string; errors?: FieldError[] };
}

const isAccepted = (body: unknown): body is Accepted =>
  typeof body === 'object' && body !== null && (body as Accepted).status === 'pending' && typeof (body as Accepted).operation_id === 'string';

/** A random Idempotency-Key (one per user intent: a double submit or a retry reuses it). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * One Idempotency-Key per form and request body: sending the same body twice (a double click, a
 * retry after a lost answer) reuses the key, so the gateway runs the command once; a changed body
 * gets a new key (the gateway refuses a key reused with another body).
 */
export function useIdempotencyKey(): { keyFor: (body: unknown) => string; settled: (error: unknown) => void } {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor: (body) => {
      const json = JSON.stringify(body);
      if (last.current?.body !== json) last.current = { body: json, key: newIdempotencyKey() };
      return last.current.key;
    },
    // A clear refusal (4xx) was the answer: the next try is a new request, not a retry of a lost one.
    settled: (error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) last.current = null;
    },
  };
}

export interface CommandOptions {
  /** Default: a new key per call. */
  idempotencyKey?: string;
  /** How long to follow a 202 before saying the command is still queued (default 30 s). */
  maxWaitMs?: number;
}

/**
 * Runs a gateway command to its end and returns its result. A command answers with its result, its
 * problem, or `202` when the owning service is slow or down: then the operation is polled (once a
 * second) until it completes or fails, so the screen always shows what happened; a failure throws
 * the API's problem. Still queued after `maxWaitMs` → an ApiError with status 202 (the ProblemBox
 * says so in the user's language; `body.operation_id` names the operation).
 */
export async function command<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, opts: CommandOptions = {}): Promise<T> {
  const first = await api<unknown>(method, path, { body, headers: { 'idempotency-key': opts.idempotencyKey ?? newIdempotencyKey() } });
  if (!isAccepted(first)) return first as T;
  const deadline = Date.now() + (opts.maxWaitMs ?? 30_000);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const op = await get<Operation>(`/api/v1/operations/${encodeURIComponent(first.operation_id)}`);
    if (op.status === 'completed') return op.result as T;
    if (op.status === 'failed') {
      const e = op.error ?? {};
      throw new ApiError(e.status ?? 500, e.title ?? 'Error', e.detail, e.errors ?? [], e as Record<string, unknown>);
    }
  }
  throw new ApiError(202, 'Accepted', undefined, [], { operation_id: first.operation_id });
}
