import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { APP_ERROR_TYPES, isAppError, type AppErrorType, type FieldError, type Logger } from '@hvar/platform';

/** Base of every problem `type` URI; stable, documented in the OpenAPI description. */
export const PROBLEM_BASE = 'https://hvar-cycle.dev/problems/';

/** RFC 9457 problem details, plus our `errors` (field problems) and `request_id`. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** Problem slugs beyond the AppError types (transport-level failures). */
type Slug = AppErrorType | 'malformed_json' | 'payload_too_large' | 'unsupported_media_type' | 'route_not_found' | 'internal_error';

const EXTRA: Record<Exclude<Slug, AppErrorType>, { status: number; title: string }> = {
  malformed_json: { status: 400, title: 'Malformed JSON' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  route_not_found: { status: 404, title: 'Not found' },
  internal_error: { status: 500, title: 'Internal error' },
};

/** Builds a problem for a slug. */
export function problem(slug: Slug, detail: string, extra: { errors?: FieldError[]; code?: string } = {}): Problem {
  const meta = slug in APP_ERROR_TYPES ? APP_ERROR_TYPES[slug as AppErrorType] : EXTRA[slug as Exclude<Slug, AppErrorType>];
  return { type: PROBLEM_BASE + slug, title: meta.title, status: meta.status, detail, ...extra };
}

/** Sends a problem as `application/problem+json`, stamped with the request id and path. */
export function sendProblem(res: Response, body: Problem): void {
  const requestId = res.getHeader('x-request-id');
  res
    .status(body.status)
    .type('application/problem+json')
    .json({ ...body, instance: res.req.originalUrl.split('?')[0], request_id: typeof requestId === 'string' ? requestId : undefined });
}

/** zod issues → our field errors. */
export function fieldErrors(error: z.ZodError, root: string): FieldError[] {
  return error.issues.map((i) => ({ path: [root, ...i.path.map(String)].join('.'), message: i.message }));
}

/** A failure of the HTTP transport itself (not of the request's meaning). */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly slug: 'unsupported_media_type' | 'route_not_found',
    message: string,
  ) {
    super(message);
  }
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The one error middleware: AppError → its status; body-parser failures → 400/413/415; anything
 * else → 500 with no internals (the stack goes to the log, with the request id).
 */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (isAppError(err)) {
      sendProblem(res, problem(err.type, err.message, { errors: err.options.errors, code: err.options.code }));
      return;
    }
    if (err instanceof TransportError) return sendProblem(res, problem(err.slug, err.message));
    const bp = err as BodyParserError;
    if (bp.type === 'entity.too.large') return sendProblem(res, problem('payload_too_large', 'The request body is larger than 1 MB.'));
    if (bp.type === 'entity.parse.failed') return sendProblem(res, problem('malformed_json', 'The request body is not valid JSON.'));
    if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported') {
      return sendProblem(res, problem('unsupported_media_type', 'Unsupported body encoding or charset.'));
    }
    log.error({ err, request_id: res.getHeader('x-request-id'), path: req.path }, 'unhandled error');
    sendProblem(res, problem('internal_error', 'Something went wrong on our side. Quote the request id when reporting it.'));
  };
}
