import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, classified, phone, startServiceActionStack, type ServiceActionStack } from './harness.js';

const DAY = 86_400_000;
let clock = new Date(T0 + 10 * DAY);
let stack: ServiceActionStack;

beforeAll(async () => {
  stack = await startServiceActionStack({ deps: { now: () => clock } });
});
afterAll(async () => {
  await stack.close();
});

describe('refresh-segments (segments that change with time alone)', () => {
  it('a new customer with two orders becomes regular once the first order leaves the window; one-order customers stay new', async () => {
    await stack.send([
      classified({ id: 'ts-1', phone: phone(501), day: 0 }), classified({ id: 'ts-2', phone: phone(501), day: 5 }),
      classified({ id: 'ts-3', phone: phone(502), day: 1 }),
    ]);
    const segments = async () => (await stack.database.pool.query<{ phone: string; segment: string }>('select phone, segment from service_action.customers order by phone')).rows;
    expect(await segments()).toEqual([{ phone: phone(501), segment: 'new' }, { phone: phone(502), segment: 'new' }]);
    const factsBefore = (await stack.outboxOf('sync', 'service-facts')).length;

    clock = new Date(T0 + 29 * DAY);
    expect((await stack.run('refresh-segments', {})).ok).toBe(true);
    expect(await segments()).toEqual([{ phone: phone(501), segment: 'new' }, { phone: phone(502), segment: 'new' }]);

    clock = new Date(T0 + 31 * DAY);
    expect((await stack.run('refresh-segments', {})).ok).toBe(true);
    expect(await segments()).toEqual([{ phone: phone(501), segment: 'regular' }, { phone: phone(502), segment: 'new' }]);
    const { rows: history } = await stack.database.pool.query(`select from_segment, to_segment from service_action.segment_history where phone = $1 order by id`, [phone(501)]);
    expect(history.at(-1)).toEqual({ from_segment: 'new', to_segment: 'regular' });
    const facts = await stack.outboxOf('sync', 'service-facts');
    expect(facts.length).toBe(factsBefore + 1);
    expect(facts.at(-1)?.payload.customers).toEqual([expect.objectContaining({ phone: phone(501), segment: 'regular' })]);
  });
});
