import type { z } from 'zod';
import { BostaResponseError } from './errors.js';
import type { BulkCreateResult, CreatedDelivery } from './types.js';

function rec(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function str(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

/** `data` as a list: a bare array or `{ list: [...] }` (both seen, bosta-api.md §3.10-3.11), each item checked. */
export function parseList<S extends z.ZodType>(operation: string, data: unknown, schema: S): z.output<S>[] {
  const list = Array.isArray(data) ? data : rec(data)?.list;
  if (!Array.isArray(list)) throw new BostaResponseError(`${operation}: expected a list in data`, data);
  return list.map((item, i) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) throw new BostaResponseError(`${operation}: item ${i}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, item);
    return parsed.data;
  });
}

/** `data: { deliveries, count }` of a search. */
export function parseSearch(data: unknown): { deliveries: unknown[]; count: number } {
  const d = rec(data);
  const count = typeof d?.count === 'string' ? Number(d.count) : d?.count;
  if (!d || !Array.isArray(d.deliveries) || typeof count !== 'number' || !Number.isFinite(count)) {
    throw new BostaResponseError('searchDeliveries: expected data.deliveries and data.count', data);
  }
  return { deliveries: d.deliveries as unknown[], count };
}

/** A create's `data` (or a found search item) → `CreatedDelivery`. */
export function parseCreated(operation: string, data: unknown, recovered: boolean): CreatedDelivery {
  const d = rec(data);
  const id = str(d?._id);
  const tn = str(d?.trackingNumber);
  if (!d || id === null || tn === null) throw new BostaResponseError(`${operation}: expected data._id and data.trackingNumber`, data);
  const state = rec(d.state);
  const code = typeof d.state === 'number' ? d.state : state?.code;
  return {
    _id: id,
    trackingNumber: tn,
    state: typeof code === 'number' ? { code, value: str(state?.value) } : null,
    businessReference: str(d.businessReference),
    uniqueBusinessReference: str(d.uniqueBusinessReference),
    message: str(d.message),
    recovered,
  };
}

/** `data: { _id }` of update/terminate. */
export function parseIdAnswer(operation: string, data: unknown): { _id: string } {
  const id = str(rec(data)?._id);
  if (id === null) throw new BostaResponseError(`${operation}: expected data._id`, data);
  return { _id: id };
}

/** Bulk answer: `{ createdDeliveriesIds, failedDeliveries }`, or a bare id array (older API). */
export function parseBulk(data: unknown): BulkCreateResult {
  if (Array.isArray(data)) return { created: data.map(str).filter((s): s is string => s !== null), failed: [] };
  const d = rec(data);
  if (!d || !Array.isArray(d.createdDeliveriesIds)) throw new BostaResponseError('bulkCreateDeliveries: expected data.createdDeliveriesIds', data);
  const failed = Array.isArray(d.failedDeliveries) ? d.failedDeliveries : [];
  return {
    created: d.createdDeliveriesIds.map(str).filter((s): s is string => s !== null),
    failed: failed.map((f) => ({ businessReference: str(rec(f)?.businessReference), errorMessage: str(rec(f)?.errorMessage) ?? 'unknown error' })),
  };
}

/** Mass AWB `data`: base64 PDF (or raw PDF bytes) → Buffer; anything else is an error. */
export function parsePdf(data: unknown): Buffer {
  const bytes = Buffer.isBuffer(data) ? data : typeof data === 'string' ? Buffer.from(data, 'base64') : null;
  if (!bytes || bytes.subarray(0, 4).toString('latin1') !== '%PDF') throw new BostaResponseError('massAwb: expected a PDF', data);
  return bytes;
}
