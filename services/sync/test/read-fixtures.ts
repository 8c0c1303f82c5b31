import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { getTableColumns, sql } from 'drizzle-orm';
import { closeServer, createDatabase, createLogger, listen, type Database } from '@hvar/platform';
import { testEnv } from '@hvar/platform/testing';
import { migrateSync } from '../src/db/migrate.js';
import { customerFacts, orderFacts, orders, quarantine, runs, timelineEvents, webhookInbox } from '../src/db/schema.js';
import { mountReadApi } from '../src/http.js';

/**
 * A row for `sync.orders` with its read model (`sync.order_facts`), defaults for everything a test
 * does not care about; `customer_segment` is stored for the row's phone (`sync.customer_facts`).
 */
export type OrderInsert = typeof orders.$inferInsert & Omit<typeof orderFacts.$inferInsert, 'order_id'> & { customer_segment?: string };

const FACT_COLUMNS = Object.keys(getTableColumns(orderFacts)).filter((c) => c !== 'order_id');

/** Splits a test row into its `orders` row and its `order_facts` row (every order has one). */
function splitRow(row: OrderInsert): { order: typeof orders.$inferInsert; facts: typeof orderFacts.$inferInsert } {
  const order: Record<string, unknown> = {};
  const facts: Record<string, unknown> = { order_id: row.id };
  for (const [key, value] of Object.entries(row)) if (key !== 'customer_segment') (FACT_COLUMNS.includes(key) ? facts : order)[key] = value;
  return { order: order as typeof orders.$inferInsert, facts: facts as typeof orderFacts.$inferInsert };
}

let seq = 0;

/** Builds an order row: a delivered SEND in Cairo unless overridden. */
export function orderRow(over: Partial<OrderInsert> = {}): OrderInsert {
  seq += 1;
  const n = String(seq).padStart(6, '0');
  const created = over.created_at ?? new Date(Date.UTC(2025, 0, 1) + seq * 3_600_000);
  return {
    id: `id${n}`,
    tracking_number: `5${n}`,
    state_code: 45,
    state_value: 'Delivered',
    state_at: created,
    type_code: 10,
    type_value: 'Send',
    cod_piastres: 100_00,
    receiver_phone: '+201001112233',
    receiver_name: `Customer ${n}`,
    dropoff_city: 'Cairo',
    dropoff_city_ar: 'القاهرة',
    dropoff_zone: 'Maadi',
    dropoff_zone_ar: 'المعادي',
    created_at: created,
    updated_at: created,
    raw: { _id: `id${n}` },
    ...over,
  };
}

/** The sync read API on a random port, over a migrated and emptied sync schema. */
export interface ReadApiHarness {
  url: string;
  database: Database;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  insertOrders(rows: OrderInsert[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts `mountReadApi` in-process, like the service's internal HTTP server does. */
export async function startReadApi(): Promise<ReadApiHarness> {
  const env = testEnv();
  const database = createDatabase({ url: env.databaseUrl, applicationName: 'sync-read-test' });
  await migrateSync(database);
  await database.db.execute(sql`truncate ${orders}, ${orderFacts}, ${customerFacts}, ${timelineEvents}, ${runs}, ${quarantine}, ${webhookInbox}`);
  const app = express();
  mountReadApi(app, { database, log: createLogger({ service: 'sync', level: 'silent' }) });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    database,
    async get(path) {
      const res = await fetch(url + path);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async insertOrders(rows) {
      for (let i = 0; i < rows.length; i += 500) {
        const split = rows.slice(i, i + 500).map(splitRow);
        await database.db.insert(orders).values(split.map((r) => r.order));
        await database.db.insert(orderFacts).values(split.map((r) => r.facts));
      }
      const segments = new Map(rows.flatMap((r) => (r.customer_segment ? [[r.receiver_phone, r.customer_segment] as const] : [])));
      if (segments.size > 0) {
        await database.db.insert(customerFacts).values([...segments].map(([phone, segment]) => ({ phone, segment, revision: 1 })));
      }
    },
    async close() {
      await closeServer(server);
      await database.close();
    },
  };
}
