import { defineQueue, job, standardJobOptions } from '../define.js';
import { OrderChangedBatchSchema } from '../messages/order-changed.js';

/** Queue of the classifier service. */
export const classifierQueue = defineQueue({
  name: 'classifier',
  consumer: 'classifier',
  jobs: {
    'order-changed': job({ payload: OrderChangedBatchSchema, description: 'A batch of orders that changed in the order book (from sync).' }),
  },
  defaultJobOptions: standardJobOptions,
});
