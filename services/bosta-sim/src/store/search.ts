import { z } from 'zod';
import type { SimDelivery } from '../domain/delivery.js';
import { TYPE_ENUMS } from '../domain/states.js';
import type { OrderedIndex } from './ordered-index.js';
import { phoneKey, type DeliveryStore } from './store.js';

const stringList = z.union([z.array(z.union([z.string(), z.number()])), z.string(), z.number()]).transform((v) =>
  (Array.isArray(v) ? v : String(v).split(',')).map((s) => String(s).trim()).filter((s) => s !== ''),
);
const dateText = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : Date.parse(v);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'is not a date' });
    return z.NEVER;
  }
  // A bare date as the end of a range means the whole day.
  return { ms, dateOnly: typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) };
});

/** The body of `POST /deliveries/search` (unknown fields are ignored, like Bosta does). */
export const SearchQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sortBy: z.enum(['updatedAt', '-updatedAt', 'createdAt', '-createdAt']).default('-createdAt'),
  trackingNumbers: stringList.optional(),
  mobilePhones: stringList.optional(),
  searchTerm: z.string().optional(),
  type: stringList.optional(),
  states: stringList.optional(),
  createdAtStart: dateText.optional(),
  createdAtEnd: dateText.optional(),
  updatedAtStart: dateText.optional(),
  updatedAtEnd: dateText.optional(),
  businessReference: z.string().optional(),
  uniqueBusinessReference: z.string().optional(),
});
/** A parsed search request. */
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

type Range = { start?: number; end?: number };
const DAY = 86_400_000;

function range(start?: { ms: number }, end?: { ms: number; dateOnly: boolean }): Range {
  return { start: start?.ms, end: end ? (end.dateOnly ? end.ms + DAY - 1 : end.ms) : undefined };
}

function inRange(v: number, r: Range): boolean {
  return (r.start === undefined || v >= r.start) && (r.end === undefined || v <= r.end);
}

function typeCodes(list: string[]): Set<number> {
  const codes = new Set<number>();
  for (const t of list) {
    const hit = Object.entries(TYPE_ENUMS).find(([code, name]) => name === t.toUpperCase() || code === t);
    codes.add(hit ? Number(hit[0]) : -1);
  }
  return codes;
}

/** A predicate for every filter except the sort field's own date range (handled by the index). */
function predicate(q: SearchQuery, created: Range, updated: Range, sortField: string): ((d: SimDelivery) => boolean) | null {
  const tests: ((d: SimDelivery) => boolean)[] = [];
  if (q.type) {
    const codes = typeCodes(q.type);
    tests.push((d) => codes.has(d.type));
  }
  if (q.states) {
    const states = new Set(q.states.map(Number));
    tests.push((d) => states.has(d.plan[Math.max(0, d.reached - 1)]?.state ?? -1));
  }
  if (sortField !== 'createdAt' && (created.start !== undefined || created.end !== undefined)) tests.push((d) => inRange(d.createdAt, created));
  if (sortField !== 'updatedAt' && (updated.start !== undefined || updated.end !== undefined)) tests.push((d) => inRange(d.updatedAt, updated));
  if (q.businessReference !== undefined) tests.push((d) => d.businessReference === q.businessReference);
  if (q.searchTerm) {
    const term = q.searchTerm.toLowerCase();
    tests.push((d) => `${d.receiver.firstName} ${d.receiver.lastName}|${d.trackingNumber}|${d.businessReference ?? ''}|${d.receiver.phone}`.toLowerCase().includes(term));
  }
  if (tests.length === 0) return null;
  return (d) => tests.every((t) => t(d));
}

/** Deliveries named directly by tracking numbers, phones or unique reference (small candidate sets). */
function candidates(store: DeliveryStore, q: SearchQuery): SimDelivery[] | null {
  let set: SimDelivery[] | null = null;
  const narrow = (list: SimDelivery[]): void => {
    set = set === null ? list : set.filter((d) => list.includes(d));
  };
  if (q.trackingNumbers) narrow(q.trackingNumbers.flatMap((tn) => store.byTn.get(tn) ?? []));
  if (q.uniqueBusinessReference !== undefined) narrow([store.byUbr.get(q.uniqueBusinessReference)].filter((d) => d !== undefined));
  if (q.mobilePhones) narrow(q.mobilePhones.flatMap((p) => (store.byPhone.get(phoneKey(p)) ?? []).map((s) => store.bySeq.get(s)).filter((d) => d !== undefined)));
  return set;
}

/** Result of a search: the deliveries of the page and the total matching. */
export interface SearchResult {
  deliveries: SimDelivery[];
  count: number;
}

/** Runs a search: filters, sort, one page. Uses index ranges and positional slices, never a full sort. */
export function searchDeliveries(store: DeliveryStore, q: SearchQuery): SearchResult {
  const descending = q.sortBy.startsWith('-');
  const field = descending ? q.sortBy.slice(1) : q.sortBy;
  const created = range(q.createdAtStart, q.createdAtEnd);
  const updated = range(q.updatedAtStart, q.updatedAtEnd);
  const keyOf = (d: SimDelivery): number => (field === 'createdAt' ? d.createdAt : d.updatedAt);
  const own = field === 'createdAt' ? created : updated;
  const test = predicate(q, created, updated, field);
  const offset = (q.page - 1) * q.limit;
  const direct = candidates(store, q);
  if (direct) {
    const unique = [...new Set(direct)].filter((d) => inRange(keyOf(d), own) && (!test || test(d)));
    unique.sort((a, b) => (keyOf(a) - keyOf(b) || a.seq - b.seq) * (descending ? -1 : 1));
    return { deliveries: unique.slice(offset, offset + q.limit), count: unique.length };
  }
  const index: OrderedIndex = field === 'createdAt' ? store.created : store.updated;
  const lo = own.start === undefined ? 0 : index.lowerBound(own.start);
  const hi = own.end === undefined ? index.size : index.lowerBound(own.end + 1);
  if (!test) {
    const count = Math.max(0, hi - lo);
    const start = descending ? Math.max(lo, hi - offset - q.limit) : lo + offset;
    const end = descending ? hi - offset : Math.min(hi, lo + offset + q.limit);
    const seqs = index.slice(start, Math.max(0, end - start));
    if (descending) seqs.reverse();
    return { deliveries: seqs.map((s) => store.bySeq.get(s)).filter((d) => d !== undefined), count };
  }
  const seqs = filteredScan(store, q, () => {
    const out: number[] = [];
    index.scanRange(lo, hi, descending, (seq) => {
      const d = store.bySeq.get(seq);
      if (d && test(d)) out.push(seq);
      return true;
    });
    return out;
  });
  const page = seqs.slice(offset, offset + q.limit).map((s) => store.bySeq.get(s)).filter((d) => d !== undefined);
  return { deliveries: page, count: seqs.length };
}

/** A filtered scan's result, reused while nothing changed (paging a filter costs one scan, not one per page). */
function filteredScan(store: DeliveryStore, q: SearchQuery, scan: () => number[]): number[] {
  const key = JSON.stringify({ ...q, page: 0, limit: 0 });
  const last = store.lastScan;
  if (last && last.key === key && last.version === store.version) return last.seqs;
  const seqs = scan();
  store.lastScan = { key, version: store.version, seqs };
  return seqs;
}
