import { DELIVERY_COLUMNS } from '../../domain/order-row.js';

const ident = (name: string): string => `"${name}"`;

/** Columns the upsert writes from the input rows. */
const INPUT_COLUMNS: string[] = [...DELIVERY_COLUMNS, 'raw', 'content_hash'];

/** Columns an update must not simply overwrite (handled one by one below). */
const SPECIAL = new Set(['id', 'shipment_fees_piastres', 'state_at']);

const assignments = INPUT_COLUMNS.filter((c) => !SPECIAL.has(c)).map((c) => `${ident(c)} = excluded.${ident(c)}`);

/**
 * Multi-row upsert of one batch of orders (`$1` = JSON array of order rows, `$2` = their ids), returning only the rows
 * it inserted or really changed, with the state code they had before (the `old` CTE reads the
 * snapshot taken before the insert).
 *
 * An existing row is updated only when
 * - its content differs (content hash), or a detail copy brings shipment fees it did not have; and
 * - the copy is not older than the REST copy last applied (Bosta's `updatedAt`; a delivery can be in
 *   the same state twice, so a same-state copy alone proves nothing), and
 * - the copy does not move the state back: its state is at least as recent, or it is the same state
 *   (REST is the truth for everything else; a webhook's event time may differ slightly from the
 *   state time the REST object gives, and must not lock the full data out). An older copy never
 *   overwrites a newer state (domain.md §2).
 * Shipment fees are detail-only: a search copy (null) keeps the stored value. Every write moves the
 * row's `version` (1 on insert, +1 on update, under the row lock); it comes back with the stored
 * state time (which may be later than the copy's: see `state_at` above) for the order-changed entry.
 * The read model's row (`order_facts`) is written after this, by `ORDER_FACTS_SQL`.
 */
export const ORDER_UPSERT_SQL = `
with input as (
  select * from json_populate_recordset(null::sync.orders, $1::json)
),
old as (
  select o.id, o.state_code from sync.orders o where o.id = any($2::text[])
),
up as (
  insert into sync.orders as o (${INPUT_COLUMNS.map(ident).join(', ')}, rest_updated_at, first_seen_at, last_synced_at, version)
  select ${INPUT_COLUMNS.map((c) => `input.${ident(c)}`).join(', ')}, input.updated_at, now(), now(), 1 from input
  on conflict (id) do update set
    ${assignments.join(',\n    ')},
    rest_updated_at = excluded.rest_updated_at,
    state_at = case when excluded.state_code = o.state_code then greatest(o.state_at, excluded.state_at) else excluded.state_at end,
    shipment_fees_piastres = coalesce(excluded.shipment_fees_piastres, o.shipment_fees_piastres),
    last_state_change_at = case when excluded.state_code <> o.state_code then excluded.state_at else o.last_state_change_at end,
    last_synced_at = now(),
    version = o.version + 1
  where (
      o.content_hash is distinct from excluded.content_hash
      or (excluded.shipment_fees_piastres is not null and excluded.shipment_fees_piastres is distinct from o.shipment_fees_piastres)
    )
    and excluded.rest_updated_at >= coalesce(o.rest_updated_at, excluded.rest_updated_at)
    and (excluded.state_at >= o.state_at or excluded.state_code = o.state_code)
  returning o.id, (o.xmax = 0) as inserted, o.state_at, o.version
)
select up.id, up.inserted, old.state_code as previous_state_code, up.state_at, up.version
  from up left join old on old.id = up.id`;

/**
 * The read-model rows of a page's new and state-changed orders (`$1` = order ids, `$2` = whether
 * each changed state): a new order gets its row (`unlinked`; a row that facts arriving before the
 * order created is left as it is), and an order whose state changed goes to `pending_review` until
 * the hierarchy has evaluated the new state (`applyHierarchyFacts`). One statement, rows locked in
 * id order like the order rows before them; a row already in review is not rewritten.
 */
export const ORDER_FACTS_SQL = `
insert into sync.order_facts as f (order_id, hierarchy_status)
select id, case when state_changed then 'pending_review' else 'unlinked' end
  from unnest($1::text[], $2::bool[]) as x(id, state_changed)
 order by id
on conflict (order_id) do update set hierarchy_status = 'pending_review'
 where excluded.hierarchy_status = 'pending_review' and f.hierarchy_status <> 'pending_review'`;

/**
 * Upserts REST timeline steps (`$1`..`$6` = parallel arrays of order_id, seq, code, value, at, done),
 * rewriting a step only when it changed. Arrays cost PostgreSQL a quarter less than a JSON recordset.
 */
export const TIMELINE_UPSERT_SQL = `
insert into sync.timeline_events (order_id, seq, code, value, at, done, source)
select order_id, seq, code, value, at, done, 'rest'
  from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::bool[]) as x(order_id, seq, code, value, at, done)
on conflict (order_id, source, seq) do update set
  code = excluded.code, value = excluded.value, at = excluded.at, done = excluded.done
where (timeline_events.code, timeline_events.value, timeline_events.at, timeline_events.done)
  is distinct from (excluded.code, excluded.value, excluded.at, excluded.done)`;

/** Removes REST steps beyond a delivery's current timeline length (`$1` = JSON [{id, n}]). */
export const TIMELINE_TRIM_SQL = `
delete from sync.timeline_events t
 using json_to_recordset($1::json) as x(id text, n int)
 where t.order_id = x.id and t.source = 'rest' and t.seq >= x.n`;

/** Records (or re-records) deliveries that failed normalization (`$1` = JSON array, `$2` = run id). */
export const QUARANTINE_UPSERT_SQL = `
insert into sync.quarantine as q (source_key, source, run_id, reason, raw)
select x.source_key, x.source, $2::uuid, x.reason, x.raw
  from json_to_recordset($1::json) as x(source_key text, source text, reason text, raw jsonb)
on conflict (source_key, source) do update set
  reason = excluded.reason, raw = excluded.raw, run_id = excluded.run_id,
  last_seen_at = now(), occurrences = q.occurrences + 1, resolved_at = null`;

/** Resolves open quarantine rows of deliveries that now parse (`$1` = tracking numbers). */
export const QUARANTINE_RESOLVE_SQL = `
update sync.quarantine set resolved_at = now()
 where resolved_at is null and source_key = any($1::text[])`;
