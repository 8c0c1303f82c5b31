import { randomUUID } from 'node:crypto';
import { createRedis, type Logger } from '@hvar/platform';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Principal } from './auth.js';

/** What ended or changed: one API key or session (by its hash), or everything a user holds. */
export const CredentialChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['key', 'session']), hash: z.string().min(1) }),
  z.object({ kind: z.literal('user'), id: z.string().min(1) }),
]);
export type CredentialChange = z.infer<typeof CredentialChange>;

/** A change as sent on the channel; `from` lets an instance skip its own. */
const Broadcast = z.object({ from: z.string(), change: CredentialChange });

/** A credential as the database knows it; `expiresAt` ends it by itself (a session). */
export interface Credential {
  principal: Principal | undefined;
  expiresAt?: Date;
}

/**
 * Remembers which principal an API key or session hash stands for, so a request costs no database
 * query. Every change to a credential is applied here and broadcast to the other gateway instances
 * (Redis pub/sub); while this instance cannot hear those broadcasts it looks every credential up.
 */
export interface PrincipalCache {
  /** The principal behind a presented credential, from memory when fresh, else from `load`. */
  resolve(kind: 'key' | 'session', hash: string, load: () => Promise<Credential>): Promise<Principal | undefined>;
  /** Call after the database change: forgets the credential here and on every other instance. */
  forget(change: CredentialChange): Promise<void>;
  /** Resolves once broadcasts are heard, i.e. once the cache is in use (at once when disabled). */
  readonly listening: Promise<void>;
  close(): Promise<void>;
}

export interface PrincipalCacheOptions {
  /** How long an entry lives at most; 0 disables the cache (changes are still broadcast). */
  ttlMs: number;
  maxEntries?: number;
  redisUrl: string;
  /** The shared connection the broadcasts are published on. */
  redis: Redis;
  prefix: string;
  log: Logger;
}

interface Entry {
  principal: Principal | undefined;
  until: number;
}

/** Redis pub/sub channel of credential changes, under the gateway's queue prefix. */
export const credentialChannel = (prefix: string): string => `${prefix}:gateway:credentials`;

/** Bounded map of fresh entries. Every entry lives at most the TTL, so the oldest insert goes first when full. */
function createEntries(maxEntries: number) {
  const entries = new Map<string, Entry>();
  return {
    get(key: string): Entry | undefined {
      const hit = entries.get(key);
      if (!hit || hit.until > Date.now()) return hit;
      entries.delete(key);
      return undefined;
    },
    set(key: string, entry: Entry): void {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value ?? '');
      entries.set(key, entry);
    },
    drop(change: CredentialChange): void {
      if (change.kind !== 'user') {
        entries.delete(`${change.kind}:${change.hash}`);
        return;
      }
      for (const [key, entry] of entries) {
        if (entry.principal?.kind === 'user' && entry.principal.id === change.id) entries.delete(key);
      }
    },
    clear: () => entries.clear(),
  };
}

/** Connection name of the subscriber (visible in `CLIENT LIST`). */
export const credentialListenerName = (prefix: string): string => `${prefix}-gateway-credentials`;

/** Builds the cache and, when enabled, subscribes to the credential channel on a connection of its own. */
export function createPrincipalCache(opts: PrincipalCacheOptions): PrincipalCache {
  const instance = randomUUID();
  const channel = credentialChannel(opts.prefix);
  const entries = createEntries(opts.maxEntries ?? 10_000);
  const inflight = new Map<string, Promise<Principal | undefined>>();
  // Bumped by every change: a lookup that started before a change must not be remembered after it.
  let epoch = 0;
  let heard = false;

  const reset = (change?: CredentialChange): void => {
    epoch += 1;
    inflight.clear();
    if (change) entries.drop(change);
    else entries.clear();
  };

  const fill = async (key: string, load: () => Promise<Credential>): Promise<Principal | undefined> => {
    const started = epoch;
    const found = await load();
    if (heard && epoch === started) {
      const until = Math.min(Date.now() + opts.ttlMs, found.expiresAt?.getTime() ?? Infinity);
      entries.set(key, { principal: found.principal, until });
    }
    return found.principal;
  };

  const subscriber = opts.ttlMs > 0 ? createRedis(opts.redisUrl, 'worker', credentialListenerName(opts.prefix)) : undefined;
  const listening = subscriber ? listen(subscriber, channel, instance, opts.log, {
    onMessage: reset,
    // Broadcasts sent while we were not subscribed are lost: start from nothing, and bypass until back.
    onState: (up) => {
      heard = up;
      reset();
    },
  }) : Promise.resolve();

  return {
    listening,
    async resolve(kind, hash, load) {
      if (!heard) return (await load()).principal;
      const key = `${kind}:${hash}`;
      const hit = entries.get(key);
      if (hit) return hit.principal;
      let pending = inflight.get(key);
      if (!pending) {
        const started = fill(key, load);
        const done = (): void => {
          if (inflight.get(key) === started) inflight.delete(key);
        };
        void started.then(done, done);
        inflight.set(key, started);
        pending = started;
      }
      return pending;
    },
    async forget(change) {
      reset(change);
      try {
        await opts.redis.publish(channel, JSON.stringify({ from: instance, change }));
      } catch (err) {
        // The change is in the database already; other instances then see it within their TTL.
        opts.log.warn({ err, change: change.kind }, 'could not broadcast a credential change');
      }
    },
    async close() {
      heard = false;
      subscriber?.removeAllListeners('ready');
      await subscriber?.quit();
    },
  };
}

/** Subscribes on every (re)connect; reports whether broadcasts are heard and hands over the changes of other instances. */
function listen(sub: Redis, channel: string, self: string, log: Logger, on: { onMessage(change?: CredentialChange): void; onState(up: boolean): void }): Promise<void> {
  sub.on('message', (got: string, text: string) => {
    if (got !== channel) return;
    const parsed = Broadcast.safeParse(safeJson(text));
    if (!parsed.success) {
      log.warn({ channel }, 'unreadable credential change: forgetting every cached principal');
      on.onMessage();
    } else if (parsed.data.from !== self) {
      on.onMessage(parsed.data.change);
    }
  });
  sub.on('close', () => on.onState(false));
  return new Promise((resolve) => {
    const subscribe = (): void => {
      sub.subscribe(channel).then(() => {
        on.onState(true);
        resolve();
      }, (err: unknown) => log.warn({ err }, 'credential channel subscription failed; retried on reconnect'));
    };
    sub.on('ready', subscribe);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
