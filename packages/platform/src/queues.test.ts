import { defineQueue, job, standardJobOptions } from '@hvar/contracts';
import type { Job } from 'bullmq';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { parsePayload, type Handlers, type Producer } from './queues.js';

const returns = defineQueue({
  name: 'returns',
  consumer: 'returns',
  defaultJobOptions: standardJobOptions,
  jobs: {
    'create-return': job({
      description: 'x',
      payload: z.object({ order_id: z.string().min(1), quantity: z.number().int().positive(), note: z.string().default('') }),
      result: z.object({ return_id: z.string() }),
    }),
    'cancel-return': job({ description: 'x', payload: z.object({ return_id: z.string() }) }),
  },
});
type Returns = typeof returns;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('parsePayload', () => {
  it('returns the parsed payload with defaults applied', () => {
    expect(parsePayload(returns, 'create-return', { order_id: 'o-1', quantity: 2 })).toEqual({ order_id: 'o-1', quantity: 2, note: '' });
  });

  it('throws invalid_data naming every bad field', () => {
    const err = thrown(() => parsePayload(returns, 'create-return', { order_id: '', quantity: 1.5 }));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).type).toBe('invalid_data');
    expect((err as AppError).message).toMatch(/order_id: .*; quantity: /);
  });

  it('names the first 10 issues of a large payload and counts the rest', () => {
    const items = Array.from({ length: 25 }, () => ({}));
    const bulk = defineQueue({
      name: 'bulk', consumer: 'bulk', defaultJobOptions: standardJobOptions,
      jobs: { 'bulk-return': job({ description: 'x', payload: z.object({ items: z.array(z.object({ sku: z.string() })) }) }) },
    });
    const err = thrown(() => parsePayload(bulk, 'bulk-return', { items }));
    const message = (err as AppError).message;
    expect(message).toContain('items.9.sku');
    expect(message).not.toContain('items.10.sku');
    expect(message).toMatch(/; and 15 more$/);
  });

  it.each(['no-such-job', 'toString', 'constructor', '__proto__'])('throws invalid_data for the unknown job name %j', (name) => {
    const err = thrown(() => parsePayload(returns, name as 'cancel-return', { return_id: 'r' }));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain(`has no job "${name}"`);
  });
});

describe('producer and handler types', () => {
  it('a producer only accepts the contract job names with their payloads', () => {
    const typeChecks = (producer: Producer<Returns>): Promise<Job>[] => [
      producer.add('create-return', { order_id: 'o-1', quantity: 1 }),
      // @ts-expect-error wrong payload type: quantity is a number
      producer.add('create-return', { order_id: 'o-1', quantity: '1' }),
      // @ts-expect-error missing required field
      producer.add('create-return', { order_id: 'o-1' }),
      // @ts-expect-error payload of another job
      producer.add('create-return', { return_id: 'r-1' }),
      // @ts-expect-error unknown job name
      producer.add('delete-return', { return_id: 'r-1' }),
    ];
    expect(typeof typeChecks).toBe('function');
  });

  it('handlers must cover every job and return its result type', () => {
    const complete: Handlers<Returns> = {
      'create-return': (payload) => {
        expectTypeOf(payload).toEqualTypeOf<{ order_id: string; quantity: number; note: string }>();
        return Promise.resolve({ return_id: `r-${payload.order_id}` });
      },
      'cancel-return': () => Promise.resolve(null),
    };
    // @ts-expect-error the handler of cancel-return is missing
    const missing: Handlers<Returns> = { 'create-return': () => Promise.resolve({ return_id: 'r' }) };
    const wrongResult: Handlers<Returns> = {
      // @ts-expect-error the result does not match the contract's result schema
      'create-return': () => Promise.resolve({ id: 'r' }),
      'cancel-return': () => Promise.resolve(null),
    };
    const noResult: Handlers<Returns> = {
      'create-return': () => Promise.resolve({ return_id: 'r' }),
      // @ts-expect-error a job declared without result must answer null, not something else
      'cancel-return': () => Promise.resolve({ cancelled: true }),
    };
    expect(Object.keys(complete)).toEqual(['create-return', 'cancel-return']);
    expect([missing, wrongResult, noResult]).toHaveLength(3);
  });
});
