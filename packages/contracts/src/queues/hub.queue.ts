import { defineQueue, job, standardJobOptions } from '../define.js';
import {
  CaseCancelledSchema, ConfirmWorkflowCommandSchema, CreateWorkflowCommandSchema, HubWorkflowSchema, InspectCommandSchema, ReturnCreatedSchema,
  ReviewCommandSchema, ScanCommandSchema, ScanResultSchema, UpdateWorkflowCommandSchema,
} from '../messages/returns-hub.js';
import { ReturnStatusChangedSchema } from '../messages/service-action.js';

/** Queue of the hub service: returns it expects, their status, and the hub's commands. */
export const hubQueue = defineQueue({
  name: 'hub',
  consumer: 'hub',
  jobs: {
    'return-created': job({ payload: ReturnCreatedSchema, description: 'A return pickup exists at Bosta: a workflow waits for the parcel.' }),
    'return-status-changed': job({ payload: ReturnStatusChangedSchema, description: "The pickup's status (the expected-returns list shows it)." }),
    'case-cancelled': job({ payload: CaseCancelledSchema, description: 'The case was cancelled: its workflow is cancelled and a scan is refused.' }),
    scan: job({ payload: ScanCommandSchema, result: ScanResultSchema, description: 'Command: the parcel was scanned at a hub (idempotent for a repeated scan).' }),
    inspect: job({ payload: InspectCommandSchema, result: HubWorkflowSchema, description: 'Command: the inspection of a scanned return (review rule applied).' }),
    review: job({ payload: ReviewCommandSchema, result: HubWorkflowSchema, description: "Command: a team leader's decision on a review." }),
    'create-workflow': job({ payload: CreateWorkflowCommandSchema, result: HubWorkflowSchema, description: 'Command: register an expected return by hand.' }),
    'update-workflow': job({ payload: UpdateWorkflowCommandSchema, result: HubWorkflowSchema, description: 'Command: assign the hub or agent of a workflow.' }),
    'confirm-workflow': job({ payload: ConfirmWorkflowCommandSchema, result: HubWorkflowSchema, description: 'Command: confirm an inspected workflow whose review is settled.' }),
  },
  defaultJobOptions: standardJobOptions,
});
