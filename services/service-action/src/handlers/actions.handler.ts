import type { JobPayload, ServiceAction, serviceActionQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import { cancelAction, linkActionOrder, retryReturn, updateAction } from '../actions/commands.js';
import { createAction } from '../actions/create.js';
import { executeAction } from '../actions/execute.js';
import type { ServiceActionDeps } from '../deps.js';
import { onceForJob } from './once.js';

type Cmd<N extends 'create-action' | 'update-action' | 'cancel-action' | 'link-order' | 'retry-return' | 'execute-action'> = JobPayload<typeof serviceActionQueue, N>;

/**
 * The agents' action commands, each applied once per job id (the gateway's Idempotency-Key becomes
 * the job id, so the same request twice opens one case). A refusal rolls everything back.
 */
export function actionCommandHandlers(deps: ServiceActionDeps) {
  return {
    'create-action': (cmd: Cmd<'create-action'>, ctx: JobContext): Promise<ServiceAction> => onceForJob(deps, 'create-action', ctx, (tx) => createAction(tx, cmd, deps)),
    'update-action': (cmd: Cmd<'update-action'>, ctx: JobContext): Promise<ServiceAction> => onceForJob(deps, 'update-action', ctx, (tx) => updateAction(tx, cmd)),
    'cancel-action': (cmd: Cmd<'cancel-action'>, ctx: JobContext): Promise<ServiceAction> => onceForJob(deps, 'cancel-action', ctx, (tx) => cancelAction(tx, cmd, deps)),
    'link-order': (cmd: Cmd<'link-order'>, ctx: JobContext): Promise<ServiceAction> => onceForJob(deps, 'link-order', ctx, (tx) => linkActionOrder(tx, cmd)),
    'retry-return': (cmd: Cmd<'retry-return'>, ctx: JobContext): Promise<ServiceAction> => onceForJob(deps, 'retry-return', ctx, (tx) => retryReturn(tx, cmd, deps)),
    'execute-action': (cmd: Cmd<'execute-action'>, ctx: JobContext): Promise<ServiceAction> => onceForJob(deps, 'execute-action', ctx, (tx) => executeAction(tx, cmd, deps)),
  };
}
