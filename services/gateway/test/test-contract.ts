import { randomUUID } from 'node:crypto';
import { defineQueue, job, standardJobOptions } from '@hvar/contracts';
import { z } from 'zod';
import { commandRoute } from '../src/commands/command-route.js';
import type { GatewayDeps } from '../src/deps.js';

/** A queue contract of our own, so the command pattern is tested without any real service. */
export function makeTestContract() {
  return defineQueue({
    name: `gw-test-${randomUUID().slice(0, 8)}`,
    consumer: 'test',
    defaultJobOptions: { ...standardJobOptions, attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    jobs: {
      'echo-note': job({
        description: 'Echoes a note',
        payload: z.object({ note: z.string().min(1), count: z.number().int().min(0) }),
        result: z.object({ note: z.string(), count: z.number() }),
      }),
      'slow-note': job({ description: 'Takes a while', payload: z.object({ ms: z.number().int() }), result: z.object({ waited: z.number() }) }),
      'refuse-note': job({ description: 'Always refuses', payload: z.object({ reason: z.string() }) }),
    },
  });
}

export type TestContract = ReturnType<typeof makeTestContract>;

const EchoBody = z.strictObject({ note: z.string().min(1).max(100), count: z.number().int().min(0).default(0) });

/** Command routes on the test contract, mounted only in tests. */
export function testCommandRoutes(contract: TestContract) {
  return [
    commandRoute<GatewayDeps, TestContract, 'echo-note', undefined, z.infer<typeof EchoBody>>({
      path: '/api/v1/test/notes', summary: 'Echo a note (test only)', tag: 'Test', access: ['agent'], contract, job: 'echo-note',
      body: EchoBody, toPayload: (b) => ({ note: b.note, count: b.count }), successStatus: 201,
    }),
    commandRoute<GatewayDeps, TestContract, 'slow-note', undefined, { ms: number }>({
      path: '/api/v1/test/slow-notes', summary: 'Slow command (test only)', tag: 'Test', access: ['agent'], contract, job: 'slow-note',
      body: z.strictObject({ ms: z.number().int().min(0).max(10_000) }), toPayload: (b) => b,
    }),
    commandRoute<GatewayDeps, TestContract, 'refuse-note', undefined, { reason: string }>({
      path: '/api/v1/test/refused-notes', summary: 'Failing command (test only)', tag: 'Test', access: ['agent'], contract, job: 'refuse-note',
      body: z.strictObject({ reason: z.string() }), toPayload: (b) => b,
    }),
  ];
}
