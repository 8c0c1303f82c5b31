import { defineQueue, job, standardJobOptions } from '../define.js';
import { OutboundRequestedSchema, ReturnRequestedSchema } from '../messages/service-action.js';

/**
 * Queue of the returns service (issue 6 builds the consumer): return pickups and outbound deliveries
 * to create at Bosta. Until the service exists its jobs wait here; nothing is lost.
 */
export const returnsQueue = defineQueue({
  name: 'returns',
  consumer: 'returns',
  jobs: {
    'return-requested': job({ payload: ReturnRequestedSchema, description: 'Create the return pickup (type 25) of a service action.' }),
    'outbound-requested': job({ payload: OutboundRequestedSchema, description: 'Ship the repaired product or the replacement (type 10 or 30).' }),
  },
  defaultJobOptions: standardJobOptions,
});
