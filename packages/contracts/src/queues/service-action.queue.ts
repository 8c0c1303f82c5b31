import { z } from 'zod';
import { defineQueue, job, standardJobOptions } from '../define.js';
import { HierarchyChangedBatchSchema } from '../messages/hierarchy-changed.js';
import { OrderClassifiedBatchSchema } from '../messages/order-classified.js';
import {
  CancelActionCommandSchema, CreateActionCommandSchema, CreateCustomerCommandSchema, CreateInteractionCommandSchema, CustomerSchema,
  EraseCustomerCommandSchema, ExecuteActionCommandSchema, InspectionCompletedSchema, InteractionSchema, LinkActionOrderCommandSchema,
  OutboundStatusChangedSchema, ReturnReceivedSchema, ReturnStatusChangedSchema, RetryReturnCommandSchema, ReviewDecidedSchema,
  ServiceActionSchema, UpdateActionCommandSchema, UpdateCustomerCommandSchema, UpdateInteractionCommandSchema,
} from '../messages/service-action.js';

/**
 * Queue of the service-action service: order and hierarchy facts (customers, automatic actions),
 * agent commands (customers, interactions, actions, executions) and the events of the returns and
 * hub services that move actions through their statuses.
 */
export const serviceActionQueue = defineQueue({
  name: 'service-action',
  consumer: 'service-action',
  jobs: {
    'order-classified': job({ payload: OrderClassifiedBatchSchema, description: 'Classified orders: customer aggregates, automatic actions, following source orders.' }),
    'hierarchy-changed': job({ payload: HierarchyChangedBatchSchema, description: 'Hierarchy facts: the sub order of actions linked to a main.' }),
    'create-action': job({ payload: CreateActionCommandSchema, result: ServiceActionSchema, description: 'Command: open a service action (creates the customer when unknown; requests the return pickup).' }),
    'update-action': job({ payload: UpdateActionCommandSchema, result: ServiceActionSchema, description: 'Command: change editable fields of an action.' }),
    'cancel-action': job({ payload: CancelActionCommandSchema, result: ServiceActionSchema, description: 'Command: cancel an action (before the product is received).' }),
    'link-order': job({ payload: LinkActionOrderCommandSchema, result: ServiceActionSchema, description: 'Command: link an action to a main order of its customer.' }),
    'retry-return': job({ payload: RetryReturnCommandSchema, result: ServiceActionSchema, description: 'Command: request the return pickup again after it failed or was rejected.' }),
    'execute-action': job({ payload: ExecuteActionCommandSchema, result: ServiceActionSchema, description: 'Command: repair, replace a part, replace the unit or refund (guarded).' }),
    'create-customer': job({ payload: CreateCustomerCommandSchema, result: CustomerSchema, description: 'Command: create a customer (who may have no orders).' }),
    'update-customer': job({ payload: UpdateCustomerCommandSchema, result: CustomerSchema, description: "Command: update a customer's managed fields." }),
    'erase-customer': job({ payload: EraseCustomerCommandSchema, result: CustomerSchema, description: 'Command: anonymize personal data, keep aggregates.' }),
    'create-interaction': job({ payload: CreateInteractionCommandSchema, result: InteractionSchema, description: 'Command: record a customer interaction.' }),
    'update-interaction': job({ payload: UpdateInteractionCommandSchema, result: InteractionSchema, description: 'Command: update or close an interaction.' }),
    'return-status-changed': job({ payload: ReturnStatusChangedSchema, description: 'Returns: the pickup of an action changed status.' }),
    'outbound-status-changed': job({ payload: OutboundStatusChangedSchema, description: 'Returns: the outbound delivery of an action changed status.' }),
    'return-received': job({ payload: ReturnReceivedSchema, description: 'Hub: the return was scanned at a hub.' }),
    'inspection-completed': job({ payload: InspectionCompletedSchema, description: 'Hub: inspection done (review required or not).' }),
    'review-decided': job({ payload: ReviewDecidedSchema, description: 'Hub: a team leader decided a review.' }),
    'refresh-segments': job({ payload: z.object({}), description: 'Repeatable: customers whose segment changes with time alone (new → regular after the new-customer window).' }),
  },
  defaultJobOptions: standardJobOptions,
});
