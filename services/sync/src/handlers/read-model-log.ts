import type { ApplyOutcome, JobContext } from '@hvar/platform';
import type { FactsOutcome } from '../db/write/read-model-write.js';

/** Logs what a read-model batch did. */
export function logFactsOutcome(ctx: JobContext, kind: string, outcome: ApplyOutcome<FactsOutcome>): void {
  if (!outcome.applied) {
    ctx.log.debug({ kind }, 'read-model batch already applied (redelivery)');
    return;
  }
  const r = outcome.result;
  ctx.log.debug({ kind, received: r.received, applied: r.applied, stale: r.stale }, 'read-model batch applied');
}
