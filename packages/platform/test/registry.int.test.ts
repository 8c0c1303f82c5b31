import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announceService, listServices, pruneServices, STALE_AFTER_MS, type ServiceAnnouncement } from '../src/index.js';
import { createTestInfra, deletePrefix, waitFor, type TestInfra } from '../src/testing/index.js';

let infra: TestInfra;

beforeAll(async () => {
  infra = await createTestInfra('registry');
});
afterEach(() => deletePrefix(infra.producerRedis, infra.prefix));
afterAll(() => infra?.close());

function info(name: string, instance: string): Omit<ServiceAnnouncement, 'seen_at'> {
  return {
    name,
    instance,
    version: '1.2.3',
    internal_url: 'http://127.0.0.1:8101',
    queues: [name],
    started_at: new Date().toISOString(),
  };
}

describe('service registry', () => {
  it('announces instances, lists them with freshness, and forgets an instance that stopped', async () => {
    const returns = announceService(infra.producerRedis, infra.prefix, info('returns', 'aaaa'));
    const hub = announceService(infra.producerRedis, infra.prefix, info('hub', 'bbbb'));
    const listed = await waitFor(async () => {
      const services = await listServices(infra.producerRedis, infra.prefix);
      return services.length === 2 ? services : undefined;
    });
    expect(listed.map((s) => `${s.name}/${s.instance}`).sort()).toEqual(['hub/bbbb', 'returns/aaaa']);
    expect(listed.every((s) => !s.stale)).toBe(true);
    expect(listed.find((s) => s.name === 'returns')).toMatchObject({ version: '1.2.3', queues: ['returns'] });

    // Seen from the future, past the stale limit, the heartbeats are too old.
    const later = await listServices(infra.producerRedis, infra.prefix, Date.now() + STALE_AFTER_MS + 1_000);
    expect(later.every((s) => s.stale)).toBe(true);

    await returns.stop();
    expect((await listServices(infra.producerRedis, infra.prefix)).map((s) => s.name)).toEqual(['hub']);
    await hub.stop();
    expect(await listServices(infra.producerRedis, infra.prefix)).toEqual([]);
  });

  it('skips unreadable entries and prunes instances silent for too long', async () => {
    const fresh = announceService(infra.producerRedis, infra.prefix, info('returns', 'cccc'));
    const old: ServiceAnnouncement = { ...info('returns', 'dead'), seen_at: new Date(Date.now() - 3_600_000).toISOString() };
    await infra.producerRedis.hset(`${infra.prefix}:services`, 'returns/dead', JSON.stringify(old), 'garbage/x', '{not json');
    await waitFor(async () => (await listServices(infra.producerRedis, infra.prefix)).length === 2);

    const services = await listServices(infra.producerRedis, infra.prefix);
    expect(services.map((s) => [s.instance, s.stale]).sort()).toEqual([['cccc', false], ['dead', true]]);
    expect(await pruneServices(infra.producerRedis, infra.prefix, 60_000)).toBe(1);
    expect((await listServices(infra.producerRedis, infra.prefix)).map((s) => s.instance)).toEqual(['cccc']);
    await fresh.stop();
  });
});
