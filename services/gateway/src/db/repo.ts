import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Principal } from '../http/auth.js';
import type { Role } from '../domain/roles.js';
import { apiKeys, auditLog, operations, sessions, users } from './schema.js';

export type UserRow = typeof users.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type OperationRow = typeof operations.$inferSelect;

/** A keyset cursor: rows older than (created_at, id). */
export interface Cursor {
  created_at: Date;
  id: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Every query on the `gateway` schema. Nothing else touches these tables. */
export function createGatewayRepo(db: NodePgDatabase) {
  return {
    async principalForApiKey(keyHash: string): Promise<Principal | undefined> {
      const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.key_hash, keyHash), isNull(apiKeys.revoked_at)));
      if (!row) return undefined;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
        // Best effort and off the request path: a lost timestamp update is harmless.
        void db.update(apiKeys).set({ last_used_at: new Date() }).where(eq(apiKeys.id, row.id)).catch(() => undefined);
      }
      return { kind: 'api_key', id: row.id, role: row.role, name: row.name };
    },

    /** The user behind a live session, and when the session ends; undefined when unknown, expired or the user is disabled. */
    async principalForSession(tokenHash: string): Promise<{ principal: Principal; expires_at: Date } | undefined> {
      const [row] = await db
        .select({ id: users.id, role: users.role, name: users.name, expires_at: sessions.expires_at })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.user_id))
        .where(and(eq(sessions.token_hash, tokenHash), gt(sessions.expires_at, new Date()), isNull(users.disabled_at)));
      if (!row) return undefined;
      const { expires_at, ...user } = row;
      return { principal: { kind: 'user', ...user }, expires_at };
    },

    /** Makes sure an admin key with this hash exists and is active (bootstrap from env). */
    async ensureApiKey(input: { keyHash: string; prefix: string; name: string; role: Role }): Promise<void> {
      await db
        .insert(apiKeys)
        .values({ key_hash: input.keyHash, key_prefix: input.prefix, name: input.name, role: input.role, created_by: 'system' })
        .onConflictDoUpdate({ target: apiKeys.key_hash, set: { revoked_at: null, role: input.role } });
    },

    async countUsers(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
      return row?.n ?? 0;
    },

    /** Inserts a user; undefined when the email is taken (unique index, no check-then-insert). */
    async createUser(input: { email: string; name: string; role: Role; password_hash: string; must_change_password: boolean }): Promise<UserRow | undefined> {
      const [row] = await db.insert(users).values(input).onConflictDoNothing().returning();
      return row;
    },

    async getUser(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async getUserByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row;
    },

    async listUsers(limit: number, after?: Cursor): Promise<UserRow[]> {
      return db.select().from(users).where(olderThan(users, after)).orderBy(desc(users.created_at), desc(users.id)).limit(limit);
    },

    async updateUser(id: string, patch: Partial<Pick<UserRow, 'name' | 'role' | 'password_hash' | 'must_change_password' | 'disabled_at'>>): Promise<UserRow | undefined> {
      const [row] = await db.update(users).set({ ...patch, updated_at: new Date() }).where(eq(users.id, id)).returning();
      return row;
    },

    async createSession(input: { token_hash: string; user_id: string; expires_at: Date }): Promise<void> {
      await db.insert(sessions).values(input);
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.token_hash, tokenHash));
    },

    async deleteUserSessions(userId: string, exceptHash?: string): Promise<void> {
      const except = exceptHash ? sql`${sessions.token_hash} <> ${exceptHash}` : undefined;
      await db.delete(sessions).where(and(eq(sessions.user_id, userId), except));
    },

    async createApiKey(input: { name: string; role: Role; key_hash: string; key_prefix: string; created_by: string }): Promise<ApiKeyRow> {
      const [row] = await db.insert(apiKeys).values(input).returning();
      if (!row) throw new Error('api key insert returned no row');
      return row;
    },

    async listApiKeys(limit: number, after?: Cursor): Promise<ApiKeyRow[]> {
      return db.select().from(apiKeys).where(olderThan(apiKeys, after)).orderBy(desc(apiKeys.created_at), desc(apiKeys.id)).limit(limit);
    },

    async revokeApiKey(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db
        .update(apiKeys)
        .set({ revoked_at: sql`coalesce(${apiKeys.revoked_at}, now())` })
        .where(eq(apiKeys.id, id))
        .returning();
      return row;
    },

    /** Records a command; returns the existing row when the principal reused an idempotency key. */
    async claimOperation(input: Pick<OperationRow, 'queue' | 'job_name' | 'job_id' | 'principal' | 'idempotency_key' | 'request_hash'>): Promise<{ row: OperationRow; created: boolean }> {
      const [created] = await db.insert(operations).values(input).onConflictDoNothing().returning();
      if (created) return { row: created, created: true };
      const [existing] = await db
        .select()
        .from(operations)
        .where(and(eq(operations.queue, input.queue), eq(operations.job_id, input.job_id)));
      if (!existing) throw new Error('operation conflict without an existing row');
      return { row: existing, created: false };
    },

    async deleteOperation(id: string): Promise<void> {
      await db.delete(operations).where(and(eq(operations.id, id), eq(operations.status, 'pending')));
    },

    async getOperation(id: string): Promise<OperationRow | undefined> {
      const [row] = await db.select().from(operations).where(eq(operations.id, id));
      return row;
    },

    async finishOperation(id: string, outcome: { status: 'completed' | 'failed'; http_status: number; result?: unknown; error?: unknown }): Promise<void> {
      await db
        .update(operations)
        .set({ ...outcome, finished_at: new Date() })
        .where(and(eq(operations.id, id), eq(operations.status, 'pending')));
    },

    async audit(entry: typeof auditLog.$inferInsert): Promise<void> {
      await db.insert(auditLog).values(entry);
    },
  };
}

export type GatewayRepo = ReturnType<typeof createGatewayRepo>;

function olderThan(table: typeof users | typeof apiKeys, after: Cursor | undefined) {
  if (!after) return undefined;
  return or(lt(table.created_at, after.created_at), and(eq(table.created_at, after.created_at), lt(table.id, after.id)));
}
