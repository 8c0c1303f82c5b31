import { createHash } from 'node:crypto';

/**
 * The quarantine key of a raw Bosta object: its tracking number when readable, else its `_id`, else
 * a hash of the object, so the same broken delivery updates one quarantine row.
 */
export function sourceKey(raw: unknown): string {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const { trackingNumber, _id } = raw as { trackingNumber?: unknown; _id?: unknown };
    if ((typeof trackingNumber === 'string' && trackingNumber !== '') || typeof trackingNumber === 'number') return String(trackingNumber);
    if (typeof _id === 'string' && _id !== '') return `id:${_id}`;
  }
  return `sha1:${createHash('sha1').update(JSON.stringify(raw) ?? 'undefined').digest('hex')}`;
}

/** The tracking number of a raw object when it has a usable one (for a detail call). */
export function rawTrackingNumber(raw: unknown): string | null {
  const key = sourceKey(raw);
  return /^\d+$/.test(key) ? key : null;
}
