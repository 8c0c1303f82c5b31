import type { ActionStatus, ActionType, Address, Part, ServiceAction } from '@hvar/contracts';
import { AppError, type SqlTx } from '@hvar/platform';
import { allowedTransitions, checkTransition, type TransitionContext } from '../domain/transitions.js';

/** An action row as stored. */
export interface ActionRow {
  action_id: string;
  case_number: string;
  phone: string;
  action_type: ActionType;
  action_subtype: string | null;
  status: ActionStatus;
  service_reason: string;
  service_notes: string | null;
  main_order_id: string | null;
  main_tracking_number: string | null;
  sub_order_id: string | null;
  sub_tracking_number: string | null;
  source_order_id: string | null;
  source_tracking_number: string | null;
  auto_detected: boolean;
  on_site: boolean;
  product_name: string | null;
  product_sku: string | null;
  product_description: string | null;
  pickup_address: Address | null;
  return_attempt: number;
  return_id: string | null;
  return_tracking_number: string | null;
  return_status: string | null;
  outbound_id: string | null;
  outbound_tracking_number: string | null;
  outbound_status: string | null;
  needs_attention: string | null;
  review_required: boolean;
  review_decision: 'approved' | 'rejected' | 'requires_changes' | null;
  approved_refund_limit_piastres: string | number | null;
  hub_quality_score: number | null;
  hub_recommended_action: string | null;
  assigned_technician: string | null;
  warranty_applies: boolean;
  estimated_cost_piastres: string | number;
  customer_contribution_piastres: string | number;
  closure_verified: boolean;
  cancelled_reason: string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  completed_at: Date | string | null;
}

/** Finds an action by id (uuid) or case number. */
export async function findAction(tx: Pick<SqlTx, 'query'>, ref: string, forUpdate = false): Promise<ActionRow | undefined> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const rows = await tx.query<ActionRow>(
    `select * from service_action.actions where ${byId ? 'action_id = $1::uuid' : 'case_number = $1'}${forUpdate ? ' for update' : ''}`,
    [ref],
  );
  return rows[0];
}

/** The action, row-locked for this transaction (concurrent commands on one action run one after the other); 404 when unknown. */
export async function lockAction(tx: SqlTx, ref: string): Promise<ActionRow> {
  const row = await findAction(tx, ref, true);
  if (!row) throw new AppError('not_found', `service action ${ref} not found`, { code: 'action_not_found', details: { action_id: ref } });
  return row;
}

/** The guard context of an action. */
export function contextOf(row: Pick<ActionRow, 'on_site' | 'auto_detected' | 'review_required' | 'review_decision'>): TransitionContext {
  return { on_site: row.on_site, auto_detected: row.auto_detected, review_required: row.review_required, review_decision: row.review_decision };
}

/** A 409 for a refused transition, listing the allowed targets. */
export function transitionRefused(row: ActionRow, to: ActionStatus, what?: string): AppError {
  const check = checkTransition(row.status, to, contextOf(row));
  const allowed = check.ok ? [] : check.allowed;
  const message = check.ok ? `${what ?? 'this'} is not possible now` : `${what ? `${what}: ` : ''}${check.message}`;
  return new AppError('conflict', message, { code: 'illegal_transition', details: { action_id: row.action_id, status: row.status, requested: to, allowed } });
}

/**
 * Moves the (locked) action through `steps` in order, each checked against the transition table and
 * recorded (from, to, actor, reason). Refuses the whole move with a 409 at the first illegal step.
 * Returns the final status; `row.status` follows.
 */
export async function moveAction(tx: SqlTx, row: ActionRow, steps: readonly ActionStatus[], actor: string, reason: string | null, what?: string): Promise<ActionStatus> {
  let from = row.status;
  const records: { from: ActionStatus; to: ActionStatus }[] = [];
  for (const to of steps) {
    const check = checkTransition(from, to, contextOf(row));
    if (!check.ok) throw transitionRefused({ ...row, status: from }, to, what);
    records.push({ from, to });
    from = to;
  }
  if (records.length === 0) return row.status;
  await tx.query(
    `insert into service_action.transitions (action_id, from_status, to_status, actor, reason)
     select $1::uuid, f, t, $4, $5 from unnest($2::text[], $3::text[]) with ordinality as x(f, t, n) order by n`,
    [row.action_id, records.map((r) => r.from), records.map((r) => r.to), actor, reason],
  );
  await tx.query(
    `update service_action.actions set status = $2, updated_at = now(),
       completed_at = case when $2 = 'completed' then now() else completed_at end
     where action_id = $1`,
    [row.action_id, from],
  );
  row.status = from;
  return from;
}

/** Records the first status of a new action (`null → requested`). */
export async function recordCreation(tx: SqlTx, actionIds: readonly string[], actor: string, reasons: readonly string[]): Promise<void> {
  await tx.query(
    `insert into service_action.transitions (action_id, from_status, to_status, actor, reason)
     select id, null, 'requested', $2, r from unnest($1::uuid[], $3::text[]) as x(id, r)`,
    [actionIds, actor, reasons],
  );
}

/** Gap-free case numbers `SA-YYYY-NNNNNN` for `count` new actions of the year (the counter row is locked until commit). */
export async function nextCaseNumbers(tx: SqlTx, count: number, now: Date): Promise<string[]> {
  const year = now.getUTCFullYear();
  const [row] = await tx.query<{ last: number }>(
    `insert into service_action.case_counters as c (year, last) values ($1, $2)
     on conflict (year) do update set last = c.last + excluded.last returning last`,
    [year, count],
  );
  const last = row?.last ?? count;
  return Array.from({ length: count }, (_, i) => `SA-${year}-${String(last - count + 1 + i).padStart(6, '0')}`);
}

/** Adds cost ledger entries (piastres); `replace` supersedes the live entries of the same kind first (estimates, fees). */
export async function addLedger(
  tx: SqlTx,
  actionId: string,
  entries: readonly { entry: string; amount_piastres: number; note?: string | null; replace?: boolean }[],
  by: string,
): Promise<void> {
  const replaced = entries.filter((e) => e.replace).map((e) => e.entry);
  if (replaced.length > 0) {
    await tx.query('update service_action.cost_ledger set superseded = true where action_id = $1 and entry = any($2::text[]) and not superseded', [actionId, replaced]);
  }
  if (entries.length === 0) return;
  await tx.query(
    `insert into service_action.cost_ledger (action_id, entry, amount_piastres, note, created_by)
     select $1::uuid, e, a, n, $5 from unnest($2::text[], $3::bigint[], $4::text[]) as x(e, a, n)`,
    [actionId, entries.map((e) => e.entry), entries.map((e) => e.amount_piastres), entries.map((e) => e.note ?? null), by],
  );
}

/** Keeps each customer's action count current. */
export async function refreshActionCounts(tx: SqlTx, phones: readonly string[]): Promise<void> {
  if (phones.length === 0) return;
  await tx.query(
    `update service_action.customers c set service_actions = (select count(*) from service_action.actions a where a.phone = c.phone), updated_at = now()
     where c.phone = any($1::text[])`,
    [[...new Set(phones)]],
  );
}

const egp = (piastres: string | number | null | undefined) => Math.round(Number(piastres ?? 0)) / 100;

/** A timestamp as ISO text: pooled queries give Dates, drizzle transactions give PostgreSQL's text. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

type Transition = { from_status: ActionStatus | null; to_status: ActionStatus; actor: string; reason: string | null; at: Date | string };

/** The ledger, parts, customer names, refund and (optionally) transitions of many actions: one query each, whatever the count. */
async function related(tx: Pick<SqlTx, 'query'>, rows: readonly ActionRow[], withTransitions: boolean) {
  const ids = rows.map((r) => r.action_id);
  const phones = [...new Set(rows.map((r) => r.phone))];
  const [ledger, parts, customers, transitions, refunds] = await Promise.all([
    tx.query<{ action_id: string; entry: string; total: string }>(
      'select action_id, entry, sum(amount_piastres)::text as total from service_action.cost_ledger where action_id = any($1::uuid[]) and not superseded group by 1, 2', [ids]),
    tx.query<{ action_id: string; parts: Part[] }>('select action_id, parts from service_action.executions where action_id = any($1::uuid[]) order by at', [ids]),
    tx.query<{ phone: string; full_name: string | null; first_name: string | null; last_name: string | null }>(
      'select phone, full_name, first_name, last_name from service_action.customers where phone = any($1::text[])', [phones]),
    withTransitions
      ? tx.query<Transition & { action_id: string }>('select action_id, from_status, to_status, actor, reason, at from service_action.transitions where action_id = any($1::uuid[]) order by id', [ids])
      : Promise.resolve([]),
    tx.query<{ action_id: string; processed: boolean }>('select action_id, processed from service_action.refunds where action_id = any($1::uuid[])', [ids]),
  ]);
  const group = <T extends { action_id: string }>(list: T[]) => {
    const by = new Map<string, T[]>();
    for (const item of list) by.set(item.action_id, [...(by.get(item.action_id) ?? []), item]);
    return by;
  };
  return {
    ledger: group(ledger), parts: group(parts), transitions: group(transitions),
    customers: new Map(customers.map((c) => [c.phone, c])), refunds: new Map(refunds.map((r) => [r.action_id, r.processed])),
  };
}

/** The API form of actions: the rows, their ledger and parts, and (for single reads) their transitions. Batched: a page costs five queries. */
export async function actionViews(tx: Pick<SqlTx, 'query'>, rows: readonly ActionRow[], withTransitions = false): Promise<ServiceAction[]> {
  if (rows.length === 0) return [];
  const rel = await related(tx, rows, withTransitions);
  return rows.map((row) => {
    const ledger = rel.ledger.get(row.action_id) ?? [];
    const sum = (entry: string) => Number(ledger.find((l) => l.entry === entry)?.total ?? 0);
    const c = rel.customers.get(row.phone);
    const name = c?.full_name ?? ([c?.first_name, c?.last_name].filter(Boolean).join(' ') || null);
    const actual = sum('parts') + sum('labour') + sum('replacement_unit');
    const view: ServiceAction = {
      action_id: row.action_id,
      case_number: row.case_number,
      customer_phone: row.phone,
      customer_name: name,
      action_type: row.action_type,
      action_subtype: row.action_subtype as ServiceAction['action_subtype'],
      action_status: row.status,
      allowed_transitions: allowedTransitions(row.status, contextOf(row)),
      service_reason: row.service_reason,
      service_notes: row.service_notes,
      main_order_id: row.main_order_id,
      main_tracking_number: row.main_tracking_number,
      sub_order_id: row.sub_order_id,
      sub_tracking_number: row.sub_tracking_number,
      source_order_id: row.source_order_id,
      source_tracking_number: row.source_tracking_number,
      auto_detected: row.auto_detected,
      on_site: row.on_site,
      product_name: row.product_name,
      product_sku: row.product_sku,
      product_description: row.product_description,
      pickup_address: row.pickup_address,
      return_tracking_number: row.return_tracking_number,
      return_status: row.return_status,
      outbound_tracking_number: row.outbound_tracking_number,
      outbound_status: row.outbound_status,
      needs_attention: row.needs_attention,
      review_required: row.review_required,
      review_decision: row.review_decision,
      approved_refund_limit: row.approved_refund_limit_piastres === null ? null : egp(row.approved_refund_limit_piastres),
      hub_quality_score: row.hub_quality_score,
      hub_recommended_action: row.hub_recommended_action,
      assigned_technician: row.assigned_technician,
      parts_used: (rel.parts.get(row.action_id) ?? []).flatMap((p) => p.parts),
      warranty_applies: row.warranty_applies,
      costs: {
        estimated_cost: egp(row.estimated_cost_piastres),
        actual_cost: egp(actual),
        parts_cost: egp(sum('parts')),
        labour_cost: egp(sum('labour')),
        return_courier_fee: egp(sum('return_courier_fee')),
        outbound_courier_fee: egp(sum('outbound_courier_fee')),
        customer_contribution: egp(row.customer_contribution_piastres),
        refund_amount: egp(sum('refund')),
        refund_processed: rel.refunds.get(row.action_id) ?? false,
      },
      closure_verified: row.closure_verified,
      created_by: row.created_by,
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      completed_at: row.completed_at === null ? null : iso(row.completed_at),
      cancelled_reason: row.cancelled_reason,
    };
    if (withTransitions) {
      view.transitions = (rel.transitions.get(row.action_id) ?? []).map((t) => ({ from_status: t.from_status, to_status: t.to_status, actor: t.actor, reason: t.reason, at: iso(t.at) }));
    }
    return view;
  });
}

/** The API form of one action (with its transitions when asked). */
export async function actionView(tx: Pick<SqlTx, 'query'>, row: ActionRow, withTransitions = false): Promise<ServiceAction> {
  const [view] = await actionViews(tx, [row], withTransitions);
  if (!view) throw new Error(`action ${row.action_id} has no view`);
  return view;
}

/** The API form of an action read again after a command (with its transitions). */
export async function viewAfter(tx: SqlTx, actionId: string): Promise<ServiceAction> {
  const row = await findAction(tx, actionId);
  if (!row) throw new Error(`action ${actionId} vanished`);
  return actionView(tx, row, true);
}
