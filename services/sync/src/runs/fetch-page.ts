import { BostaApiError, normalizeDelivery, type Delivery } from '@hvar/bosta';
import type { QuarantineItem } from '../db/write/page-write.js';
import { rawTrackingNumber, sourceKey } from '../domain/source-key.js';
import { mapLimited } from './limit.js';

/** The Bosta calls a sync needs (the client from `@hvar/bosta`, or anything shaped like it). */
export interface BostaReader {
  searchDeliveries(q: { page: number; limit: number; sortBy?: string }): Promise<{ deliveries: unknown[]; count: number }>;
  getDelivery(trackingNumberOrId: string): Promise<unknown>;
}

/** A fetched page, normalized: what the batch writer takes, plus what paging decisions need. */
export interface FetchedPage {
  count: number;
  /** Items the search listed. */
  seen: number;
  deliveries: { delivery: Delivery; raw: unknown }[];
  quarantined: QuarantineItem[];
  detailCalls: number;
  errors: string[];
}

/** Fetches one search page and normalizes it (details only for items the search copy cannot give). */
export async function fetchPage(bosta: BostaReader, q: { page: number; limit: number; sortBy: string }, detailConcurrency: number): Promise<FetchedPage> {
  const { deliveries: items, count } = await bosta.searchDeliveries(q);
  const page = await normalizeItems(bosta, items, detailConcurrency);
  return { count, seen: items.length, ...page };
}

/**
 * Normalizes raw search items. An item that fails is fetched in full (`GET /deliveries/business/:tn`)
 * when it has a tracking number: the search copy lacks some parts (fees, history). Still failing →
 * quarantined with the reason; a 404 for a listed delivery (search/detail mismatch) is recorded as
 * an error, not fatal. Other errors (auth, outage after the client's retries) fail the page.
 */
export async function normalizeItems(bosta: BostaReader, items: readonly unknown[], detailConcurrency: number): Promise<Omit<FetchedPage, 'count' | 'seen'>> {
  const out: Omit<FetchedPage, 'count' | 'seen'> = { deliveries: [], quarantined: [], detailCalls: 0, errors: [] };
  const failing: { raw: unknown; reason: string }[] = [];
  for (const raw of items) {
    const result = normalizeDelivery(raw);
    if (result.ok) out.deliveries.push({ delivery: result.value, raw });
    else failing.push({ raw, reason: result.reason });
  }
  const resolved = await mapLimited(failing, detailConcurrency, (item) => viaDetail(bosta, item));
  for (const r of resolved) {
    out.detailCalls += r.detailCalls;
    if (r.delivery) out.deliveries.push(r.delivery);
    if (r.quarantined) out.quarantined.push(r.quarantined);
    if (r.error) out.errors.push(r.error);
  }
  return out;
}

interface DetailOutcome {
  detailCalls: number;
  delivery?: { delivery: Delivery; raw: unknown };
  quarantined?: QuarantineItem;
  error?: string;
}

async function viaDetail(bosta: BostaReader, item: { raw: unknown; reason: string }): Promise<DetailOutcome> {
  const tn = rawTrackingNumber(item.raw);
  const fromSearch: QuarantineItem = { sourceKey: sourceKey(item.raw), source: 'search', reason: item.reason, raw: item.raw };
  if (!tn) return { detailCalls: 0, quarantined: fromSearch };
  let detail: unknown;
  try {
    detail = await bosta.getDelivery(tn);
  } catch (err) {
    if (err instanceof BostaApiError && err.status === 404) {
      const error = `search lists ${tn} but its detail answers 404 (search/detail mismatch)`;
      return { detailCalls: 1, quarantined: { ...fromSearch, reason: `${item.reason}; detail: 404 not found` }, error };
    }
    throw err;
  }
  const result = normalizeDelivery(detail);
  if (result.ok) return { detailCalls: 1, delivery: { delivery: result.value, raw: detail } };
  return { detailCalls: 1, quarantined: { sourceKey: sourceKey(detail), source: 'detail', reason: result.reason, raw: detail } };
}

/** Newest and oldest `updated_at` of a page's deliveries. */
export function updatedRange(page: Pick<FetchedPage, 'deliveries'>): { newest: Date | null; oldest: Date | null } {
  let newest: number | null = null;
  let oldest: number | null = null;
  for (const { delivery } of page.deliveries) {
    const t = Date.parse(delivery.updated_at);
    newest = newest === null ? t : Math.max(newest, t);
    oldest = oldest === null ? t : Math.min(oldest, t);
  }
  return { newest: newest === null ? null : new Date(newest), oldest: oldest === null ? null : new Date(oldest) };
}
