import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { APP_ERROR_TYPES, AppError, isAppError } from './errors.js';
import type { Logger } from './logger.js';

/**
 * Errors of the services' internal read APIs (GET only, JSON): the same problem+json the gateway
 * answers (same `type` base), so the gateway passes them through unchanged.
 */
const PROBLEM_BASE = 'https://hvar-cycle.dev/problems/';

/** Parses query or path params with a contract schema; problems become one 400 listing every field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, root: 'query' | 'params'): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ path: [root, ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError('invalid_data', `Invalid ${root}: ${errors.slice(0, 3).map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
}

/** A 404 for a missing resource. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `No ${what}.`);
}

/** AppError → RFC 9457 problem+json; anything else → 500 without internals (logged). */
export function problemMiddleware(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (isAppError(err)) {
      const meta = APP_ERROR_TYPES[err.type];
      res.status(meta.status).type('application/problem+json').json({
        type: PROBLEM_BASE + err.type, title: meta.title, status: meta.status, detail: err.message, errors: err.options.errors,
      });
      return;
    }
    log.error({ err, path: req.path }, 'read api error');
    res.status(500).type('application/problem+json').json({ type: `${PROBLEM_BASE}internal_error`, title: 'Internal error', status: 500, detail: 'Read API failed.' });
  };
}
