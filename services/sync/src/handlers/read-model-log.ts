import type { ApplyOutcome, JobContext } from '@hvar/platform';
import type { FactsOutcome } from '../db/write/read-model-write.js';

/** Logs what a read-model batch did; facts parked for unknown orders are worth a warning. */
export function logFactsOutcome(ctx: JobContext, kind: string, outcome: ApplyOutcome<FactsOutcome>): void {
  if (!outcome.applied) {
    ctx.log.debug({ kind }, 'read-model batch already applied (redelivery)');
    return;
  }
  const r = outcome.result;
  if (r.parked > 0) ctx.log.warn({ kind, parked: r.parked }, 'facts for orders sync does not have yet: parked until the order is written');
  ctx.log.debug({ kind, received: r.received, applied: r.applied, stale: r.stale, unparked: r.unparked }, 'read-model batch applied');
}
