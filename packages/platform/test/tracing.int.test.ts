import { randomUUID } from 'node:crypto';
import { defineQueue, job, standardJobOptions } from '@hvar/contracts';
import { trace } from '@opentelemetry/api';
import { QueueEvents } from 'bullmq';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, createProducer, createRedis, createWorker, startTelemetry } from '../src/index.js';

// One trace follows a message from the producer's span into the consumer's handler (bullmq-otel).
const telemetry = startTelemetry({ service: 'trace-test', version: 'test' });
const redisUrl = process.env.REDIS_URL ?? '';
const prefix = `trace-${randomUUID().slice(0, 8)}`;
const contract = defineQueue({
  name: 'trace-test',
  consumer: 'test',
  defaultJobOptions: standardJobOptions,
  jobs: { 'note-taken': job({ description: 'test', payload: z.object({ n: z.number() }), result: z.object({ traceId: z.string() }) }) },
});
const producerRedis = createRedis(redisUrl, 'producer');
const workerRedis = createRedis(redisUrl, 'worker');

afterAll(async () => {
  await producerRedis.quit();
  await workerRedis.quit();
  await telemetry.shutdown();
});

describe('trace propagation through jobs', () => {
  it('the handler runs in the trace of the span that enqueued the job, and logs carry its id', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _enc, cb) => { lines.push(chunk.toString()); cb(); } });
    const log = createLogger({ service: 'trace-test', destination });
    const producer = createProducer(contract, { connection: producerRedis, prefix, telemetryName: 'producer' });
    const worker = createWorker(
      contract,
      {
        'note-taken': (_p, ctx) => {
          ctx.log.info('handling');
          return Promise.resolve({ traceId: trace.getActiveSpan()?.spanContext().traceId ?? 'none' });
        },
      },
      { connection: workerRedis, prefix, log, telemetryName: 'consumer' },
    );
    const events = new QueueEvents(contract.name, { connection: workerRedis, prefix });
    await events.waitUntilReady();
    const tracer = trace.getTracer('test');
    const { traceId, added } = await tracer.startActiveSpan('http request', async (span) => {
      const added = await producer.add('note-taken', { n: 1 });
      span.end();
      return { traceId: span.spanContext().traceId, added };
    });
    const result = (await added.waitUntilFinished(events, 10_000)) as { traceId: string };
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.traceId).toBe(traceId);
    const handling = lines.map((l) => JSON.parse(l) as { msg: string; trace_id?: string; jobId?: string }).find((l) => l.msg === 'handling');
    expect(handling?.trace_id).toBe(traceId);
    expect(handling?.jobId).toBe(added.id);
    await worker.close();
    await events.close();
    await producer.queue.obliterate({ force: true });
    await producer.close();
  });
});
