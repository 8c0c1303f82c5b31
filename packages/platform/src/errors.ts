/** The small, closed set of error kinds; each maps once to an HTTP status and a retry policy. */
export const APP_ERROR_TYPES = {
  invalid_data: { status: 400, retry: false, title: 'Invalid data' },
  unauthorized: { status: 401, retry: false, title: 'Unauthorized' },
  not_allowed: { status: 403, retry: false, title: 'Not allowed' },
  not_found: { status: 404, retry: false, title: 'Not found' },
  conflict: { status: 409, retry: false, title: 'Conflict' },
  unexpected_state: { status: 409, retry: false, title: 'Unexpected state' },
  unprocessable: { status: 422, retry: false, title: 'Unprocessable' },
  rate_limited: { status: 429, retry: true, title: 'Too many requests' },
  dependency_unavailable: { status: 503, retry: true, title: 'Dependency unavailable' },
} as const;

export type AppErrorType = keyof typeof APP_ERROR_TYPES;

/** A field-level problem, shaped like the `errors` member of our problem details. */
export interface FieldError {
  path: string;
  message: string;
}

/** The one error type services throw on purpose. Anything else is a bug (500, retried by workers). */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly type: AppErrorType,
    message: string,
    readonly options: { code?: string; errors?: FieldError[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }

  /** HTTP status for this error's type. */
  get status(): number {
    return APP_ERROR_TYPES[this.type].status;
  }

  /** Whether a worker should retry a job that failed with this error. */
  get retryable(): boolean {
    return APP_ERROR_TYPES[this.type].retry;
  }

  /** JSON-safe form, used to carry the error through a failed job. */
  toJSON(): SerializedAppError {
    const { code, errors, details } = this.options;
    return { type: this.type, message: this.message, code, errors, details };
  }
}

/** JSON form of an AppError. */
export interface SerializedAppError {
  type: AppErrorType;
  message: string;
  code?: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

const PREFIX = 'AppError ';

/** Encodes an AppError into a job's failedReason so the gateway can map it back to a status. */
export function encodeAppError(err: AppError): string {
  return PREFIX + JSON.stringify(err.toJSON());
}

/** Decodes a failedReason written by `encodeAppError`; undefined for any other text. */
export function decodeAppError(reason: string | undefined): AppError | undefined {
  if (!reason?.startsWith(PREFIX)) return undefined;
  try {
    const raw = JSON.parse(reason.slice(PREFIX.length)) as Partial<SerializedAppError> | null;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    // hasOwn, not `in`: "toString" or "constructor" must not pass for an error type.
    if (typeof raw.type !== 'string' || !Object.hasOwn(APP_ERROR_TYPES, raw.type) || typeof raw.message !== 'string') return undefined;
    const { type, message, code, errors, details } = raw as SerializedAppError;
    return new AppError(type, message, { code, errors, details });
  } catch {
    return undefined;
  }
}

/** True for an AppError, including one from another copy of this module. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (err instanceof Error && err.name === 'AppError' && 'type' in err);
}
