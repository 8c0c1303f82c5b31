import type { HubWorkflow, JobPayload, hubQueue } from '@hvar/contracts';
import type { JobContext } from '@hvar/platform';
import type { HubDeps } from '../deps.js';
import { inspectReturn } from '../workflows/inspect.js';
import { confirmWorkflow, createWorkflow, updateWorkflow } from '../workflows/manage.js';
import { reviewReturn } from '../workflows/review.js';
import { scanReturn, type ScanOutcome } from '../workflows/scan.js';
import { onceForJob } from './once.js';

type Cmd<N extends 'scan' | 'inspect' | 'review' | 'create-workflow' | 'update-workflow' | 'confirm-workflow'> = JobPayload<typeof hubQueue, N>;

/**
 * The hub's commands, each applied once per job id (the gateway's Idempotency-Key becomes the job
 * id, so the same request twice scans once). A refusal rolls everything back.
 */
export function commandHandlers(deps: HubDeps) {
  return {
    scan: (cmd: Cmd<'scan'>, ctx: JobContext): Promise<ScanOutcome> => onceForJob(deps, 'scan', ctx, (tx) => scanReturn(tx, cmd, deps)),
    inspect: (cmd: Cmd<'inspect'>, ctx: JobContext): Promise<HubWorkflow> => onceForJob(deps, 'inspect', ctx, (tx) => inspectReturn(tx, cmd, deps)),
    review: (cmd: Cmd<'review'>, ctx: JobContext): Promise<HubWorkflow> => onceForJob(deps, 'review', ctx, (tx) => reviewReturn(tx, cmd, deps)),
    'create-workflow': (cmd: Cmd<'create-workflow'>, ctx: JobContext): Promise<HubWorkflow> => onceForJob(deps, 'create-workflow', ctx, (tx) => createWorkflow(tx, cmd, deps)),
    'update-workflow': (cmd: Cmd<'update-workflow'>, ctx: JobContext): Promise<HubWorkflow> => onceForJob(deps, 'update-workflow', ctx, (tx) => updateWorkflow(tx, cmd, deps)),
    'confirm-workflow': (cmd: Cmd<'confirm-workflow'>, ctx: JobContext): Promise<HubWorkflow> => onceForJob(deps, 'confirm-workflow', ctx, (tx) => confirmWorkflow(tx, cmd)),
  };
}
