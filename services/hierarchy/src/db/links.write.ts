import type { DesiredLink, HierOrder, LinkedBy } from '../domain/types.js';
import type { SqlTx } from './sql.js';

/** Separates one link's confidence reasons inside a single text value (unnest takes flat arrays). */
const REASON_SEPARATOR = '\u001f';

/** Deactivates active links (history kept): one statement for the whole list. */
export async function deactivateLinks(tx: SqlTx, items: readonly { link_id: string; reason: string }[], by: string): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await tx.query<{ n: number }>(
    `with done as (
       update hierarchy.links l set active = false, deactivated_at = now(), deactivated_by = $3, deactivation_reason = d.reason
         from unnest($1::uuid[], $2::text[]) as d(id, reason)
        where l.id = d.id and l.active
       returning 1)
     select count(*)::int as n from done`,
    [items.map((i) => i.link_id), items.map((i) => i.reason), by],
  );
  return rows[0]?.n ?? 0;
}

/** A link to insert: the engine's (or a manual) decision plus who made it. */
export interface NewLink extends DesiredLink {
  linked_by: LinkedBy;
  locked: boolean;
  relationship_reason: string | null;
  created_by: string | null;
}

/** Inserts links from column arrays (one statement); main and sub facts are copied from `ordersById`. */
export async function insertLinks(tx: SqlTx, items: readonly NewLink[], ordersById: ReadonlyMap<string, HierOrder>): Promise<string[]> {
  if (items.length === 0) return [];
  const ends = items.map((l) => ({ l, m: orderOf(ordersById, l.main_order_id), s: orderOf(ordersById, l.sub_order_id) }));
  const col = <T>(pick: (l: NewLink, main: HierOrder, sub: HierOrder) => T): T[] => ends.map((e) => pick(e.l, e.m, e.s));
  const rows = await tx.query<{ id: string }>(
    `insert into hierarchy.links (main_order_id, main_tracking_number, sub_order_id, sub_tracking_number, phone,
       main_created_at, sub_created_at, main_cod_piastres, sub_cod_piastres, relationship_type, relationship_level,
       business_rule, confidence, confidence_reasons, relationship_reason, linked_by, locked, created_by)
     select mo, mt, so, st, ph, to_timestamp(mc / 1000.0), to_timestamp(sc / 1000.0), mcod, scod, rt, lvl, br, conf,
            string_to_array(rs, $19), rr, lb, lk, cb
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::bigint[],
                   $9::bigint[], $10::text[], $11::int[], $12::text[], $13::numeric[], $14::text[], $15::text[], $16::text[],
                   $17::bool[], $18::text[])
         as t(mo, mt, so, st, ph, mc, sc, mcod, scod, rt, lvl, br, conf, rs, rr, lb, lk, cb)
     returning id::text as id`,
    [
      col((l) => l.main_order_id),
      col((_l, m) => m.tracking_number),
      col((l) => l.sub_order_id),
      col((_l, _m, s) => s.tracking_number),
      col((_l, _m, s) => s.phone),
      col((_l, m) => m.created_at),
      col((_l, _m, s) => s.created_at),
      col((_l, m) => m.cod_piastres),
      col((_l, _m, s) => s.cod_piastres),
      col((l) => l.relationship_type),
      col((l) => l.relationship_level),
      col((l) => l.business_rule),
      col((l) => l.confidence),
      col((l) => l.confidence_reasons.join(REASON_SEPARATOR)),
      col((l) => l.relationship_reason),
      col((l) => l.linked_by),
      col((l) => l.locked),
      col((l) => l.created_by),
      REASON_SEPARATOR,
    ],
  );
  return rows.map((r) => r.id);
}

function orderOf(ordersById: ReadonlyMap<string, HierOrder>, id: string): HierOrder {
  const order = ordersById.get(id);
  if (!order) throw new Error(`link endpoint ${id} was not loaded`);
  return order;
}

/** Moves active links to another customer (both ends moved to the same new phone together). */
export async function rehomeLinks(tx: SqlTx, items: readonly { link_id: string; phone: string }[]): Promise<void> {
  if (items.length === 0) return;
  await tx.query(
    `update hierarchy.links l set phone = d.phone from unnest($1::uuid[], $2::text[]) as d(id, phone) where l.id = d.id and l.active`,
    [items.map((i) => i.link_id), items.map((i) => i.phone)],
  );
}

/** Drops the `linked` locks of subs whose manual link is gone (they can be linked automatically again). */
export async function releaseLinkedLocks(tx: SqlTx, subIds: readonly string[]): Promise<void> {
  if (subIds.length === 0) return;
  await tx.query(`delete from hierarchy.locks where kind = 'linked' and order_id = any($1::text[])`, [subIds]);
}

/** Records (or replaces) a sub's lock. */
export async function upsertLock(tx: SqlTx, lock: { order_id: string; kind: 'linked' | 'unlinked'; by: string; reason: string | null }): Promise<void> {
  await tx.query(
    `insert into hierarchy.locks (order_id, kind, locked_by, reason) values ($1, $2, $3, $4)
     on conflict (order_id) do update set kind = excluded.kind, locked_by = excluded.locked_by, reason = excluded.reason, locked_at = now()`,
    [lock.order_id, lock.kind, lock.by, lock.reason],
  );
}
