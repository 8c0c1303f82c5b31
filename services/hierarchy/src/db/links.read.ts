import type { HierarchyLink } from '@hvar/contracts';
import type { SqlTx } from './sql.js';

type Query = Pick<SqlTx, 'query'>;

/** An ISO 8601 UTC text of a timestamptz column (the same whatever the session time zone). */
export function isoSql(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Columns of `hierarchy.links l` shaped as `HierarchyLink` (money in EGP, times ISO). */
export const LINK_DTO_COLUMNS = `l.id::text as id, l.main_order_id, l.main_tracking_number, l.sub_order_id, l.sub_tracking_number,
  l.phone as customer_phone, ${isoSql('l.main_created_at')} as main_created_at, ${isoSql('l.sub_created_at')} as sub_created_at,
  (l.main_cod_piastres / 100.0)::float8 as main_cod, (l.sub_cod_piastres / 100.0)::float8 as sub_cod,
  l.relationship_type, l.relationship_level, l.business_rule, l.confidence::float8 as confidence, l.confidence_reasons,
  l.relationship_reason, l.linked_by, l.locked, l.active, l.created_by, ${isoSql('l.created_at')} as created_at,
  ${isoSql('l.deactivated_at')} as deactivated_at, l.deactivated_by, l.deactivation_reason`;

/** One link by id, as the API shows it. */
export async function linkById(tx: Query, id: string): Promise<HierarchyLink | null> {
  const rows = await tx.query<HierarchyLink>(`select ${LINK_DTO_COLUMNS} from hierarchy.links l where l.id = $1::uuid`, [id]);
  return rows[0] ?? null;
}

/** The active link of a sub (null when it has none). */
export async function activeLinkOfSub(tx: Query, subId: string): Promise<HierarchyLink | null> {
  const rows = await tx.query<HierarchyLink>(`select ${LINK_DTO_COLUMNS} from hierarchy.links l where l.active and l.sub_order_id = $1`, [subId]);
  return rows[0] ?? null;
}

/** Every link of an order, as sub and as main, active or not, newest first. */
export async function linkHistory(tx: Query, orderId: string): Promise<HierarchyLink[]> {
  return tx.query<HierarchyLink>(
    `select ${LINK_DTO_COLUMNS} from hierarchy.links l where l.sub_order_id = $1
     union all
     select ${LINK_DTO_COLUMNS} from hierarchy.links l where l.main_order_id = $1 and l.sub_order_id <> $1
     order by created_at desc, id desc`,
    [orderId],
  );
}
