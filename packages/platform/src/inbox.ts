import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { jsonb, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { Database } from './db.js';

/**
 * The inbox table of one service: ids of the messages whose effect was applied, written in the same
 * transaction as the effect, with the result so a redelivered message answers the same.
 */
export function defineInbox(schema: PgSchema) {
  return schema.table('inbox', {
    message_id: text('message_id').primaryKey(),
    handler: text('handler').notNull(),
    result: jsonb('result'),
    applied_at: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  });
}

/** An inbox table as returned by `defineInbox`. */
export type InboxTable = ReturnType<typeof defineInbox>;

/** The outcome of `applyOnce`: whether this call applied the effect, and the (first) result. */
export interface ApplyOutcome<T> {
  applied: boolean;
  result: T;
}

/**
 * Runs `effect` in a transaction that also records `messageId` in the inbox. If the id is already
 * there, the effect is skipped and the first result returned. Concurrent duplicates serialize on the
 * primary key: the second waits for the first to commit, then sees the conflict. No check-then-insert.
 */
export async function applyOnce<T>(
  database: Database,
  table: InboxTable,
  message: { id: string; handler: string },
  effect: (tx: NodePgDatabase) => Promise<T>,
): Promise<ApplyOutcome<T>> {
  return database.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(table)
      .values({ message_id: message.id, handler: message.handler })
      .onConflictDoNothing()
      .returning({ id: table.message_id });
    if (inserted.length === 0) {
      const [row] = await tx.select({ result: table.result }).from(table).where(sql`${table.message_id} = ${message.id}`);
      return { applied: false, result: (row?.result ?? null) as T };
    }
    const result = await effect(tx);
    await tx
      .update(table)
      .set({ result: (result ?? null) as unknown })
      .where(sql`${table.message_id} = ${message.id}`);
    return { applied: true, result };
  });
}
