import { chooseMain, confidenceFor, isSubType, relationshipFor, sortMains, withinWindow } from './link-rules.js';
import type { CustomerPlan, DesiredLink, HierOrder, HierarchySettings, StoredLink, SubLock } from './types.js';

/** Why an automatic link was deactivated (kept in the link's history). */
export const DEACTIVATION = {
  customerChanged: 'customer changed',
  subLocked: 'sub locked',
  notASub: 'no longer a sub',
  notAMain: 'main no longer a main',
  outOfWindow: 'out of window',
  betterMain: 'better main chosen',
  relationshipChanged: 'relationship changed',
  levelChanged: 'level changed',
  cycle: 'would form a cycle',
  duplicate: 'duplicate link',
} as const;

/** A link automatic evaluation never touches: locked, or made by hand (manual or API). */
export function isFixedLink(link: StoredLink): boolean {
  return link.locked || link.linked_by !== 'auto_sync';
}

/**
 * What to change for ONE customer so that its active links are exactly: every fixed (locked or
 * manual) link unchanged, plus the best automatic link of every unlocked sub that has a candidate.
 * `links` are the active links touching the customer's orders (as sub or as main), `locks` the
 * subs' locks. The desired links depend only on the orders, the fixed links and the locks, never
 * on the automatic links already there, so planning is idempotent and order-independent.
 *
 * An active automatic link equal to the desired one (same main, relationship type, business rule
 * and level) is kept as it is: its stored confidence is NOT recomputed (it records the decision
 * when it was made; rewriting it would churn history for nothing). Any other active automatic
 * link is deactivated with a reason.
 */
export function planCustomer(orders: readonly HierOrder[], links: readonly StoredLink[], locks: readonly SubLock[], settings: HierarchySettings): CustomerPlan {
  const fixed = links.filter(isFixedLink);
  const locked = lockedSubs(fixed, locks);
  const desired = desiredLinks(orders, fixed, locked, settings);
  if (fixed.length === links.length) return { create: [...desired.values()], deactivate: [] };
  return diff(orders, links, desired, locked, settings);
}

/** Subs automatic evaluation must leave alone: any lock, or the sub of a fixed link. */
function lockedSubs(fixed: readonly StoredLink[], locks: readonly SubLock[]): ReadonlySet<string> {
  const locked = new Set<string>();
  for (const lock of locks) locked.add(lock.order_id);
  for (const link of fixed) locked.add(link.sub_order_id);
  return locked;
}

/** The engine's automatic link for every unlocked sub that has a candidate, by sub id. */
function desiredLinks(orders: readonly HierOrder[], fixed: readonly StoredLink[], locked: ReadonlySet<string>, settings: HierarchySettings): Map<string, DesiredLink> {
  const desired = new Map<string, DesiredLink>();
  const mains = sortMains(orders);
  if (mains.length === 0) return desired;
  const graph = fixed.length > 0 ? new LinkGraph(fixed) : null;
  const subs = orders.filter((o) => isSubType(o.service_type) && !locked.has(o.order_id));
  // With fixed links a choice can exclude a later one (cycles), so decide in a stable order.
  if (graph) subs.sort(byCreation);
  for (const sub of subs) {
    const choice = chooseMain(sub, mains, settings, graph?.descendantsOf(sub.order_id));
    if (!choice) continue;
    const link = desiredLink(sub, choice.main, choice.candidates, graph?.levelOf(choice.main.order_id) ?? 0, settings);
    desired.set(sub.order_id, link);
    graph?.add(choice.main.order_id, sub.order_id);
  }
  return desired;
}

function desiredLink(sub: HierOrder, main: HierOrder, candidates: number, mainLevel: number, settings: HierarchySettings): DesiredLink {
  const relationship = relationshipFor(sub.service_type)!;
  const { confidence, reasons } = confidenceFor(sub, main, candidates, settings);
  return {
    main_order_id: main.order_id,
    sub_order_id: sub.order_id,
    relationship_type: relationship.relationship_type,
    relationship_level: 1 + mainLevel,
    business_rule: relationship.business_rule,
    confidence,
    confidence_reasons: reasons,
  };
}

/** The plan: desired links not already there are created; other automatic links deactivated. */
function diff(orders: readonly HierOrder[], links: readonly StoredLink[], desired: Map<string, DesiredLink>, locked: ReadonlySet<string>, settings: HierarchySettings): CustomerPlan {
  const byId = new Map<string, HierOrder>();
  for (const order of orders) byId.set(order.order_id, order);
  const deactivate: CustomerPlan['deactivate'] = [];
  const kept = new Set<string>();
  for (const link of links) {
    if (isFixedLink(link)) continue;
    const reason = kept.has(link.sub_order_id) ? DEACTIVATION.duplicate : staleReason(link, byId, desired, locked, settings);
    if (reason === null) kept.add(link.sub_order_id);
    else deactivate.push({ link_id: link.id, reason });
  }
  const create: DesiredLink[] = [];
  for (const link of desired.values()) if (!kept.has(link.sub_order_id)) create.push(link);
  return { create, deactivate };
}

/** Why an active automatic link must go, or null when it equals the desired link. */
function staleReason(link: StoredLink, byId: ReadonlyMap<string, HierOrder>, desired: ReadonlyMap<string, DesiredLink>, locked: ReadonlySet<string>, settings: HierarchySettings): string | null {
  const sub = byId.get(link.sub_order_id);
  const main = byId.get(link.main_order_id);
  if (!sub || !main) return DEACTIVATION.customerChanged;
  if (locked.has(sub.order_id)) return DEACTIVATION.subLocked;
  if (!isSubType(sub.service_type)) return DEACTIVATION.notASub;
  if (main.service_type !== 'main') return DEACTIVATION.notAMain;
  if (!withinWindow(sub.created_at, main.created_at, settings)) return DEACTIVATION.outOfWindow;
  const want = desired.get(sub.order_id);
  // A valid main in the window is always a candidate; it is only refused when it would close a cycle.
  if (!want) return DEACTIVATION.cycle;
  if (want.main_order_id !== link.main_order_id) return DEACTIVATION.betterMain;
  if (want.relationship_type !== link.relationship_type || want.business_rule !== link.business_rule) return DEACTIVATION.relationshipChanged;
  if (want.relationship_level !== link.relationship_level) return DEACTIVATION.levelChanged;
  return null;
}

function byCreation(a: HierOrder, b: HierOrder): number {
  if (a.created_at !== b.created_at) return a.created_at - b.created_at;
  return a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0;
}

/**
 * Fixed links plus the automatic links decided so far: answers "which orders hang below this sub"
 * (they cannot become its main) and "at which level is this main" (its fixed link's level, or 0:
 * a main is never an automatic sub).
 */
class LinkGraph {
  private readonly children = new Map<string, string[]>();
  private readonly levels = new Map<string, number>();

  constructor(fixed: readonly StoredLink[]) {
    for (const link of fixed) {
      this.add(link.main_order_id, link.sub_order_id);
      if (!this.levels.has(link.sub_order_id)) this.levels.set(link.sub_order_id, link.relationship_level);
    }
  }

  add(mainId: string, subId: string): void {
    const list = this.children.get(mainId);
    if (list) list.push(subId);
    else this.children.set(mainId, [subId]);
  }

  levelOf(orderId: string): number {
    return this.levels.get(orderId) ?? 0;
  }

  /** Every order below `orderId` (undefined when it has no children: the common case). */
  descendantsOf(orderId: string): Set<string> | undefined {
    if (!this.children.has(orderId)) return undefined;
    const seen = new Set<string>();
    const stack = [orderId];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      for (const child of this.children.get(id) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        stack.push(child);
      }
    }
    return seen;
  }
}

/**
 * The active links after applying `plan` to `links` (the deactivated removed, the created added as
 * unlocked `auto_sync` links with ids from `newId`): what the service's tables hold after the write.
 */
export function applyPlan(links: readonly StoredLink[], plan: CustomerPlan, newId: (link: DesiredLink) => string): StoredLink[] {
  const gone = new Set(plan.deactivate.map((d) => d.link_id));
  const after = links.filter((link) => !gone.has(link.id));
  for (const link of plan.create) after.push({ ...link, id: newId(link), linked_by: 'auto_sync', locked: false });
  return after;
}
