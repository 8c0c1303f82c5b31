import type { ServiceType } from '@hvar/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { order, World } from './engine.fixtures.js';
import { chooseMain, isSubType, sortMains, withinWindow } from './link-rules.js';
import { isFixedLink } from './plan.js';
import type { HierOrder, HierarchySettings } from './types.js';

const PHONES = ['+201000000001', '+201000000002', '+201000000003', '+201000000004'];
const TYPES: ServiceType[] = ['main', 'main', 'maintenance', 'service', 'return', 'return_pickup', 'exchange', 'operational'];
const RUNS = 300;
// Generous: a few hundred worlds take well under a second here, slow CI cores get room.
const TIMEOUT_MS = 30_000;

const orderSpec = fc.record({
  phone: fc.integer({ min: 0, max: PHONES.length - 1 }),
  type: fc.constantFrom(...TYPES),
  // ~3 years, in whole days so equal creation times (ties) happen.
  day: fc.integer({ min: 0, max: 1095 }),
  product: fc.constantFrom(null, 'Split AC', ' split ac', 'Fridge'),
});
type OrderSpec = typeof orderSpec extends fc.Arbitrary<infer T> ? T : never;

const manualOp = fc.oneof(
  fc.record({ op: fc.constant('link' as const), main: fc.nat(), sub: fc.nat() }),
  fc.record({ op: fc.constant('unlink' as const), sub: fc.nat() }),
);
type ManualOp = typeof manualOp extends fc.Arbitrary<infer T> ? T : never;

const change = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), spec: orderSpec }),
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('phone' as const), at: fc.nat(), phone: fc.integer({ min: 0, max: PHONES.length - 1 }) }),
  fc.record({ kind: fc.constant('created' as const), at: fc.nat(), day: fc.integer({ min: 0, max: 1095 }) }),
);
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  windowDays: fc.constantFrom(365, 365, 120),
  orders: fc.array(orderSpec, { minLength: 1, maxLength: 30 }),
  manual: fc.array(manualOp, { maxLength: 10 }),
});

function toOrder(spec: OrderSpec, id: string): HierOrder {
  return order(id, spec.type, spec.day, { phone: PHONES[spec.phone]!, product_name: spec.product });
}

/** A world after a full evaluation and random (valid) manual links and unlinks. */
function build(s: { windowDays: number; orders: OrderSpec[]; manual: ManualOp[] }): World {
  const settings: HierarchySettings = { windowDays: s.windowDays };
  const w = new World(
    s.orders.map((spec, i) => toOrder(spec, `o${i}`)),
    settings,
  );
  w.evaluateAll();
  const ids = [...w.orders.keys()];
  const pick = (n: number): string => ids[n % ids.length]!;
  for (const op of s.manual) {
    const sub = pick(op.sub);
    if (op.op === 'unlink') w.unlink(sub);
    else w.link(samePhone(w, sub, op.main), sub);
  }
  return w;
}

/** The n-th order (cyclically) of the same customer as `id`: most manual links asked for are valid. */
function samePhone(w: World, id: string, n: number): string {
  const phone = w.orders.get(id)!.phone;
  const ids = [...w.orders.values()].filter((o) => o.phone === phone).map((o) => o.order_id);
  return ids[n % ids.length]!;
}

function expectOneLinkPerSub(w: World): void {
  const subs = w.links.map((l) => l.sub_order_id);
  expect(new Set(subs).size).toBe(subs.length);
}

function expectAutoLinksValid(w: World): void {
  const levelAsSub = new Map(w.links.map((l) => [l.sub_order_id, l.relationship_level]));
  for (const link of w.links.filter((l) => !isFixedLink(l))) {
    expect(link.relationship_level).toBe(1 + (levelAsSub.get(link.main_order_id) ?? 0));
    const main = w.orders.get(link.main_order_id)!;
    const sub = w.orders.get(link.sub_order_id)!;
    expect(main.phone).toBe(sub.phone);
    expect(main.service_type).toBe('main');
    expect(isSubType(sub.service_type)).toBe(true);
    expect(withinWindow(main.created_at, sub.created_at, w.settings)).toBe(true);
    expect(w.locks.has(sub.order_id)).toBe(false);
  }
}

/** Main and sub of every active link (manual ones too) share the phone. */
function expectOnePhonePerLink(w: World): void {
  for (const link of w.links) expect(w.orders.get(link.main_order_id)?.phone).toBe(w.orders.get(link.sub_order_id)?.phone);
}

/** No cycle among the active links. */
function expectNoCycle(w: World): void {
  const parent = new Map(w.links.map((l) => [l.sub_order_id, l.main_order_id]));
  for (const start of parent.keys()) {
    const seen = new Set<string>();
    for (let id: string | undefined = start; id !== undefined; id = parent.get(id)) {
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
  }
}

function descendants(w: World, id: string): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  for (let cur = stack.pop(); cur !== undefined; cur = stack.pop()) {
    for (const l of w.links) {
      if (l.main_order_id !== cur || out.has(l.sub_order_id)) continue;
      out.add(l.sub_order_id);
      stack.push(l.sub_order_id);
    }
  }
  return out;
}

/** Every unlocked sub left without a link really has no candidate main. */
function expectNoMissedLink(w: World): void {
  const linked = new Set(w.links.map((l) => l.sub_order_id));
  for (const sub of w.orders.values()) {
    if (!isSubType(sub.service_type) || linked.has(sub.order_id) || w.locks.has(sub.order_id)) continue;
    const mains = sortMains([...w.orders.values()].filter((o) => o.phone === sub.phone));
    expect(chooseMain(sub, mains, w.settings, descendants(w, sub.order_id))).toBeNull();
  }
}

/** Applies one batch of changes and returns the customers it touched (old and new phones). */
function applyBatch(w: World, batch: Change[], nextId: () => string): Set<string> {
  const touched = new Set<string>();
  for (const c of batch) {
    if (c.kind === 'add') {
      const o = toOrder(c.spec, nextId());
      w.orders.set(o.order_id, o);
      touched.add(o.phone);
      continue;
    }
    const ids = [...w.orders.keys()];
    const old = w.orders.get(ids[c.at % ids.length]!)!;
    touched.add(old.phone);
    if (c.kind === 'phone') {
      w.moveOrder(old.order_id, PHONES[c.phone]!);
      touched.add(PHONES[c.phone]!);
      continue;
    }
    const updated: HierOrder = c.kind === 'type' ? { ...old, service_type: c.type } : { ...old, created_at: order('x', 'main', c.day).created_at };
    w.orders.set(old.order_id, updated);
  }
  return touched;
}

function fromScratch(w: World): World {
  const fresh = new World([...w.orders.values()], w.settings);
  fresh.links = w.links.filter(isFixedLink);
  fresh.locks = new Map(w.locks);
  fresh.evaluateAll();
  return fresh;
}

describe('planning (properties)', () => {
  it('leaves at most one active link per sub, auto links within one phone and the window, no cycle, no missed candidate', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const w = build(s);
        expectOneLinkPerSub(w);
        expectAutoLinksValid(w);
        expectOnePhonePerLink(w);
        expectNoCycle(w);
        expectNoMissedLink(w);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  it('plans nothing the second time', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const w = build(s);
        for (const phone of w.phones()) expect(w.plan(phone)).toEqual({ create: [], deactivate: [] });
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  it('re-planning only the touched customers after each batch equals a from-scratch evaluation', () => {
    const batches = fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(scenario, batches, (s, seq) => {
        const w = build(s);
        let n = s.orders.length;
        for (const batch of seq) {
          for (const phone of [...applyBatch(w, batch, () => `o${n++}`)].sort()) w.replan(phone);
          expectOneLinkPerSub(w);
          expectAutoLinksValid(w);
          expectOnePhonePerLink(w);
          expectNoCycle(w);
        }
        expect(w.linkKeys()).toEqual(fromScratch(w).linkKeys());
        for (const phone of w.phones()) expect(w.plan(phone)).toEqual({ create: [], deactivate: [] });
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);
});
