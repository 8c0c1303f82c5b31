import { serviceActionQueue, type JobPayload, type hubQueue } from '@hvar/contracts';
import { writeOutbox, type SqlTx } from '@hvar/platform';
import { outbox } from '../db/schema.js';
import type { HubDeps } from '../deps.js';
import { onScan } from '../domain/transitions.js';
import { lockByTracking, recordTransitions, refused, stateOf, workflowView } from './store.js';

type ScanCommand = JobPayload<typeof hubQueue, 'scan'>;

/** What a scan answers: the workflow and whether the parcel had been scanned before. */
export interface ScanOutcome {
  workflow: Awaited<ReturnType<typeof workflowView>>;
  repeated: boolean;
}

/**
 * The parcel was scanned at a hub. The first scan records hub, agent and time, passes `scanning` to
 * `inspecting`, marks the return delivered to the hub and emits `return-received` (the case moves to
 * `return_received`). A repeat is logged in `scans` and answered with `repeated: true`; nothing else
 * changes. An unknown code is a 404 (`unknown_return`), a cancelled case a 409 (`case_cancelled`).
 */
export async function scanReturn(tx: SqlTx, cmd: ScanCommand, deps: HubDeps): Promise<ScanOutcome> {
  const row = await lockByTracking(tx, cmd.return_tracking_number);
  const decision = onScan(stateOf(row));
  if (!decision.ok) throw refused(row, decision.refusal);
  const at = deps.now();
  const repeated = decision.next === 'repeat';
  await tx.query(
    `insert into hub.scans (workflow_id, hub_name, hub_agent, repeated, status, requested_by, at) values ($1, $2, $3, $4, $5, $6, $7)`,
    [row.workflow_id, cmd.hub_name, cmd.hub_agent, repeated, row.status, cmd.requested_by, at],
  );
  if (decision.next === 'repeat') return { workflow: await workflowView(tx, row.workflow_id), repeated: true };

  await tx.query(
    `update hub.workflows set status = 'inspecting', hub_name = $2, hub_agent = $3, scanned_at = $4, inspection_started_at = $4,
            return_status = 'delivered_to_hub', updated_at = $4 where workflow_id = $1`,
    [row.workflow_id, cmd.hub_name, cmd.hub_agent, at],
  );
  await recordTransitions(tx, row, decision.next.path, `hub_agent:${cmd.hub_agent}`, `scanned at ${cmd.hub_name}`, at);
  await writeOutbox(tx.db, outbox, {
    contract: serviceActionQueue,
    name: 'return-received',
    payload: {
      event_id: `return-received:${row.workflow_id}`, action_id: row.action_id, workflow_id: row.workflow_id, return_tracking_number: row.return_tracking_number,
      hub_name: cmd.hub_name, hub_agent: cmd.hub_agent, at: at.toISOString(),
    },
  });
  return { workflow: await workflowView(tx, row.workflow_id), repeated: false };
}
