import { inSqlTransaction, retryTransaction, type Database } from '@hvar/platform';
import type { SegmentSettings } from '../deps.js';
import { emitServiceFacts } from '../facts/emit-facts.js';
import { refreshCustomers } from './refresh.js';

/** Customers refreshed per transaction. */
const CHUNK = 1_000;

/**
 * Segments that change with time alone: a `new` customer with more than one order stops being new
 * once the first order is older than the window, without any new order arriving. Refreshes exactly
 * those customers (in chunks, each its own transaction) and tells the sync read model. Returns how
 * many changed segment.
 */
export async function refreshTimeSegments(database: Database, segments: SegmentSettings, now: Date): Promise<number> {
  let changed = 0;
  let after = '';
  for (;;) {
    const { rows } = await database.pool.query<{ phone: string }>(
      `select phone from service_action.customers
        where segment = 'new' and total_orders > 1 and first_order_at < $1::timestamptz - make_interval(days => $2) and phone > $3
        order by phone limit $4`,
      [now.toISOString(), segments.newDays, after, CHUNK],
    );
    if (rows.length === 0) return changed;
    const phones = rows.map((r) => r.phone);
    changed += await retryTransaction(() =>
      inSqlTransaction(database.pool, async (tx) => {
        const moved = await refreshCustomers(tx, phones, segments, now);
        await emitServiceFacts(tx, { phones: moved });
        return moved.length;
      }),
    );
    after = phones.at(-1) ?? after;
  }
}
