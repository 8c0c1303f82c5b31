import { defineQueue, job, standardJobOptions } from '../define.js';
import { OrderChangedBatchSchema } from '../messages/order-changed.js';

/** Queue of the returns service (it follows its own tracking numbers in `order-changed`). */
export const returnsQueue = defineQueue({
  name: 'returns',
  consumer: 'returns',
  jobs: {
    'order-changed': job({ payload: OrderChangedBatchSchema, description: 'A batch of orders that changed in the order book (from sync).' }),
  },
  defaultJobOptions: standardJobOptions,
});
