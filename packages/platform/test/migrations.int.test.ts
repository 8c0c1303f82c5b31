import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateSchema } from '../src/index.js';
import { createTestInfra, type TestInfra } from '../src/testing/index.js';

// The fixture SQL names its schemas, so these are fixed; they are dropped before and after.
const A = { schema: 'fixture_a', migrationsFolder: fileURLToPath(new URL('./fixtures/migrations-a', import.meta.url)) };
const B = { schema: 'fixture_b', migrationsFolder: fileURLToPath(new URL('./fixtures/migrations-b', import.meta.url)) };
const SHARED_JOURNAL = 'fixture_journal';
const SCHEMAS = [A.schema, B.schema, SHARED_JOURNAL];

let infra: TestInfra;

async function dropSchemas(): Promise<void> {
  await infra.database.pool.query(`drop schema if exists ${SCHEMAS.map((s) => `"${s}"`).join(', ')} cascade`);
}

beforeAll(async () => {
  infra = await createTestInfra('migrations');
});
beforeEach(() => dropSchemas());
afterAll(async () => {
  if (!infra) return;
  await dropSchemas();
  await infra.close();
});

async function tables(schema: string): Promise<string[]> {
  const { rows } = await infra.database.pool.query<{ table_name: string }>(
    'select table_name from information_schema.tables where table_schema = $1 order by table_name',
    [schema],
  );
  return rows.map((r) => r.table_name);
}

async function journal(schema: string): Promise<{ created_at: string }[]> {
  const { rows } = await infra.database.pool.query<{ created_at: string }>(
    `select created_at::text from "${schema}"."__drizzle_migrations" order by id`,
  );
  return rows;
}

async function expectBothMigrated(): Promise<void> {
  expect(await tables(A.schema)).toEqual(['__drizzle_migrations', 'orders']);
  expect(await tables(B.schema)).toEqual(['__drizzle_migrations', 'returns']);
  expect(await journal(A.schema)).toEqual([{ created_at: '1767000000000' }]);
  expect(await journal(B.schema)).toEqual([{ created_at: '1766000000000' }]);
}

describe('migrateSchema: one journal per service schema', () => {
  it("applies a service whose migration is older than another service's", async () => {
    await migrateSchema(infra.database, A);
    await migrateSchema(infra.database, B);
    await expectBothMigrated();
  });

  it('is a no-op when run again', async () => {
    await migrateSchema(infra.database, A);
    await migrateSchema(infra.database, B);
    await infra.database.pool.query(`insert into "fixture_a"."orders" (status) values ('kept')`);
    await migrateSchema(infra.database, A);
    await migrateSchema(infra.database, B);
    await expectBothMigrated();
    const { rows } = await infra.database.pool.query<{ n: number }>('select count(*)::int as n from "fixture_a"."orders"');
    expect(rows[0]?.n).toBe(1);
  });

  it('copes with replicas of both services starting at once, twice (advisory lock per schema)', async () => {
    for (let round = 0; round < 2; round += 1) {
      await Promise.all([A, B, A, B].map((m) => migrateSchema(infra.database, m)));
      await expectBothMigrated();
    }
  });

  it('(the trap it avoids) with one shared journal the older migration of B is silently skipped', async () => {
    await migrateSchema(infra.database, { ...A, schema: SHARED_JOURNAL });
    await migrateSchema(infra.database, { ...B, schema: SHARED_JOURNAL });
    expect(await tables(A.schema)).toEqual(['orders']);
    expect(await tables(B.schema)).toEqual([]);
    expect(await journal(SHARED_JOURNAL)).toEqual([{ created_at: '1767000000000' }]);
  });
});
