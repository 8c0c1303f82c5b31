import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** A service's database handle: the pg pool (for shutdown and raw checks) and drizzle on top. */
export interface Database {
  pool: pg.Pool;
  db: NodePgDatabase;
  close(): Promise<void>;
}

/** Options of `createDatabase`. */
export interface DatabaseOptions {
  url: string;
  /** Shown in `pg_stat_activity`, so an operator sees which service holds a connection. */
  applicationName: string;
  max?: number;
}

/** Creates the pool and drizzle instance of one service. */
export function createDatabase(opts: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    application_name: opts.applicationName,
    max: opts.max ?? 10,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', () => undefined); // an idle client's error; the next query reports it
  let closed: Promise<void> | undefined;
  return {
    pool,
    db: drizzle(pool),
    close: () => (closed ??= pool.end()),
  };
}

/** Readiness probe: one round trip. */
export async function pingDatabase(database: Database): Promise<void> {
  await database.pool.query('select 1');
}

/**
 * Applies one service's migrations. Each service keeps its journal in its own schema
 * (`<schema>.__drizzle_migrations`): with drizzle's shared default journal, a service whose
 * migration is older than another service's newest one would be skipped silently. An advisory lock
 * keyed on the schema lets several replicas start at once without racing.
 */
export async function migrateSchema(database: Database, opts: { schema: string; migrationsFolder: string }): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`migrate:${opts.schema}`]);
    await migrate(drizzle(client), {
      migrationsFolder: opts.migrationsFolder,
      migrationsSchema: opts.schema,
      migrationsTable: '__drizzle_migrations',
    });
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [`migrate:${opts.schema}`]).catch(() => undefined);
    client.release();
  }
}
