import { computeUpdatedAt, type SimDelivery } from '../domain/delivery.js';
import type { PlanStep } from '../domain/plan.js';
import { deepMerge, renderDetailExtras, renderSearchItem } from '../domain/render.js';
import { DueHeap } from './heap.js';
import { OrderedIndex } from './ordered-index.js';

/** Called for every step a delivery reaches while the clock moves (after the store is updated). */
export type TransitionListener = (d: SimDelivery, step: PlanStep, reached: number) => void;


/** Last ten digits of a phone (`1XXXXXXXXX`), the form every search spelling reduces to. */
export function phoneKey(phone: string): string {
  return phone.replace(/\D/g, '').slice(-10);
}

/**
 * Every simulated delivery, in memory: lookups by seq, `_id`, tracking number, unique business
 * reference and phone; ordered indexes on createdAt and updatedAt for paging; a heap of the next
 * due step of each delivery; the rendered JSON of each delivery, cached until it changes.
 */
export class DeliveryStore {
  readonly bySeq = new Map<number, SimDelivery>();
  readonly byId = new Map<string, SimDelivery>();
  readonly byTn = new Map<string, SimDelivery>();
  readonly byUbr = new Map<string, SimDelivery>();
  readonly byPhone = new Map<string, number[]>();
  readonly created = new OrderedIndex();
  readonly updated = new OrderedIndex();
  private readonly due = new DueHeap();
  /** Search-item JSON as UTF-8 (off the JS heap: Arabic text would make V8 strings two bytes per char). */
  private readonly cache = new Map<number, Buffer>();

  /** Bumped on every change, so derived results (filtered search scans) know when they are stale. */
  version = 0;
  /** The last filtered scan (seqs in result order), reused by the following pages of the same query. */
  lastScan: { key: string; version: number; seqs: number[] } | undefined;

  constructor(private readonly cacheLimit = 300_000) {}

  /** Number of deliveries. */
  get size(): number {
    return this.bySeq.size;
  }

  /** Adds many deliveries at once (indexes sorted once). */
  addMany(list: SimDelivery[]): void {
    this.version++;
    for (const d of list) this.register(d);
    const all = [...this.bySeq.values()];
    this.created.load(all.map((d) => ({ key: d.createdAt, seq: d.seq })));
    this.updated.load(all.map((d) => ({ key: d.updatedAt, seq: d.seq })));
  }

  /** Adds one delivery. */
  add(d: SimDelivery): void {
    this.version++;
    this.register(d);
    this.created.insert(d.createdAt, d.seq);
    this.updated.insert(d.updatedAt, d.seq);
  }

  /** A delivery by tracking number or `_id`. */
  find(tnOrId: string): SimDelivery | undefined {
    return this.byTn.get(tnOrId) ?? this.byId.get(tnOrId);
  }

  /** Empties the store. */
  clear(): void {
    this.version++;
    for (const m of [this.bySeq, this.byId, this.byTn, this.byUbr, this.byPhone, this.cache]) m.clear();
    this.created.load([]);
    this.updated.load([]);
    this.due.clear();
  }

  /**
   * Moves every delivery whose next step is due at `now` along its plan; `listener` hears each
   * step reached, in time order. Returns the number of steps reached.
   */
  advanceTo(now: number, listener: TransitionListener): number {
    let transitions = 0;
    for (let at = this.due.peekAt(); at !== undefined && at <= now; at = this.due.peekAt()) {
      const entry = this.due.pop();
      const d = entry ? this.bySeq.get(entry.seq) : undefined;
      if (!d) continue;
      const next = d.plan[d.reached];
      if (!next || next.at > now || next.at !== entry?.at) continue;
      this.mutate(d, () => {
        d.reached++;
      });
      transitions++;
      listener(d, next, d.reached);
      this.schedule(d);
    }
    return transitions;
  }

  /** Applies a change to a delivery, keeping indexes and cache right. */
  mutate(d: SimDelivery, change: () => void): void {
    const before = d.updatedAt;
    this.version++;
    change();
    d.updatedAt = computeUpdatedAt(d);
    if (d.updatedAt !== before) {
      this.updated.remove(before, d.seq);
      this.updated.insert(d.updatedAt, d.seq);
    }
    this.cache.delete(d.seq);
  }

  /** Replaces the steps after the ones reached (and schedules the next one). */
  replan(d: SimDelivery, future: PlanStep[]): void {
    this.mutate(d, () => {
      d.plan = [...d.plan.slice(0, d.reached), ...future];
    });
    this.schedule(d);
  }

  /** Drops a delivery's cached JSON (after a corrupt patch changes). */
  invalidate(d: SimDelivery): void {
    this.cache.delete(d.seq);
  }

  /** The search item JSON of a delivery, UTF-8. */
  searchJson(d: SimDelivery): Buffer {
    const hit = this.cache.get(d.seq);
    if (hit) return hit;
    const item = renderSearchItem(d);
    const buf = Buffer.from(JSON.stringify(d.corrupt ? deepMerge(item, d.corrupt) : item));
    if (this.cache.size >= this.cacheLimit) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(d.seq, buf);
    return buf;
  }

  /** The detail object JSON of a delivery (search item plus `shipmentFees` and `history`). */
  detailJson(d: SimDelivery): string {
    if (d.corrupt) return JSON.stringify(deepMerge({ ...renderSearchItem(d), ...renderDetailExtras(d) }, d.corrupt));
    const search = this.searchJson(d).toString();
    const extras = JSON.stringify(renderDetailExtras(d));
    return `${search.slice(0, -1)},${extras.slice(1)}`;
  }

  /** Whether a delivery's JSON is cached (prewarming skips those). */
  isCached(seq: number): boolean {
    return this.cache.has(seq);
  }

  /** How many more entries the cache takes before evicting. */
  get cacheRoom(): number {
    return this.cacheLimit - this.cache.size;
  }

  private register(d: SimDelivery): void {
    d.updatedAt = computeUpdatedAt(d);
    this.bySeq.set(d.seq, d);
    this.byId.set(d.id, d);
    this.byTn.set(d.trackingNumber, d);
    if (d.uniqueBusinessReference) this.byUbr.set(d.uniqueBusinessReference, d);
    for (const phone of [d.receiver.phone, d.receiver.secondPhone]) {
      if (!phone) continue;
      const key = phoneKey(phone);
      const list = this.byPhone.get(key);
      if (list) list.push(d.seq);
      else this.byPhone.set(key, [d.seq]);
    }
    this.schedule(d);
  }

  private schedule(d: SimDelivery): void {
    const next = d.plan[d.reached];
    if (next) this.due.push(next.at, d.seq);
  }
}

/** Moves a delivery's phone index entries after its receiver phones changed. */
export function reindexPhones(store: DeliveryStore, d: SimDelivery, before: (string | null)[]): void {
  for (const phone of before) {
    if (!phone) continue;
    const list = store.byPhone.get(phoneKey(phone));
    if (list) store.byPhone.set(phoneKey(phone), list.filter((s) => s !== d.seq));
  }
  for (const phone of [d.receiver.phone, d.receiver.secondPhone]) {
    if (!phone) continue;
    const key = phoneKey(phone);
    store.byPhone.set(key, [...(store.byPhone.get(key) ?? []), d.seq]);
  }
}

/**
 * Renders cached JSON ahead of demand, most recently updated first (what a sync pulls first), a
 * chunk per event-loop turn so requests keep flowing. Returns a stop function.
 */
export function prewarm(store: DeliveryStore, chunk = 500): () => void {
  let stopped = false;
  const seqs: number[] = [];
  store.updated.scanRange(0, store.updated.size, true, (seq) => seqs.push(seq) < store.cacheRoom);
  let i = 0;
  const step = (): void => {
    if (stopped) return;
    for (const end = Math.min(seqs.length, i + chunk); i < end; i++) {
      const d = store.bySeq.get(seqs[i] as number);
      if (d && !store.isCached(d.seq)) store.searchJson(d);
    }
    if (i < seqs.length) setImmediate(step);
  };
  setImmediate(step);
  return () => {
    stopped = true;
  };
}
