import type { RelationshipType } from '@hvar/contracts';
import { manualRelationshipFor } from './link-rules.js';
import { isFixedLink } from './plan.js';
import type { HierOrder, StoredLink } from './types.js';

/** Why a manual link is refused, with the HTTP status the API answers. */
export type ManualLinkRefusal =
  | { ok: false; kind: 'same_order'; status: 422; message: string }
  | { ok: false; kind: 'not_same_customer'; status: 422; message: string }
  | { ok: false; kind: 'cycle'; status: 422; message: string }
  | { ok: false; kind: 'already_linked'; status: 409; message: string; link: StoredLink };

/** A manual link that may be made: the link to create and the automatic link it replaces. */
export interface ManualLinkAccepted {
  ok: true;
  kind: 'new';
  relationship_type: RelationshipType;
  business_rule: string;
  /** 1 + the main's own level (0 when the main is not a sub). */
  relationship_level: number;
  /** The sub's active automatic link, to deactivate ("replaced by manual link"). */
  replaces: StoredLink | null;
}

/** The same manual link already exists: answer with it, change nothing. */
export interface ManualLinkExisting {
  ok: true;
  kind: 'existing';
  link: StoredLink;
}

/** What {@link validateManualLink} decided. */
export type ManualLinkCheck = ManualLinkAccepted | ManualLinkExisting | ManualLinkRefusal;

/** Reason recorded on the automatic link a manual link replaces. */
export const REPLACED_BY_MANUAL = 'replaced by manual link';

/**
 * Checks a manual link of `sub` under `main` (both found by the caller: 404 is its answer) against
 * the customer's active `links`: not the same order, same phone, the sub not already linked by hand
 * to another main, and the main not below the sub (a cycle). `relationshipType` defaults to the
 * one of the sub's service type (`other` for non-subs).
 */
export function validateManualLink(main: HierOrder, sub: HierOrder, links: readonly StoredLink[], relationshipType?: RelationshipType): ManualLinkCheck {
  if (main.order_id === sub.order_id) return refuse('same_order', 'an order cannot be linked to itself');
  if (main.phone !== sub.phone) return refuse('not_same_customer', 'main and sub belong to different customers (phones differ)');
  const current = links.find((l) => l.sub_order_id === sub.order_id && isFixedLink(l));
  if (current?.main_order_id === main.order_id) return { ok: true, kind: 'existing', link: current };
  if (current) {
    const message = `sub ${sub.order_id} is already linked by hand to ${current.main_order_id}; unlink it first`;
    return { ok: false, kind: 'already_linked', status: 409, message, link: current };
  }
  const parents = parentLinks(links);
  if (isAncestor(sub.order_id, main.order_id, parents)) return refuse('cycle', `${main.order_id} is below ${sub.order_id}: the link would form a cycle`);
  const relationship = manualRelationshipFor(sub.service_type, relationshipType);
  return {
    ok: true,
    kind: 'new',
    ...relationship,
    relationship_level: 1 + (parents.get(main.order_id)?.relationship_level ?? 0),
    replaces: parents.get(sub.order_id) ?? null,
  };
}

function refuse(kind: 'same_order' | 'not_same_customer' | 'cycle', message: string): ManualLinkRefusal {
  return { ok: false, kind, status: 422, message };
}

function parentLinks(links: readonly StoredLink[]): Map<string, StoredLink> {
  const parents = new Map<string, StoredLink>();
  for (const link of links) if (!parents.has(link.sub_order_id) || isFixedLink(link)) parents.set(link.sub_order_id, link);
  return parents;
}

/** Whether `ancestorId` is reached walking up the active links from `orderId` (cycle-safe). */
function isAncestor(ancestorId: string, orderId: string, parents: ReadonlyMap<string, StoredLink>): boolean {
  const seen = new Set<string>();
  for (let id: string | undefined = orderId; id !== undefined && !seen.has(id); id = parents.get(id)?.main_order_id) {
    if (id === ancestorId) return true;
    seen.add(id);
  }
  return false;
}
