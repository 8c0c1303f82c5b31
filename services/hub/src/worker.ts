import { hubQueue } from '@hvar/contracts';
import { startWorker, type Handlers, type Runtime } from '@hvar/platform';
import type { Worker } from 'bullmq';
import type { HubDeps } from './deps.js';
import { commandHandlers } from './handlers/commands.handler.js';
import { eventHandlers } from './handlers/events.handler.js';

/** The hub queue's handlers, one per job name. */
export function createHubHandlers(deps: HubDeps): Handlers<typeof hubQueue> {
  return { ...eventHandlers(deps), ...commandHandlers(deps) };
}

/** Starts the hub queue's worker. */
export function startHubWorker(runtime: Runtime, deps: HubDeps, opts: { concurrency: number }): Worker {
  return startWorker(runtime, hubQueue, createHubHandlers(deps), { concurrency: opts.concurrency });
}
