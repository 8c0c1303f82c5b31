import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Tx } from './outbox.js';
import type pg from 'pg';

/**
 * One transaction as a service's repositories see it: plain SQL with `$n` parameters (arrays
 * travel as one parameter, for `unnest`), and the drizzle handle `writeOutbox` needs. The same
 * code runs inside `applyOnce` (a drizzle transaction) and on a pooled client (detection chunks).
 */
export interface SqlTx {
  query<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  db: Tx;
}

/** A transaction on a pooled pg client (begin/commit are the caller's). */
export function clientTx(client: pg.PoolClient): SqlTx {
  return {
    query: async <R>(text: string, params: readonly unknown[] = []) => (await client.query(text, params as unknown[])).rows as R[],
    db: drizzle(client),
  };
}

/** A transaction given by drizzle (`applyOnce`). */
export function drizzleTx(tx: Tx): SqlTx {
  return {
    query: async <R>(text: string, params: readonly unknown[] = []) => (await tx.execute(toSql(text, params))).rows as R[],
    db: tx,
  };
}

/** `$n` placeholders → drizzle params (each value one parameter, arrays included). */
function toSql(text: string, params: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i] ?? ''));
    else chunks.push(sql`${sql.param(params[Number(parts[i]) - 1])}`);
  }
  return sql.join(chunks, sql.raw(''));
}

/** Runs `fn` in a transaction on one pooled connection (no retry; wrap in `retryTransaction` from the platform for that). */
export async function inSqlTransaction<T>(pool: pg.Pool, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(clientTx(client));
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Plain queries on the pool (reads outside a transaction). */
export function poolQuery(pool: pg.Pool): Pick<SqlTx, 'query'> {
  return { query: async <R>(text: string, params: readonly unknown[] = []) => (await pool.query(text, params as unknown[])).rows as R[] };
}

/**
 * Takes the transaction-scoped advisory lock of every key of a namespace, in ascending lock order:
 * two transactions touching the same keys serialize, and since every writer takes its keys in the
 * same order they cannot deadlock (a late extra lock may; the caller retries then). Keys are 64-bit
 * hashes of `namespace:key`; a collision only serializes two keys more than needed.
 */
export async function lockKeys(tx: Pick<SqlTx, 'query'>, namespace: string, keys: Iterable<string>): Promise<void> {
  const list = [...new Set(keys)];
  if (list.length === 0) return;
  await tx.query(
    `select count(pg_advisory_xact_lock(k)) from (
       select distinct hashtextextended($1 || ':' || key, 0) as k from unnest($2::text[]) as key order by 1
     ) keys`,
    [namespace, list],
  );
}
