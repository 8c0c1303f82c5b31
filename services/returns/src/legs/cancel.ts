import type { CancelReturnSchema } from '@hvar/contracts';
import type { z } from 'zod';
import { poolQuery } from '@hvar/platform';
import type { ReturnsDeps } from '../deps.js';
import { eventsOf, writeMessages } from './events.js';
import { inTx } from './record.js';
import { addHistory, LEG_COLUMNS, queryLegs } from './store.js';
import { terminateLeg, type TerminateOutcome } from './terminate.js';

type CancelReturn = z.infer<typeof CancelReturnSchema>;

/** What `cancel-return` did, per leg. */
export interface CancelOutcome {
  cancelled: string[];
  terminated: string[];
  kept: { return_id: string; why: TerminateOutcome }[];
}

const OPEN = ['pending', 'created', 'picked_up', 'in_transit'];

/**
 * `cancel-return`: the case was cancelled. Its pickups not yet at Bosta (`pending`) are cancelled in
 * one statement (a `create-leg` still queued then does nothing); those created at Bosta are
 * terminated there, which Bosta refuses once the courier has the parcel (the leg is kept, with a
 * note). Every status change emits its event once; running it again changes no status twice.
 */
export async function cancelReturn(deps: ReturnsDeps, cmd: CancelReturn): Promise<CancelOutcome> {
  const reason = `case cancelled: ${cmd.reason}`;
  const cancelled = await inTx(deps, async (tx) => {
    const rows = await queryLegs(tx, 
      `update returns.legs l set status = 'cancelled', updated_at = now()
        where l.action_id = $1 and l.leg = 'pickup' and l.status = 'pending' and l.tracking_number is null
        returning ${LEG_COLUMNS}`,
      [cmd.action_id],
    );
    const at = deps.now();
    await addHistory(tx, rows.map((r) => ({ return_id: r.return_id, status: 'cancelled', bosta_state_code: null, at, note: reason })));
    await writeMessages(tx, rows.flatMap((leg) => eventsOf({ leg, status: 'cancelled', at, error: null, trackingGained: false })));
    return rows.map((r) => r.return_id);
  });
  const atBosta = await queryLegs(poolQuery(deps.database.pool), 
    `select ${LEG_COLUMNS} from returns.legs l
      where l.action_id = $1 and l.leg = 'pickup' and l.tracking_number is not null and l.status = any($2::text[]) order by l.created_at`,
    [cmd.action_id, OPEN],
  );
  const outcome: CancelOutcome = { cancelled, terminated: [], kept: [] };
  for (const leg of atBosta) {
    const done = await terminateLeg(deps, leg, reason);
    if (done === 'terminated') outcome.terminated.push(leg.return_id);
    else outcome.kept.push({ return_id: leg.return_id, why: done });
  }
  return outcome;
}
