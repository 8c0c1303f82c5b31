import { BostaApiError, normalizeDelivery, type Delivery } from '@hvar/bosta';
import type { JobPayload, syncQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import { writeBatch, type QuarantineItem } from '../db/write/page-write.js';
import type { SyncDeps } from '../deps.js';
import { sourceKey } from '../domain/source-key.js';
import { mapLimited } from '../runs/limit.js';

type Fetched = { delivery: { delivery: Delivery; raw: unknown } } | { quarantined: QuarantineItem } | { missing: string };

/**
 * `refresh-details`: fetches each delivery in full (bounded concurrency) and writes them through the
 * same batch path as search pages. A delivery Bosta does not know (404) is logged, not retried.
 */
export function refreshDetailsHandler(deps: SyncDeps) {
  return async (payload: JobPayload<typeof syncQueue, 'refresh-details'>, ctx: JobContext): Promise<null> => {
    const fetched = await mapLimited(payload.tracking_numbers, deps.settings.concurrency, (tn) => fetchOne(deps, tn));
    const missing = fetched.flatMap((f) => ('missing' in f ? [f.missing] : []));
    if (missing.length > 0) ctx.log.warn({ trackingNumbers: missing, reason: payload.reason }, 'detail refresh: unknown to Bosta (404)');
    const result = await writeBatch(deps.pool, {
      source: 'detail',
      deliveries: fetched.flatMap((f) => ('delivery' in f ? [f.delivery] : [])),
      quarantined: fetched.flatMap((f) => ('quarantined' in f ? [f.quarantined] : [])),
      seen: payload.tracking_numbers.length,
      detailCalls: payload.tracking_numbers.length,
      errors: missing.map((tn) => `detail 404 for ${tn}`),
    });
    ctx.log.debug({ written: result.written, quarantined: result.quarantined, reason: payload.reason }, 'details refreshed');
    if (result.changes.length > 0) deps.kickOutbox();
    return null;
  };
}

async function fetchOne(deps: SyncDeps, tn: string): Promise<Fetched> {
  let raw: unknown;
  try {
    raw = await deps.bosta.getDelivery(tn);
  } catch (err) {
    if (err instanceof BostaApiError && err.status === 404) return { missing: tn };
    throw err;
  }
  const result = normalizeDelivery(raw);
  if (result.ok) return { delivery: { delivery: result.value, raw } };
  return { quarantined: { sourceKey: sourceKey(raw), source: 'detail', reason: result.reason, raw } };
}
