import { loadCustomers, type CustomerSelection, type CustomersState, type LoadedLink } from '../db/customers.repo.js';
import { deactivateLinks, insertLinks, rehomeLinks, releaseLinkedLocks, type NewLink } from '../db/links.write.js';
import type { SqlTx } from '../db/sql.js';
import { factsFor, type OrderFacts } from '../domain/facts.js';
import { DEACTIVATION, applyPlan, isFixedLink, planCustomer } from '../domain/plan.js';
import type { HierOrder, HierarchySettings, StoredLink, SubLock } from '../domain/types.js';
import { emitFacts, type FactsCause, type FactsToEmit } from './emit-facts.js';

/** Who deactivates links when the engine decides (history shows it was not a person). */
export const AUTO_ACTOR = 'auto_sync';

/** How to evaluate a set of customers. */
export interface EvaluateOptions {
  cause: FactsCause;
  settings: HierarchySettings;
  /** Orders whose facts are emitted even when unchanged (every order of an incoming batch). */
  alwaysEmit?: ReadonlySet<string>;
  /** Orders whose phone changed in this transaction: their links to the old customer go. */
  moved?: ReadonlySet<string>;
  /** Keep only these phones from a range selection (a detection chunk's locked phones). */
  only?: ReadonlySet<string>;
}

/** What one evaluation did. */
export interface EvaluationResult {
  customers: number;
  orders: number;
  created: number;
  deactivated: number;
  facts: number;
  revision: number | null;
}

/**
 * Re-evaluates whole customers (the caller holds their phone locks): loads their orders, active
 * links and locks set-based, settles links of orders that changed customer, asks the engine for
 * each customer's plan, writes every deactivation and creation in one statement each, and emits
 * the facts of every order that changed (plus `alwaysEmit`).
 */
export async function evaluateCustomers(tx: SqlTx, selection: CustomerSelection, opts: EvaluateOptions): Promise<EvaluationResult> {
  const state = restrict(await loadCustomers(tx, selection), opts.only);
  const ordersById = new Map<string, HierOrder>();
  for (const order of state.orders) ordersById.set(order.order_id, order);
  const before = factsFor(state.orders, state.links);
  const moves = settleMoves(state.links, ordersById, opts.moved);
  const plans = planAll(state, moves.links, opts.settings);
  const after = factsFor(state.orders, applyPlan(moves.links, plans, (l) => `new:${l.sub_order_id}`));
  const deactivations = [...moves.deactivate, ...plans.deactivate];
  await deactivateLinks(tx, deactivations, AUTO_ACTOR);
  await rehomeLinks(tx, moves.rehome);
  await releaseLinkedLocks(tx, moves.release);
  const creates: NewLink[] = plans.create.map((l) => ({ ...l, linked_by: 'auto_sync', locked: false, relationship_reason: null, created_by: AUTO_ACTOR }));
  await insertLinks(tx, creates, ordersById);
  const emit = factsToEmit(state.orders, before, after, opts.alwaysEmit);
  const customers = new Set(state.orders.map((o) => o.phone)).size;
  const revision = await emitFacts(tx, emit, opts.cause, customers);
  return { customers, orders: state.orders.length, created: creates.length, deactivated: deactivations.length, facts: emit.length, revision };
}

/** A range selection may hold phones that were not locked (new ones): leave them to their own evaluation. */
function restrict(state: CustomersState, only: ReadonlySet<string> | undefined): CustomersState {
  if (!only) return state;
  const orders = state.orders.filter((o) => only.has(o.phone));
  if (orders.length === state.orders.length) return state;
  const kept = new Set(orders.map((o) => o.order_id));
  return { orders, links: state.links.filter((l) => only.has(l.phone)), locks: state.locks.filter((k) => kept.has(k.order_id)) };
}

interface Moves {
  /** Active links once moves are settled (rehomed ones under their new phone). */
  links: LoadedLink[];
  deactivate: { link_id: string; reason: string }[];
  rehome: { link_id: string; phone: string }[];
  /** Subs whose manual link was deactivated: their `linked` lock goes too. */
  release: string[];
}

/**
 * Links of orders that changed customer: deactivated when their two orders no longer share a phone
 * (manual ones too: a link never spans customers), moved along when both moved to the same phone.
 */
function settleMoves(links: readonly LoadedLink[], ordersById: ReadonlyMap<string, HierOrder>, moved: ReadonlySet<string> | undefined): Moves {
  const result: Moves = { links: [], deactivate: [], rehome: [], release: [] };
  for (const link of links) {
    if (!moved || !(moved.has(link.sub_order_id) || moved.has(link.main_order_id))) {
      result.links.push(link);
      continue;
    }
    const mainPhone = ordersById.get(link.main_order_id)?.phone;
    const subPhone = ordersById.get(link.sub_order_id)?.phone;
    if (mainPhone !== undefined && mainPhone === subPhone) {
      if (mainPhone !== link.phone) result.rehome.push({ link_id: link.id, phone: mainPhone });
      result.links.push({ ...link, phone: mainPhone });
      continue;
    }
    result.deactivate.push({ link_id: link.id, reason: DEACTIVATION.customerChanged });
    if (isFixedLink(link)) result.release.push(link.sub_order_id);
  }
  return result;
}

interface Plans {
  create: ReturnType<typeof planCustomer>['create'];
  deactivate: { link_id: string; reason: string }[];
}

/** The engine's plan for every customer, concatenated. */
function planAll(state: CustomersState, links: readonly LoadedLink[], settings: HierarchySettings): Plans {
  const customers = new Map<string, { orders: HierOrder[]; links: StoredLink[]; locks: SubLock[] }>();
  const customer = (phone: string) => {
    let c = customers.get(phone);
    if (!c) customers.set(phone, (c = { orders: [], links: [], locks: [] }));
    return c;
  };
  const phoneOf = new Map<string, string>();
  for (const order of state.orders) {
    customer(order.phone).orders.push(order);
    phoneOf.set(order.order_id, order.phone);
  }
  for (const link of links) customer(link.phone).links.push(link);
  for (const lock of state.locks) {
    const phone = phoneOf.get(lock.order_id);
    if (phone !== undefined) customer(phone).locks.push(lock);
  }
  const plans: Plans = { create: [], deactivate: [] };
  for (const c of customers.values()) {
    const plan = planCustomer(c.orders, c.links, c.locks, settings);
    plans.create.push(...plan.create);
    plans.deactivate.push(...plan.deactivate);
  }
  return plans;
}

/** Facts of orders that changed, plus those always emitted (aligned: `before[i]` and `after[i]` are `orders[i]`'s). */
function factsToEmit(orders: readonly HierOrder[], before: readonly OrderFacts[], after: readonly OrderFacts[], always: ReadonlySet<string> | undefined): FactsToEmit[] {
  const out: FactsToEmit[] = [];
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i]!;
    const next = after[i]!;
    if (always?.has(order.order_id) || !sameFacts(before[i]!, next)) out.push({ facts: next, state_at: order.state_at });
  }
  return out;
}

function sameFacts(a: OrderFacts, b: OrderFacts): boolean {
  return (
    a.hierarchy_status === b.hierarchy_status &&
    a.main_order_id === b.main_order_id &&
    a.main_tracking_number === b.main_tracking_number &&
    a.relationship_type === b.relationship_type &&
    a.relationship_level === b.relationship_level &&
    a.confidence === b.confidence &&
    a.linked_by === b.linked_by
  );
}
