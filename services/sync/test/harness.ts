import { normalizeDelivery, type Delivery } from '@hvar/bosta';
import { createDatabase, type Database } from '@hvar/platform';
import { testEnv } from '@hvar/platform/testing';
import { migrateSync } from '../src/db/migrate.js';

/** Opens the test database, applies the sync migrations and empties every sync table. */
export async function openSyncDb(): Promise<Database> {
  const database = createDatabase({ url: testEnv().databaseUrl, applicationName: 'sync-test', max: 8 });
  await migrateSync(database);
  await resetSyncTables(database);
  return database;
}

/** Empties the sync schema's tables (each test file starts from nothing). */
export async function resetSyncTables(database: Database): Promise<void> {
  await database.pool.query(
    'truncate sync.orders, sync.timeline_events, sync.runs, sync.run_pages, sync.webhook_inbox, sync.quarantine, sync.state, sync.outbox, sync.inbox, sync.pending_changes, sync.order_facts, sync.customer_facts',
  );
}

/** Normalizes a raw object that must be valid (test input). */
export function normalized(raw: unknown): { delivery: Delivery; raw: unknown } {
  const result = normalizeDelivery(raw);
  if (!result.ok) throw new Error(`test delivery does not normalize: ${result.reason}`);
  return { delivery: result.value, raw };
}

/** One number from a `count(*)`-style query. */
export async function count(database: Database, sqlText: string, params: unknown[] = []): Promise<number> {
  const res = await database.pool.query<{ n: string | number }>(sqlText, params);
  return Number(res.rows[0]?.n ?? 0);
}
