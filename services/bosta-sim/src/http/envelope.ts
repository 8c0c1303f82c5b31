import type { ErrorRequestHandler, Response } from 'express';
import { SimApiError } from '../domain/errors.js';

/** Answers Bosta's success envelope `{ success: true, message, data }`. */
export function sendOk(res: Response, data: unknown, message = 'Done successfully.', status = 200): void {
  res.status(status).json({ success: true, message, data });
}

/** Answers a success envelope whose `data` is already-serialized JSON (cached renders). */
export function sendRawData(res: Response, dataJson: string, message = 'Done successfully.'): void {
  res.status(200).type('application/json').send(`{"success":true,"message":${JSON.stringify(message)},"data":${dataJson}}`);
}

const SEARCH_HEAD = Buffer.from('{"success":true,"message":"Done successfully.","data":{"deliveries":[');
const COMMA = Buffer.from(',');

/** Answers a search page from cached UTF-8 items without re-encoding them. */
export function sendSearchPage(res: Response, items: Buffer[], count: number): void {
  const parts: Buffer[] = [SEARCH_HEAD];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(Buffer.from(`],"count":${count}}}`));
  res.status(200).type('application/json').end(Buffer.concat(parts));
}

/** Answers Bosta's error envelope `{ success: false, message, errorCode, data: null }`. */
export function sendError(res: Response, err: SimApiError): void {
  res.status(err.status).json({ success: false, message: err.message, errorCode: err.errorCode, data: null });
}

/**
 * Maps thrown errors to the envelope: SimApiError as is, unparsable JSON bodies to 400, anything
 * else to 500 (logged by the caller's logger).
 */
export function bostaErrorHandler(log: { error(obj: object, msg: string): void }): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof SimApiError) return sendError(res, err);
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, new SimApiError(status, 1000, 'Invalid request body'));
    log.error({ err }, 'simulator request failed');
    sendError(res, new SimApiError(500, 1500, 'Internal server error'));
  };
}
