import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineQueue, job, standardJobOptions, type JobName, type JobPayload, type JobPayloadInput, type JobResult } from './define.js';

const jobs = { 'return-created': job({ description: 'x', payload: z.object({ id: z.string() }) }) };

function queueNamed(name: string) {
  return () => defineQueue({ name, consumer: 'test', defaultJobOptions: standardJobOptions, jobs });
}

describe('defineQueue', () => {
  it.each(['returns', 'order-lifecycle', 'hub2-inbox'])('accepts the kebab-case queue name %j', (name) => {
    expect(queueNamed(name)().name).toBe(name);
  });

  it.each(['returns:commands', 'bull:returns', 'Returns', 'order_lifecycle', 'order--lifecycle', '-returns', 'returns-', '2fa', ''])(
    'rejects the queue name %j',
    (name) => {
      expect(queueNamed(name)).toThrow(/must be kebab-case/);
    },
  );

  it.each(['create-return', 'create-return.v2'])('accepts the job name %j', (name) => {
    const contract = defineQueue({ name: 'returns', consumer: 'test', defaultJobOptions: standardJobOptions, jobs: { [name]: jobs['return-created'] } });
    expect(Object.keys(contract.jobs)).toEqual([name]);
  });

  it.each(['create:return', 'createReturn', 'create_return', 'create-return.2', 'create-return.v'])('rejects the job name %j', (name) => {
    const define = () => defineQueue({ name: 'returns', consumer: 'test', defaultJobOptions: standardJobOptions, jobs: { [name]: jobs['return-created'] } });
    expect(define).toThrow(/job name .* must be kebab-case/);
  });

  it('rejects fewer than one attempt', () => {
    const define = () => defineQueue({ name: 'returns', consumer: 'test', defaultJobOptions: { ...standardJobOptions, attempts: 0 }, jobs });
    expect(define).toThrow(/attempts must be >= 1/);
  });

  it('job() defaults the result to null', () => {
    expect(jobs['return-created'].result.parse(null)).toBeNull();
  });
});

describe('contract types', () => {
  const contract = defineQueue({
    name: 'returns',
    consumer: 'returns',
    defaultJobOptions: standardJobOptions,
    jobs: {
      'create-return': job({
        description: 'x',
        payload: z.object({ order_id: z.string(), reason: z.enum(['damaged', 'wrong-item']), note: z.string().default('') }),
        result: z.object({ return_id: z.string() }),
      }),
      'cancel-return': job({ description: 'x', payload: z.object({ return_id: z.string() }) }),
    },
  });
  type Q = typeof contract;

  it('derives job names, payloads (input and parsed) and results from the schemas', () => {
    expectTypeOf<JobName<Q>>().toEqualTypeOf<'create-return' | 'cancel-return'>();
    expectTypeOf<JobPayload<Q, 'create-return'>>().toEqualTypeOf<{ order_id: string; reason: 'damaged' | 'wrong-item'; note: string }>();
    expectTypeOf<JobPayloadInput<Q, 'create-return'>>().toEqualTypeOf<{ order_id: string; reason: 'damaged' | 'wrong-item'; note?: string | undefined }>();
    expectTypeOf<JobResult<Q, 'create-return'>>().toEqualTypeOf<{ return_id: string }>();
    expectTypeOf<JobResult<Q, 'cancel-return'>>().toEqualTypeOf<null>();
    expect(Object.keys(contract.jobs)).toEqual(['create-return', 'cancel-return']);
  });

  it('rejects a contract without default job options or with removeOnFail: true', () => {
    // @ts-expect-error defaultJobOptions is required: retries are set per contract
    const noOptions = () => defineQueue({ name: 'returns', consumer: 'x', jobs });
    const removeOnFail = () =>
      defineQueue({
        name: 'returns',
        consumer: 'x',
        jobs,
        // @ts-expect-error removeOnFail: true would empty the dead-letter queue
        defaultJobOptions: { ...standardJobOptions, removeOnFail: true },
      });
    expect(typeof noOptions).toBe('function');
    expect(typeof removeOnFail).toBe('function');
  });
});
