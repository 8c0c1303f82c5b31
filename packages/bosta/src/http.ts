import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { BostaApiError, BostaNetworkError, BostaResponseError } from './errors.js';
import { backoffDelay, retryAfterMs, type RetryPolicy } from './retry.js';

/** The few logger methods the client uses (a pino `Logger` fits). */
export interface BostaLogger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

/** Supplies the raw `Authorization` value (API key or dashboard token) and renews a rejected token. */
export interface AuthSource {
  /** The current value, logging in first if needed. */
  header(): Promise<string>;
  /** Whether a 401 can be cured by logging in again. */
  readonly canRefresh: boolean;
  /** Drop `stale` and log in again (no-op if another call already renewed it). */
  refresh(stale: string): Promise<void>;
}

/** One HTTP call to Bosta. `safe` calls (GETs, search) are retried on 429/5xx/network; others never. */
export interface CallSpec {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  safe: boolean;
  /** False for endpoints Bosta serves without a key (`/cities/getAllDistricts`, `/users/login`). */
  auth?: boolean;
}

/** Transport settings shared by every call. */
export interface HttpOptions {
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  log?: BostaLogger;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

const PDF_MAGIC = '%PDF';

/** Decode a raw body: PDF bytes stay a Buffer, JSON is parsed, anything else stays text. */
function decode(res: AxiosResponse<ArrayBuffer>): unknown {
  const bytes = Buffer.from(res.data ?? new ArrayBuffer(0));
  if (bytes.subarray(0, 4).toString('latin1') === PDF_MAGIC) return bytes;
  const text = bytes.toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value) ? (value as Record<string, unknown>) : null;
}

function errorCodeOf(body: Record<string, unknown> | null): number | null {
  const code = body?.errorCode;
  const n = typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

/** Bosta's message: `message`, or `[0].message` when the body is an array (bosta-api.md §2). */
function messageOf(body: unknown, status: number): string {
  const rec = record(body) ?? record(Array.isArray(body) ? body[0] : null);
  if (rec && typeof rec.message === 'string') return rec.message;
  if (typeof body === 'string' && body.trim() !== '') return body.slice(0, 200);
  return `HTTP ${status}`;
}

/** Axios transport with Bosta's envelope unwrapped, typed errors, safe-call retries and 401 re-login. */
export class BostaHttp {
  private readonly axios: AxiosInstance;

  constructor(private readonly opts: HttpOptions, private readonly auth: AuthSource) {
    this.axios = axios.create({
      baseURL: opts.baseUrl.replace(/\/+$/, ''),
      timeout: opts.timeoutMs,
      responseType: 'arraybuffer',
      validateStatus: () => true,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-By': 'hvar-cycle' },
    });
  }

  /** Perform the call and return the envelope's `data` (a Buffer for PDF bodies). */
  async call(spec: CallSpec): Promise<unknown> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.callOnce(spec);
      } catch (err) {
        const wait = this.retryWait(spec, err, retry);
        if (wait === null) throw err;
        this.opts.log?.warn({ operation: spec.operation, retry: retry + 1, waitMs: wait, err: (err as Error).message }, 'bosta call failed, retrying');
        await this.opts.sleep(wait);
      }
    }
  }

  /** Milliseconds to wait before the next try, or null when the error must surface. */
  private retryWait(spec: CallSpec, err: unknown, retry: number): number | null {
    const { retry: policy, random } = this.opts;
    if (!spec.safe || retry + 1 >= policy.attempts) return null;
    if (err instanceof BostaNetworkError) return backoffDelay(retry, policy, random);
    if (!(err instanceof BostaApiError) || !err.retryable) return null;
    if (err.retryAfterMs !== null) return err.retryAfterMs <= policy.maxRetryAfterMs ? err.retryAfterMs : null;
    return backoffDelay(retry, policy, random);
  }

  /** One try, plus one re-login and repeat when a dashboard token was rejected with 401. */
  private async callOnce(spec: CallSpec): Promise<unknown> {
    const useAuth = spec.auth !== false;
    let header = useAuth ? await this.auth.header() : null;
    let answer = await this.send(spec, header);
    if (answer.status === 401 && header !== null && this.auth.canRefresh) {
      this.opts.log?.info({ operation: spec.operation }, 'bosta token rejected, logging in again');
      await this.auth.refresh(header);
      header = await this.auth.header();
      answer = await this.send(spec, header);
    }
    return this.unwrap(spec, answer);
  }

  private async send(spec: CallSpec, authorization: string | null): Promise<Answer> {
    try {
      const res = await this.axios.request<ArrayBuffer>({
        method: spec.method,
        url: spec.path,
        params: spec.query,
        data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        headers: authorization === null ? {} : { Authorization: authorization },
      });
      return { status: res.status, headers: res.headers as Record<string, unknown>, body: decode(res) };
    } catch (err) {
      throw this.networkError(spec, err);
    }
  }

  private networkError(spec: CallSpec, err: unknown): BostaNetworkError {
    const code = axios.isAxiosError(err) ? (err.code ?? null) : null;
    // A refused connection never reached Bosta, so even a create is not ambiguous then.
    const ambiguous = !spec.safe && code !== 'ECONNREFUSED';
    const what = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? `timed out after ${this.opts.timeoutMs} ms` : (err as Error).message;
    return new BostaNetworkError(`${spec.operation}: ${what}`, { code, ambiguous, cause: err });
  }

  private unwrap(spec: CallSpec, answer: Answer): unknown {
    const { status, body } = answer;
    const rec = record(body);
    if (status < 200 || status >= 300 || rec?.success === false || rec?.success === 'false') {
      throw new BostaApiError({
        operation: spec.operation,
        status,
        errorCode: errorCodeOf(rec),
        message: messageOf(body, status),
        body,
        retryAfterMs: retryAfterMs(answer.headers['retry-after'], body, this.opts.now()),
      });
    }
    if (Buffer.isBuffer(body)) return body;
    if (rec === null) throw new BostaResponseError(`${spec.operation}: expected a JSON envelope, got ${typeof body}`, body);
    return 'data' in rec ? rec.data : rec;
  }
}
