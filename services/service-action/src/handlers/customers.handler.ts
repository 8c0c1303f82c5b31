import type { Customer, Interaction, JobPayload, serviceActionQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import { createCustomer, eraseCustomer, updateCustomer } from '../customers/commands.js';
import { createInteraction, updateInteraction } from '../customers/interactions.js';
import type { ServiceActionDeps } from '../deps.js';
import { onceForJob } from './once.js';

type Cmd<N extends 'create-customer' | 'update-customer' | 'erase-customer' | 'create-interaction' | 'update-interaction'> =
  JobPayload<typeof serviceActionQueue, N>;

/**
 * The agents' customer commands (profile, erasure, interactions), each applied once per job id (the
 * gateway's Idempotency-Key becomes the job id). A refusal rolls everything back.
 */
export function customerCommandHandlers(deps: ServiceActionDeps) {
  return {
    'create-customer': (cmd: Cmd<'create-customer'>, ctx: JobContext): Promise<Customer> =>
      onceForJob(deps, 'create-customer', ctx, (tx) => createCustomer(tx, cmd, deps.now())),
    'update-customer': (cmd: Cmd<'update-customer'>, ctx: JobContext): Promise<Customer> =>
      onceForJob(deps, 'update-customer', ctx, (tx) => updateCustomer(tx, cmd, deps.now())),
    'erase-customer': (cmd: Cmd<'erase-customer'>, ctx: JobContext): Promise<Customer> =>
      onceForJob(deps, 'erase-customer', ctx, (tx) => eraseCustomer(tx, cmd, deps.now())),
    'create-interaction': (cmd: Cmd<'create-interaction'>, ctx: JobContext): Promise<Interaction> =>
      onceForJob(deps, 'create-interaction', ctx, (tx) => createInteraction(tx, cmd, deps.now())),
    'update-interaction': (cmd: Cmd<'update-interaction'>, ctx: JobContext): Promise<Interaction> =>
      onceForJob(deps, 'update-interaction', ctx, (tx) => updateInteraction(tx, cmd, deps.now())),
  };
}
