import { toSearchParams } from '@hvar/contracts';
import { currentReadVersion } from '@hvar/platform';
import type { Redis } from 'ioredis';
import type { Reply } from './route.js';
import { forwardGetText, serviceClient, type ForwardQuery, type RegistryCache } from './service-client.js';

/** At most this many answers are remembered (the oldest go first). */
const MAX_ENTRIES = 5_000;
/** …and at most this many bytes of them. */
const MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  version: string;
  /** When the read that produced it started. */
  at: number;
  body: Buffer;
}

/** What a cached read needs from the gateway's deps. */
export interface ReadCacheDeps {
  redis: Redis;
  prefix: string;
  config: { READ_CACHE_TTL_MS: number; SERVICE_READ_TIMEOUT_MS: number };
  registry: RegistryCache;
}

/**
 * Answers of a service's read API remembered per target (path and normalized query) with the read
 * model's version (`<prefix>:readver:<model>`, bumped by the owning service after every committed
 * change): an answer is reused only while the version is unchanged and it is younger than
 * `READ_CACHE_TTL_MS`. It keeps the raw JSON, sent as it came. Concurrent misses of one target share
 * one upstream read; the version unreadable (Redis down) or a TTL of 0 → every read goes upstream.
 */
export interface ReadCache {
  get(service: string, path: string, query?: ForwardQuery): Promise<Reply>;
}

function createReadCache(deps: ReadCacheDeps, model: string): ReadCache {
  const ttlMs = deps.config.READ_CACHE_TTL_MS;
  const client = serviceClient(deps);
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Buffer>>();
  let bytes = 0;

  const forget = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= old.body.length;
  };
  const remember = (key: string, entry: Entry) => {
    forget(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    for (const oldest of entries.keys()) {
      if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
      forget(oldest);
    }
  };
  const upstream = async (service: string, path: string, query: ForwardQuery) => Buffer.from(await forwardGetText(client, service, path, query));

  async function body(service: string, path: string, query: ForwardQuery): Promise<Buffer> {
    if (ttlMs === 0) return upstream(service, path, query);
    let version: string;
    try {
      version = await currentReadVersion(deps.redis, deps.prefix, model);
    } catch {
      return upstream(service, path, query);
    }
    const qs = toSearchParams(query).toString();
    const key = `${service} ${path}${qs ? `?${qs}` : ''}`;
    const hit = entries.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < ttlMs) return hit.body;
    const shared = `${version} ${key}`;
    const inFlight = pending.get(shared);
    if (inFlight) return inFlight;
    const at = Date.now();
    const read = upstream(service, path, query);
    pending.set(shared, read);
    try {
      const answer = await read;
      // A read of an older version than one remembered meanwhile is not kept over it.
      const current = entries.get(key);
      if (!current || Number(current.version) <= Number(version)) remember(key, { version, at, body: answer });
      return answer;
    } finally {
      pending.delete(shared);
    }
  }

  return {
    async get(service, path, query = {}) {
      return { status: 200, body: await body(service, path, query), headers: { 'content-type': 'application/json; charset=utf-8' } };
    },
  };
}

const caches = new WeakMap<ReadCacheDeps, Map<string, ReadCache>>();

/** The read cache of a read model for one gateway (made on first use, kept as long as its deps). */
export function readCache(deps: ReadCacheDeps, model: string): ReadCache {
  let byModel = caches.get(deps);
  if (!byModel) caches.set(deps, (byModel = new Map<string, ReadCache>()));
  let cache = byModel.get(model);
  if (!cache) byModel.set(model, (cache = createReadCache(deps, model)));
  return cache;
}
