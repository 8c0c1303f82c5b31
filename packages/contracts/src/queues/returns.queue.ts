import { defineQueue, job, standardJobOptions } from '../define.js';
import { OrderChangedBatchSchema } from '../messages/order-changed.js';
import { CancelReturnSchema, CreateLegSchema } from '../messages/returns-hub.js';
import { OutboundRequestedSchema, ReturnRequestedSchema } from '../messages/service-action.js';

/**
 * Queue of the returns service: return pickups and outbound deliveries to create at Bosta (from
 * service-action), its own create jobs, and the order changes of the deliveries it created.
 */
export const returnsQueue = defineQueue({
  name: 'returns',
  consumer: 'returns',
  jobs: {
    'return-requested': job({ payload: ReturnRequestedSchema, description: 'Create the return pickup (type 25) of a service action.' }),
    'outbound-requested': job({ payload: OutboundRequestedSchema, description: 'Ship the repaired product or the replacement (type 10 or 30).' }),
    'cancel-return': job({ payload: CancelReturnSchema, description: 'The case was cancelled: terminate its pickup at Bosta when still possible.' }),
    'create-leg': job({ payload: CreateLegSchema, description: 'Create (or, after an ambiguous failure, find) the delivery of a leg at Bosta; retried on 429/5xx.' }),
    'order-changed': job({ payload: OrderChangedBatchSchema, description: 'Order changes from sync: the status of the legs this service created.' }),
  },
  defaultJobOptions: standardJobOptions,
});
