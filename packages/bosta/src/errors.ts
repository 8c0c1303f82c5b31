/** A field-level problem found in client input before any call was made. */
export interface BostaInputIssue {
  path: string;
  message: string;
}

/** Bosta answered with an error status or an `{ success: false }` envelope. */
export class BostaApiError extends Error {
  override readonly name = 'BostaApiError';
  /** HTTP status of the answer. */
  readonly status: number;
  /** Bosta's `errorCode` (1007 bad key, 1008 scope, 1066 not found, 1070 too late...), null when absent. */
  readonly errorCode: number | null;
  /** True for 429 and 5xx: trying again later may succeed. */
  readonly retryable: boolean;
  /** The parsed response body (or raw text when it was not JSON). */
  readonly body: unknown;
  /** Seconds Bosta asked us to wait (Retry-After header or body `retryAfter`), when given. */
  readonly retryAfterMs: number | null;

  constructor(opts: { status: number; errorCode: number | null; message: string; body: unknown; retryAfterMs?: number | null; operation?: string }) {
    super(`${opts.operation ? `${opts.operation}: ` : ''}Bosta ${opts.status}${opts.errorCode !== null ? `/${opts.errorCode}` : ''}: ${opts.message}`);
    this.status = opts.status;
    this.errorCode = opts.errorCode;
    this.retryable = opts.status === 429 || opts.status >= 500;
    this.body = opts.body;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** No usable answer (timeout, connection reset/refused). `ambiguous`: the call may have taken effect. */
export class BostaNetworkError extends Error {
  override readonly name = 'BostaNetworkError';
  /** Node/axios error code such as ECONNRESET, ECONNABORTED, ECONNREFUSED. */
  readonly code: string | null;
  /** True when a non-idempotent call may have been applied by Bosta before the failure. */
  readonly ambiguous: boolean;

  constructor(message: string, opts: { code: string | null; ambiguous: boolean; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.code = opts.code;
    this.ambiguous = opts.ambiguous;
  }
}

/** Client input that Bosta would reject (missing address for the type, bad phone...); nothing was sent. */
export class BostaInputError extends Error {
  override readonly name = 'BostaInputError';
  /** Every problem found, with its path in the input. */
  readonly issues: BostaInputIssue[];

  constructor(operation: string, issues: BostaInputIssue[]) {
    super(`${operation}: invalid input: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** Bosta answered 2xx but the body is not the shape this client expects. */
export class BostaResponseError extends Error {
  override readonly name = 'BostaResponseError';
  /** The body as received. */
  readonly body: unknown;

  constructor(message: string, body: unknown) {
    super(message);
    this.body = body;
  }
}

/** Error code our simulator (and, we infer, Bosta) uses for a reused uniqueBusinessReference. */
export const DUPLICATE_REFERENCE_ERROR_CODE = 1079;

/** True when retrying later may help (429, 5xx, network). */
export function isRetryableBostaError(err: unknown): boolean {
  return (err instanceof BostaApiError && err.retryable) || err instanceof BostaNetworkError;
}
