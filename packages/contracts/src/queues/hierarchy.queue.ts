import { z } from 'zod';
import { defineQueue, job, standardJobOptions } from '../define.js';
import { DetectCommandSchema, DetectionRunSchema, HierarchyLinkSchema, LinkCommandSchema, UnlinkCommandSchema } from '../messages/hierarchy-commands.js';
import { OrderClassifiedBatchSchema } from '../messages/order-classified.js';

/** Queue of the hierarchy service: classified orders, link/unlink commands, re-detection runs. */
export const hierarchyQueue = defineQueue({
  name: 'hierarchy',
  consumer: 'hierarchy',
  jobs: {
    'order-classified': job({ payload: OrderClassifiedBatchSchema, description: 'Classified orders: re-evaluates only the customers they touch.' }),
    link: job({ payload: LinkCommandSchema, result: HierarchyLinkSchema, description: 'Command: manual link of a sub to a main of the same customer (locked).' }),
    unlink: job({ payload: UnlinkCommandSchema, result: HierarchyLinkSchema, description: "Command: deactivate a sub's active link (kept in history) and lock it unlinked." }),
    detect: job({ payload: DetectCommandSchema, result: DetectionRunSchema, description: 'Command: start a re-detection run (every customer, or one).' }),
    'execute-detection': job({ payload: z.object({ run_id: z.uuid() }), description: 'Runs (or resumes) a re-detection run customer chunk by chunk.' }),
  },
  defaultJobOptions: standardJobOptions,
});
