import type { SqlTx } from '@hvar/platform';
import type { SegmentSettings } from '../deps.js';
import { avgOrderValueOf, returnRateOf, segmentOf, type SegmentDecision } from '../domain/segment.js';
import { loadAggregates, type PhoneAggregates } from './aggregates.repo.js';
import { lockCustomers } from './lock.js';

/** One customer row as the refresh writes it. */
interface Refreshed {
  source: PhoneAggregates;
  decision: SegmentDecision;
}

/** A profile column that orders fill unless an agent manages it or the customer is erased. */
const fromOrders = (column: string, flag: 'has_names' | 'has_address') =>
  `${column} = case when c.erased or not u.${flag} or '${column}' = any(c.managed_fields) then c.${column} else u.${column} end`;

const PROFILE_SET = [
  fromOrders('full_name', 'has_names'), fromOrders('first_name', 'has_names'), fromOrders('last_name', 'has_names'),
  fromOrders('primary_city', 'has_address'), fromOrders('primary_zone', 'has_address'),
  fromOrders('primary_district', 'has_address'), fromOrders('primary_address', 'has_address'),
].join(',\n       ');

/**
 * Recomputes the aggregates of exactly `phones` from service_action.orders (set-based), upserts their
 * customers (new ones `created_by` 'orders'), takes names and address from the latest order that has
 * them unless the field is agent-managed or the customer erased, sets the segment with its reason and
 * records every segment change in segment_history. Returns the phones created or whose segment changed.
 */
export async function refreshCustomers(tx: SqlTx, phones: string[], segments: SegmentSettings, now: Date): Promise<string[]> {
  const unique = [...new Set(phones)].sort();
  if (unique.length === 0) return [];
  await lockCustomers(tx, unique);
  const refreshed: Refreshed[] = (await loadAggregates(tx, unique)).map((source) => ({ source, decision: segmentOf(source.aggregates, segments, now) }));
  await writeCustomers(tx, refreshed, now);
  return refreshed.filter((r) => r.source.storedSegment !== r.decision.segment).map((r) => r.source.phone);
}

/** Updates existing customers, inserts new ones and appends segment changes, in one statement. */
async function writeCustomers(tx: SqlTx, rows: readonly Refreshed[], now: Date): Promise<void> {
  const col = <T>(pick: (r: Refreshed) => T): T[] => rows.map(pick);
  const agg = (r: Refreshed) => r.source.aggregates;
  const changed = rows.filter((r) => r.source.storedSegment !== r.decision.segment);
  await tx.query(
    `with u as (
       select * from unnest($1::text[], $2::bool[], $3::int[], $4::bigint[], $5::bigint[], $6::timestamptz[], $7::timestamptz[],
                            $8::int[], $9::int[], $10::int[], $11::numeric[], $12::text[], $13::text[],
                            $14::bool[], $15::text[], $16::text[], $17::text[], $18::bool[], $19::text[], $20::text[], $21::text[], $22::text[])
         as u(phone, known, total_orders, total_value, avg_value, first_at, last_at, delivered_main, returned, maintenance, return_rate,
              segment, segment_reason, has_names, full_name, first_name, last_name, has_address, primary_city, primary_zone,
              primary_district, primary_address)),
     upd as (
       update service_action.customers c set
       ${PROFILE_SET},
       total_orders = u.total_orders, total_value_piastres = u.total_value, avg_order_value_piastres = u.avg_value,
       first_order_at = u.first_at, last_order_at = u.last_at, delivered_main_orders = u.delivered_main,
       returned_orders = u.returned, maintenance_orders = u.maintenance, return_rate = u.return_rate,
       segment_changed_at = case when c.segment is distinct from u.segment then $23::timestamptz else c.segment_changed_at end,
       segment = u.segment, segment_reason = u.segment_reason, updated_at = $23::timestamptz
       from u where c.phone = u.phone and u.known
       returning c.phone),
     ins as (
       insert into service_action.customers (phone, full_name, first_name, last_name, primary_city, primary_zone, primary_district,
         primary_address, total_orders, total_value_piastres, avg_order_value_piastres, first_order_at, last_order_at,
         delivered_main_orders, returned_orders, maintenance_orders, return_rate, segment, segment_reason, segment_changed_at,
         created_by, created_at, updated_at)
       select phone, full_name, first_name, last_name, primary_city, primary_zone, primary_district, primary_address,
         total_orders, total_value, avg_value, first_at, last_at, delivered_main, returned, maintenance, return_rate,
         segment, segment_reason, $23::timestamptz, 'orders', $23::timestamptz, $23::timestamptz
       from u where not u.known
       returning phone)
     insert into service_action.segment_history (phone, from_segment, to_segment, reason, at)
     select h.phone, h.from_segment, h.to_segment, h.reason, $23::timestamptz from unnest($24::text[], $25::text[], $26::text[], $27::text[])
       as h(phone, from_segment, to_segment, reason)`,
    [
      col((r) => r.source.phone), col((r) => r.source.storedSegment !== null), col((r) => agg(r).totalOrders),
      col((r) => agg(r).totalValuePiastres), col((r) => avgOrderValueOf(agg(r))), col((r) => agg(r).firstOrderAt?.toISOString() ?? null),
      col((r) => agg(r).lastOrderAt?.toISOString() ?? null), col((r) => agg(r).deliveredMainOrders), col((r) => agg(r).returnedOrders),
      col((r) => agg(r).maintenanceOrders), col((r) => returnRateOf(agg(r)).toFixed(4)), col((r) => r.decision.segment),
      col((r) => r.decision.reason), col((r) => r.source.names !== null), col((r) => r.source.names?.full_name ?? null),
      col((r) => r.source.names?.first_name ?? null), col((r) => r.source.names?.last_name ?? null), col((r) => r.source.address !== null),
      col((r) => r.source.address?.primary_city ?? null), col((r) => r.source.address?.primary_zone ?? null),
      col((r) => r.source.address?.primary_district ?? null), col((r) => r.source.address?.primary_address ?? null),
      now.toISOString(),
      changed.map((r) => r.source.phone), changed.map((r) => r.source.storedSegment), changed.map((r) => r.decision.segment),
      changed.map((r) => r.decision.reason),
    ],
  );
}
