import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, createMetrics, createOpsApp, createRedis, listen, pingDatabase, pingRedis, type ReadinessCheck } from '../src/index.js';
import { createTestInfra, type TestInfra } from '../src/testing/index.js';

let infra: TestInfra;

beforeAll(async () => {
  infra = await createTestInfra('ops');
});
afterAll(() => infra?.close());

/** Serves an ops app on a free port for the duration of `fn`. */
async function withOpsServer(checks: Record<string, ReadinessCheck>, fn: (base: string) => Promise<void>): Promise<void> {
  const metrics = createMetrics('ops-test');
  metrics.jobOutcomes.inc({ queue: 'returns', job: 'create-return', status: 'completed' });
  const app = createOpsApp({ service: 'ops-test', version: '9.9.9', checks, metrics, checkTimeoutMs: 500 });
  const server: Server = await listen(app, 0, '127.0.0.1');
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await closeServer(server);
  }
}

interface ReadyBody {
  ready: boolean;
  service: string;
  checks: Record<string, { ok: boolean; error?: string }>;
}

describe('ops HTTP', () => {
  const realChecks = (): Record<string, ReadinessCheck> => ({
    postgres: () => pingDatabase(infra.database),
    redis: () => pingRedis(infra.producerRedis),
  });

  it('/healthz answers 200 with the service and version', async () => {
    await withOpsServer(realChecks(), async (base) => {
      const res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', service: 'ops-test', version: '9.9.9' });
    });
  });

  it('/readyz is 200 when every dependency answers', async () => {
    await withOpsServer(realChecks(), async (base) => {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as ReadyBody;
      expect(body).toMatchObject({ ready: true, checks: { postgres: { ok: true }, redis: { ok: true } } });
    });
  });

  it('/readyz is 503 naming the check that failed (unreachable Redis, hanging check)', async () => {
    // Nothing listens on port 1: a fail-fast producer connection rejects the PING at once.
    const unreachable = createRedis('redis://127.0.0.1:1', 'producer', 'ops-test-unreachable');
    try {
      const checks = { ...realChecks(), cache: () => pingRedis(unreachable), slow: () => new Promise<void>(() => undefined) };
      await withOpsServer(checks, async (base) => {
        const res = await fetch(`${base}/readyz`);
        expect(res.status).toBe(503);
        const body = (await res.json()) as ReadyBody;
        expect(body.ready).toBe(false);
        expect(body.checks.postgres?.ok).toBe(true);
        expect(body.checks.cache).toMatchObject({ ok: false, error: expect.any(String) as string });
        expect(body.checks.slow).toEqual(expect.objectContaining({ ok: false, error: 'slow check timed out' }));
      });
    } finally {
      unreachable.disconnect();
    }
  });

  it('/metrics exposes the job counters in Prometheus text format', async () => {
    await withOpsServer(realChecks(), async (base) => {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toContain('# TYPE hvar_jobs_total counter');
      expect(text).toMatch(/hvar_jobs_total\{queue="returns",job="create-return",status="completed",service="ops-test"\} 1/);
      expect(text).toContain('# TYPE hvar_job_duration_seconds histogram');
    });
  });
});
