import { normalizePhone } from '@hvar/bosta';
import { hierarchyQueue, type DetectionRun, type JobPayload } from '@hvar/contracts';
import { AppError, writeOutbox } from '@hvar/platform';
import { outbox } from '../db/schema.js';
import type { SqlTx } from '../db/sql.js';
import { activeRun, insertRun } from './runs.repo.js';

type DetectCommand = JobPayload<typeof hierarchyQueue, 'detect'>;

/**
 * Starts a re-detection run (every customer, or the one of `phone`, any spelling) and queues its
 * execution through the outbox, in one transaction. A run of the same scope that is still queued or
 * running is answered instead of a second one. A malformed phone is 400, a phone without orders 404.
 */
export async function requestDetection(tx: SqlTx, cmd: DetectCommand): Promise<DetectionRun> {
  const phone = cmd.phone === undefined ? null : normalizePhone(cmd.phone);
  if (cmd.phone !== undefined && phone === null) {
    throw new AppError('invalid_data', `phone "${cmd.phone}" is not an Egyptian mobile number`, { errors: [{ path: 'phone', message: 'not an Egyptian mobile number' }] });
  }
  // One request at a time decides whether a run already exists (no check-then-insert race).
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('hierarchy:detect', 0))`);
  if (phone !== null) {
    const [row] = await tx.query<{ found: boolean }>('select exists (select 1 from hierarchy.orders where phone = $1) as found', [phone]);
    if (!row?.found) throw new AppError('not_found', `no orders for phone ${cmd.phone}`, { code: 'customer_not_found' });
  }
  const active = await activeRun(tx, phone);
  if (active) return active;
  const run = await insertRun(tx, { phone, requested_by: cmd.requested_by });
  await writeOutbox(tx.db, outbox, { contract: hierarchyQueue, name: 'execute-detection', payload: { run_id: run.id } });
  return run;
}
