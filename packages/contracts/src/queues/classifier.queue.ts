import { z } from 'zod';
import { defineQueue, job, standardJobOptions } from '../define.js';
import { RuleSetInputSchema, RuleSetSchema } from '../messages/classification-rules.js';
import { OrderChangedBatchSchema } from '../messages/order-changed.js';

/** Queue of the classifier service. */
export const classifierQueue = defineQueue({
  name: 'classifier',
  consumer: 'classifier',
  jobs: {
    'order-changed': job({ payload: OrderChangedBatchSchema, description: 'A batch of orders that changed in the order book (from sync).' }),
    'publish-rules': job({
      payload: z.object({ rule_set: RuleSetInputSchema, published_by: z.string().min(1) }),
      result: RuleSetSchema,
      description: 'Command: validate and activate a new rule-set version, then re-classify every order.',
    }),
    'reclassify-all': job({ payload: z.object({ run_id: z.uuid() }), description: 'Re-classifies every order with the active rule set (resumable).' }),
  },
  defaultJobOptions: standardJobOptions,
});
