import type { HierarchyLink, JobPayload, hierarchyQueue } from '@hvar/contracts';
import { AppError, ConcurrentWriteError } from '@hvar/platform';
import { activeLinksOfPhone, findOrder } from '../db/customers.repo.js';
import { activeLinkOfSub, linkById } from '../db/links.read.js';
import { deactivateLinks, insertLinks, upsertLock } from '../db/links.write.js';
import { lockPhones } from '../db/phone-locks.js';
import { type SqlTx } from '../db/sql.js';
import { REPLACED_BY_MANUAL, validateManualLink } from '../domain/manual-link.js';
import type { HierOrder, HierarchySettings } from '../domain/types.js';
import { evaluateCustomers } from './evaluate-customers.js';

/** Confidence recorded on a link made by hand. */
export const MANUAL_CONFIDENCE = 1;

type LinkCommand = JobPayload<typeof hierarchyQueue, 'link'>;
type UnlinkCommand = JobPayload<typeof hierarchyQueue, 'unlink'>;

/**
 * A manual link (locked against automatic changes): both orders must exist (404), belong to the
 * same customer and differ (422), the sub must not be linked by hand to another main (409) and the
 * main must not hang below the sub (422). The same link again answers the existing one. An active
 * automatic link of the sub is replaced; the customer is re-evaluated (levels below the sub follow)
 * and facts are emitted with cause `manual`. Errors leave nothing written.
 */
export async function linkManually(tx: SqlTx, cmd: LinkCommand, settings: HierarchySettings): Promise<HierarchyLink> {
  const mainSeen = await requireOrder(tx, cmd.main_order_id, 'main');
  const subSeen = await requireOrder(tx, cmd.sub_order_id, 'sub');
  await lockPhones(tx, [mainSeen.phone, subSeen.phone]);
  const main = await underLock(tx, mainSeen);
  const sub = await underLock(tx, subSeen);
  const check = validateManualLink(main, sub, await activeLinksOfPhone(tx, sub.phone), cmd.relationship_type);
  if (!check.ok) throw new AppError(check.status === 409 ? 'conflict' : 'unprocessable', check.message, { code: check.kind });
  if (check.kind === 'existing') return requireLink(tx, check.link.id);
  if (check.replaces) await deactivateLinks(tx, [{ link_id: check.replaces.id, reason: REPLACED_BY_MANUAL }], cmd.requested_by);
  const ordersById = new Map([main, sub].map((o) => [o.order_id, o]));
  const [id] = await insertLinks(
    tx,
    [
      {
        main_order_id: main.order_id,
        sub_order_id: sub.order_id,
        relationship_type: check.relationship_type,
        relationship_level: check.relationship_level,
        business_rule: check.business_rule,
        confidence: MANUAL_CONFIDENCE,
        confidence_reasons: [`linked by hand (${cmd.linked_by})`],
        linked_by: cmd.linked_by,
        locked: true,
        relationship_reason: cmd.relationship_reason,
        created_by: cmd.requested_by,
      },
    ],
    ordersById,
  );
  await upsertLock(tx, { order_id: sub.order_id, kind: 'linked', by: cmd.requested_by, reason: cmd.relationship_reason });
  await evaluateCustomers(tx, { phones: [sub.phone] }, { cause: 'manual', settings, alwaysEmit: new Set([sub.order_id]) });
  return requireLink(tx, id ?? '');
}

/**
 * Unlinks a sub: its active link (automatic or manual) is deactivated with the reason (404 when it
 * has none) and the sub is locked `unlinked`, so automatic evaluation leaves it without a main.
 */
export async function unlinkManually(tx: SqlTx, cmd: UnlinkCommand, settings: HierarchySettings): Promise<HierarchyLink> {
  const seen = await requireOrder(tx, cmd.order_id, 'order');
  await lockPhones(tx, [seen.phone]);
  const order = await underLock(tx, seen);
  const link = await activeLinkOfSub(tx, order.order_id);
  if (!link) throw new AppError('not_found', `order ${cmd.order_id} has no active link`, { code: 'no_active_link' });
  await deactivateLinks(tx, [{ link_id: link.id, reason: cmd.reason }], cmd.requested_by);
  await upsertLock(tx, { order_id: order.order_id, kind: 'unlinked', by: cmd.requested_by, reason: cmd.reason });
  await evaluateCustomers(tx, { phones: [order.phone] }, { cause: 'manual', settings, alwaysEmit: new Set([order.order_id]) });
  return requireLink(tx, link.id);
}

async function requireOrder(tx: SqlTx, ref: string, role: string): Promise<HierOrder> {
  const order = await findOrder(tx, ref);
  if (!order) throw new AppError('not_found', `${role} order ${ref} not found`, { code: 'order_not_found', details: { ref, role } });
  return order;
}

/** The order read again once its customer is locked; if it changed customer meanwhile, run the transaction again. */
async function underLock(tx: SqlTx, seen: HierOrder): Promise<HierOrder> {
  const now = await findOrder(tx, seen.order_id);
  if (now?.phone !== seen.phone) throw new ConcurrentWriteError(`order ${seen.order_id} changed customer meanwhile`);
  return now;
}

async function requireLink(tx: SqlTx, id: string): Promise<HierarchyLink> {
  const link = await linkById(tx, id);
  if (!link) throw new Error(`link ${id} vanished`);
  return link;
}
