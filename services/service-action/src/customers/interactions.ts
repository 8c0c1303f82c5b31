import type { Interaction, JobPayload, serviceActionQueue } from '@hvar/contracts';
import { AppError, type SqlTx } from '@hvar/platform';
import { customerNotFound, lockExisting } from './existing.js';
import { findInteraction, INTERACTION_COLUMNS, toInteraction, type InteractionRow } from './interaction.view.js';
import { DONE_STATUSES as DONE, recomputeSatisfaction } from './satisfaction.js';

type Cmd<N extends 'create-interaction' | 'update-interaction'> = JobPayload<typeof serviceActionQueue, N>;

/** `create-interaction`: records an open interaction. 404 unknown phone, 409 `customer_erased`. */
export async function createInteraction(tx: SqlTx, cmd: Cmd<'create-interaction'>, now: Date): Promise<Interaction> {
  const { erased } = await lockExisting(tx, cmd.phone);
  if (erased) throw new AppError('conflict', `Customer ${cmd.phone} was erased; no new interactions are recorded.`, { code: 'customer_erased' });
  const [row] = await tx.query<InteractionRow>(
    `insert into service_action.interactions as i (phone, interaction_type, subject, description, priority, status, assigned_agent,
       follow_up_date, follow_up_notes, created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'open', $6, $7::date, $8, $9, $10::timestamptz, $10::timestamptz)
     returning ${INTERACTION_COLUMNS}`,
    [cmd.phone, cmd.interaction_type, cmd.subject, cmd.description ?? null, cmd.priority, cmd.assigned_agent ?? null,
      cmd.follow_up_date ?? null, cmd.follow_up_notes ?? null, cmd.requested_by, now.toISOString()],
  );
  if (!row) throw new Error('interaction insert returned no row');
  return toInteraction(row);
}

/** The refusals of an interaction update, before anything is written. */
function checkUpdate(cmd: Cmd<'update-interaction'>, current: Interaction, erased: boolean): void {
  const next = cmd.changes.status;
  if (current.status === 'closed' && next !== undefined && next !== 'closed') {
    throw new AppError('conflict', `Interaction ${current.interaction_id} is closed and cannot be reopened (asked: ${next}).`, { code: 'interaction_closed' });
  }
  if (erased && (cmd.changes.description || cmd.changes.follow_up_notes)) {
    throw new AppError('conflict', `Customer ${cmd.phone} was erased; interactions take no new free text.`, { code: 'customer_erased' });
  }
}

/**
 * `update-interaction`: changes the given fields. Moving to `resolved` or `closed` from an open
 * status sets `resolved_at` and `resolution_time_hours` (from creation); reopening a resolved one
 * clears them; a closed one cannot be reopened (409 `interaction_closed`). The customer's
 * satisfaction follows (see `recomputeSatisfaction`). 404 unknown phone or interaction.
 */
export async function updateInteraction(tx: SqlTx, cmd: Cmd<'update-interaction'>, now: Date): Promise<Interaction> {
  const { erased } = await lockExisting(tx, cmd.phone);
  const current = await findInteraction(tx, cmd.phone, cmd.interaction_id);
  if (!current) throw new AppError('not_found', `No interaction ${cmd.interaction_id} for customer ${cmd.phone}.`, { code: 'interaction_not_found' });
  checkUpdate(cmd, current, erased);
  const c = cmd.changes;
  const has = (k: keyof typeof c) => Object.hasOwn(c, k);
  const [row] = await tx.query<InteractionRow>(
    `update service_action.interactions i set
       status = coalesce($3::text, i.status), priority = coalesce($4::text, i.priority),
       description = case when $5::bool then $6::text else i.description end,
       assigned_agent = case when $7::bool then $8::text else i.assigned_agent end,
       customer_satisfaction = case when $9::bool then $10::numeric else i.customer_satisfaction end,
       follow_up_date = case when $11::bool then $12::date else i.follow_up_date end,
       follow_up_notes = case when $13::bool then $14::text else i.follow_up_notes end,
       resolved_at = case when $3::text = any($15::text[]) and not (i.status = any($15::text[])) then $16::timestamptz
                          when $3::text is not null and not ($3::text = any($15::text[])) then null else i.resolved_at end,
       resolution_time_hours = case when $3::text = any($15::text[]) and not (i.status = any($15::text[]))
                                      then round((extract(epoch from ($16::timestamptz - i.created_at)) / 3600)::numeric, 2)
                                    when $3::text is not null and not ($3::text = any($15::text[])) then null else i.resolution_time_hours end,
       updated_at = $16::timestamptz
     where i.interaction_id = $1 and i.phone = $2
     returning ${INTERACTION_COLUMNS}`,
    [cmd.interaction_id, cmd.phone, c.status ?? null, c.priority ?? null, has('description'), c.description ?? null,
      has('assigned_agent'), c.assigned_agent ?? null, has('customer_satisfaction'), c.customer_satisfaction ?? null,
      has('follow_up_date'), c.follow_up_date ?? null, has('follow_up_notes'), c.follow_up_notes ?? null, DONE, now.toISOString()],
  );
  if (!row) throw customerNotFound(cmd.phone);
  await recomputeSatisfaction(tx, cmd.phone, now);
  return toInteraction(row);
}
