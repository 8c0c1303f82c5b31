import type { ActionsQuery, ServiceAction, ServiceAnalytics, ServiceDashboard } from '@hvar/contracts';
import { decodeTimeIdCursor, encodeTimeIdCursor, type SqlTx } from '@hvar/platform';
import { actionViews, iso, type ActionRow } from '../actions/store.js';

type Db = Pick<SqlTx, 'query'>;

/** `from` bound: a date is the start of that day in Africa/Cairo, a date-time is itself. */
function fromBound(value: string, param: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `(${param}::date)::timestamp at time zone 'Africa/Cairo'` : `${param}::timestamptz`;
}
/** Exclusive `to` bound: a date covers that whole day in Africa/Cairo. */
function toBound(value: string, param: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `(${param}::date + 1)::timestamp at time zone 'Africa/Cairo'` : `${param}::timestamptz + interval '1 millisecond'`;
}

const yes = (v: string | undefined) => (v === undefined ? undefined : v === 'true' || v === '1');

/** One page of actions, newest first (keyset on created_at, action_id). */
export async function pageActions(db: Db, q: ActionsQuery): Promise<{ items: ServiceAction[]; next_cursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.status) where.push(`a.status = any(${p(q.status.split(','))}::text[])`);
  if (q.action_type) where.push(`a.action_type = ${p(q.action_type)}`);
  if (q.customer_phone) where.push(`a.phone = ${p(q.customer_phone)}`);
  const auto = yes(q.auto_detected);
  if (auto !== undefined) where.push(auto ? 'a.auto_detected' : 'not a.auto_detected');
  const attention = yes(q.needs_attention);
  if (attention !== undefined) where.push(attention ? 'a.needs_attention is not null' : 'a.needs_attention is null');
  const linked = yes(q.linked);
  if (linked !== undefined) where.push(linked ? 'a.main_order_id is not null' : 'a.main_order_id is null');
  if (q.order_id) {
    const ref = p(q.order_id);
    where.push(`(a.main_order_id = ${ref} or a.sub_order_id = ${ref} or a.source_order_id = ${ref}
                 or a.main_tracking_number = ${ref} or a.sub_tracking_number = ${ref} or a.source_tracking_number = ${ref})`);
  }
  if (q.created_from) where.push(`a.created_at >= ${fromBound(q.created_from, p(q.created_from))}`);
  if (q.created_to) where.push(`a.created_at < ${toBound(q.created_to, p(q.created_to))}`);
  const after = decodeTimeIdCursor(q.cursor);
  if (after) where.push(`(a.created_at, a.action_id) < (${p(after.created_at)}::timestamptz, ${p(after.id)}::uuid)`);
  const rows = await db.query<ActionRow>(
    `select a.* from service_action.actions a ${where.length ? `where ${where.join(' and ')}` : ''}
      order by a.created_at desc, a.action_id desc limit ${p(q.limit + 1)}`,
    params,
  );
  const items = await actionViews(db, rows.slice(0, q.limit));
  const last = rows[q.limit - 1];
  return { items, next_cursor: rows.length > q.limit && last ? encodeTimeIdCursor({ created_at: iso(last.created_at), id: last.action_id }) : null };
}

/**
 * The family of an order (the root main and every order below it, from the hierarchy facts) and the
 * actions naming any of them. Null when the order is unknown to both the projection and the hierarchy.
 */
export async function familyActions(db: Db, ref: string): Promise<{ order_id: string; root_order_id: string; family_order_ids: string[]; items: ServiceAction[] } | null> {
  const [order] = await db.query<{ order_id: string }>(
    `select order_id from service_action.orders where order_id = $1 or tracking_number = $1
     union select order_id from service_action.order_mains where order_id = $1 or tracking_number = $1 limit 1`,
    [ref],
  );
  if (!order) return null;
  const [root] = await db.query<{ order_id: string }>(
    `with recursive up(order_id, depth) as (
       select $1::text, 0
       union all
       select m.main_order_id, up.depth + 1 from up join service_action.order_mains m on m.order_id = up.order_id
        where m.main_order_id is not null and up.depth < 10)
     select order_id from up order by depth desc limit 1`,
    [order.order_id],
  );
  const rootId = root?.order_id ?? order.order_id;
  const family = await db.query<{ order_id: string }>(
    `with recursive down(order_id, depth) as (
       select $1::text, 0
       union all
       select m.order_id, down.depth + 1 from down join service_action.order_mains m on m.main_order_id = down.order_id where down.depth < 10)
     select distinct order_id from down`,
    [rootId],
  );
  const ids = family.map((f) => f.order_id);
  const rows = await db.query<ActionRow>(
    `select * from service_action.actions
      where main_order_id = any($1::text[]) or sub_order_id = any($1::text[]) or source_order_id = any($1::text[])
      order by created_at desc, action_id desc limit 500`,
    [ids],
  );
  return { order_id: order.order_id, root_order_id: rootId, family_order_ids: ids, items: await actionViews(db, rows) };
}

const egp = (p: string | number | null) => Math.round(Number(p ?? 0)) / 100;

/** Service analytics over every action (domain.md §9). */
export async function serviceAnalytics(db: Db): Promise<ServiceAnalytics> {
  const [groups, links, resolution, costs] = await Promise.all([
    db.query<{ action_type: ServiceAnalytics['by_type_and_status'][number]['action_type']; status: ServiceAnalytics['by_type_and_status'][number]['status']; count: number }>(
      'select action_type, status, count(*)::int as count from service_action.actions group by 1, 2 order by 1, 2',
    ),
    db.query<{ with_order: number; without_order: number; with_sub_order: number; auto_detected: number; returns_created: number; outbound_created: number }>(
      `select count(*) filter (where main_order_id is not null)::int as with_order, count(*) filter (where main_order_id is null)::int as without_order,
              count(*) filter (where sub_order_id is not null)::int as with_sub_order, count(*) filter (where auto_detected)::int as auto_detected,
              count(*) filter (where return_tracking_number is not null)::int as returns_created,
              count(*) filter (where outbound_tracking_number is not null)::int as outbound_created
         from service_action.actions`,
    ),
    db.query<{ days: number | null; completed: number; not_cancelled: number }>(
      `select avg(extract(epoch from completed_at - created_at) / 86400) filter (where status = 'completed')::float8 as days,
              count(*) filter (where status = 'completed')::int as completed, count(*) filter (where status <> 'cancelled')::int as not_cancelled
         from service_action.actions`,
    ),
    db.query<{ estimated: string; actual: string; fees: string; refunds: string; order_value: string }>(
      `select (select coalesce(sum(estimated_cost_piastres), 0) from service_action.actions)::text as estimated,
              coalesce(sum(amount_piastres) filter (where entry in ('parts', 'labour', 'replacement_unit')), 0)::text as actual,
              coalesce(sum(amount_piastres) filter (where entry in ('return_courier_fee', 'outbound_courier_fee')), 0)::text as fees,
              coalesce(sum(amount_piastres) filter (where entry = 'refund'), 0)::text as refunds,
              (select coalesce(sum(greatest(o.cod_piastres, 0)), 0) from service_action.orders o
                where o.order_id in (select distinct main_order_id from service_action.actions where main_order_id is not null))::text as order_value
         from service_action.cost_ledger where not superseded`,
    ),
  ]);
  const byType: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const g of groups) {
    byType[g.action_type] = (byType[g.action_type] ?? 0) + g.count;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + g.count;
  }
  const r = resolution[0];
  const c = costs[0];
  const l = links[0];
  const spent = Number(c?.actual ?? 0) + Number(c?.fees ?? 0) + Number(c?.refunds ?? 0);
  const orderValue = Number(c?.order_value ?? 0);
  return {
    total: groups.reduce((s, g) => s + g.count, 0),
    by_type: byType,
    by_status: byStatus,
    by_type_and_status: groups,
    by_link: { with_order: l?.with_order ?? 0, without_order: l?.without_order ?? 0, with_sub_order: l?.with_sub_order ?? 0, auto_detected: l?.auto_detected ?? 0 },
    legs: { returns_created: l?.returns_created ?? 0, outbound_created: l?.outbound_created ?? 0 },
    average_resolution_days: r?.days === null || r?.days === undefined ? null : Math.round(r.days * 100) / 100,
    completion_rate: r && r.not_cancelled > 0 ? Math.round((r.completed / r.not_cancelled) * 10_000) / 10_000 : null,
    costs: {
      estimated: egp(c?.estimated ?? 0), actual: egp(c?.actual ?? 0), courier_fees: egp(c?.fees ?? 0), refunds: egp(c?.refunds ?? 0),
      linked_order_value: egp(orderValue), cost_to_order_value: orderValue > 0 ? Math.round((spent / orderValue) * 10_000) / 10_000 : null,
    },
  };
}

/** What needs doing now. */
export async function serviceDashboard(db: Db, now: Date): Promise<ServiceDashboard> {
  const [counts, oldest, byStatus] = await Promise.all([
    db.query<Omit<ServiceDashboard, 'by_status' | 'oldest_open'>>(
      `select count(*) filter (where status not in ('completed', 'cancelled', 'rejected'))::int as open,
              count(*) filter (where needs_attention is not null and status not in ('completed', 'cancelled', 'rejected'))::int as needs_attention,
              count(*) filter (where status = 'pending_review')::int as pending_review,
              count(*) filter (where status = 'hub_confirmed')::int as awaiting_execution,
              count(*) filter (where created_at >= date_trunc('day', $1::timestamptz at time zone 'Africa/Cairo') at time zone 'Africa/Cairo')::int as created_today,
              count(*) filter (where created_at >= $1::timestamptz - interval '7 days')::int as created_last_7_days,
              count(*) filter (where status = 'completed' and completed_at >= $1::timestamptz - interval '7 days')::int as completed_last_7_days,
              round((avg(extract(epoch from completed_at - created_at) / 86400) filter (where status = 'completed'))::numeric, 2)::float8 as average_resolution_days
         from service_action.actions`,
      [now.toISOString()],
    ),
    db.query<{ action_id: string; case_number: string; status: ServiceAction['action_status']; created_at: Date }>(
      `select action_id, case_number, status, created_at from service_action.actions where status not in ('completed', 'cancelled', 'rejected')
        order by created_at, action_id limit 1`,
    ),
    db.query<{ status: string; count: number }>(`select status, count(*)::int as count from service_action.actions where status not in ('completed', 'cancelled', 'rejected') group by 1`),
  ]);
  const c = counts[0];
  const o = oldest[0];
  return {
    open: c?.open ?? 0, needs_attention: c?.needs_attention ?? 0, pending_review: c?.pending_review ?? 0, awaiting_execution: c?.awaiting_execution ?? 0,
    created_today: c?.created_today ?? 0, created_last_7_days: c?.created_last_7_days ?? 0, completed_last_7_days: c?.completed_last_7_days ?? 0,
    average_resolution_days: c?.average_resolution_days ?? null,
    by_status: Object.fromEntries(byStatus.map((s) => [s.status, s.count])),
    oldest_open: o ? { action_id: o.action_id, case_number: o.case_number, status: o.status, created_at: iso(o.created_at) } : null,
  };
}
