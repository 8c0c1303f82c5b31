import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceService, closeServer, createRedis, listen, waitForRedis } from '@hvar/platform';
import express from 'express';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryCache, forwardGet, type ServiceClientDeps } from '../src/http/service-client.js';

// Forwarded reads find services through the registry in Redis, remembered for REGISTRY_CACHE_MS.
// The long cache below makes sure only the refresh on a refused connection can explain a new URL.
const LONG_MS = 60_000;

let redis: Redis;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests with `npm test`, which starts Redis');
  redis = createRedis(url, 'producer');
  await waitForRedis(redis);
});
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});
afterAll(async () => {
  await redis.quit();
});

/** A read API answering `GET /ping` with `{ from }`. */
async function startProbe(from: string): Promise<{ url: string; stop(): Promise<void> }> {
  const app = express();
  app.get('/ping', (_req, res) => res.json({ from }));
  const server: Server = await listen(app, 0, '127.0.0.1');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await closeServer(server);
  };
  stops.push(stop);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop };
}

/** Announces `url` as instance `one` of `name` (a restarted service keeps its instance name). */
function announce(prefix: string, name: string, url: string): { stop(): Promise<void> } {
  const a = announceService(redis, prefix, { name, instance: 'one', version: 'test', internal_url: url, queues: [], started_at: new Date().toISOString() });
  stops.push(() => a.stop());
  return a;
}

function client(cacheMs: number): ServiceClientDeps & { prefix: string } {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  return { redis, prefix, timeoutMs: 2_000, registry: createRegistryCache(redis, prefix, cacheMs) };
}

/** Waits until the announcement is in Redis (`announceService` writes without waiting). */
async function announced(prefix: string, url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (Object.values(await redis.hgetall(`${prefix}:services`)).some((v) => v.includes(url))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} was never announced`);
}

describe('registry cache of forwarded reads', () => {
  it('remembers the registry: an instance gone from it is still used until REGISTRY_CACHE_MS', async () => {
    const deps = client(LONG_MS);
    const a = await startProbe('a');
    const announcement = announce(deps.prefix, 'probe', a.url);
    await announced(deps.prefix, a.url);
    expect(await forwardGet(deps, 'probe', '/ping')).toEqual({ from: 'a' });
    await announcement.stop();
    expect(await forwardGet(deps, 'probe', '/ping')).toEqual({ from: 'a' });
  });

  it('REGISTRY_CACHE_MS=0 reads the registry for every request', async () => {
    const deps = client(0);
    const a = await startProbe('a');
    const announcement = announce(deps.prefix, 'probe', a.url);
    await announced(deps.prefix, a.url);
    expect(await forwardGet(deps, 'probe', '/ping')).toEqual({ from: 'a' });
    await announcement.stop();
    await expect(forwardGet(deps, 'probe', '/ping')).rejects.toThrow(/probe service is not available \(not running\)/);
  });

  it('a service restarted on another URL is used at once after the remembered one refuses the connection', async () => {
    const deps = client(LONG_MS);
    const a = await startProbe('a');
    const first = announce(deps.prefix, 'probe', a.url);
    await announced(deps.prefix, a.url);
    expect(await forwardGet(deps, 'probe', '/ping')).toEqual({ from: 'a' });

    await a.stop();
    await first.stop();
    const b = await startProbe('b');
    announce(deps.prefix, 'probe', b.url);
    await announced(deps.prefix, b.url);
    expect(await forwardGet(deps, 'probe', '/ping')).toEqual({ from: 'b' });
  });

  it('a service that starts after the registry was remembered is found at once', async () => {
    const deps = client(LONG_MS);
    const other = await startProbe('other');
    announce(deps.prefix, 'other', other.url);
    await announced(deps.prefix, other.url);
    expect(await forwardGet(deps, 'other', '/ping')).toEqual({ from: 'other' });
    const late = await startProbe('late');
    announce(deps.prefix, 'late', late.url);
    await announced(deps.prefix, late.url);
    expect(await forwardGet(deps, 'late', '/ping')).toEqual({ from: 'late' });
  });

  it('a stopped service with nothing new in the registry is a 503, after one fresh look', async () => {
    const deps = client(LONG_MS);
    const a = await startProbe('a');
    announce(deps.prefix, 'probe', a.url);
    await announced(deps.prefix, a.url);
    expect(await forwardGet(deps, 'probe', '/ping')).toEqual({ from: 'a' });
    await a.stop();
    await expect(forwardGet(deps, 'probe', '/ping')).rejects.toMatchObject({ type: 'dependency_unavailable', status: 503 });
  });

  it('a service stopped on purpose (gone from the registry) is "not running" at once, despite the remembered URL', async () => {
    const deps = client(LONG_MS);
    const a = await startProbe('a');
    const announcement = announce(deps.prefix, 'probe', a.url);
    await announced(deps.prefix, a.url);
    expect(await forwardGet(deps, 'probe', '/ping')).toEqual({ from: 'a' });
    await a.stop();
    await announcement.stop();
    await expect(forwardGet(deps, 'probe', '/ping')).rejects.toThrow(/probe service is not available \(not running\)/);
  });
});
