import type { SqlTx } from '@hvar/platform';

/** Interaction statuses that close it (they set `resolved_at` and count for satisfaction). */
export const DONE_STATUSES = ['resolved', 'closed'];

/**
 * The customer's satisfaction score becomes the average `customer_satisfaction` of their resolved
 * or closed interactions (2 decimals; null when none has one), unless an agent set the score.
 */
export async function recomputeSatisfaction(tx: SqlTx, phone: string, now: Date): Promise<void> {
  await tx.query(
    `update service_action.customers c set satisfaction_score = s.score, updated_at = $2::timestamptz
     from (select round(avg(customer_satisfaction), 2) as score from service_action.interactions
           where phone = $1 and status = any($3::text[]) and customer_satisfaction is not null) s
     where c.phone = $1 and not ('satisfaction_score' = any(c.managed_fields)) and c.satisfaction_score is distinct from s.score`,
    [phone, now.toISOString(), DONE_STATUSES],
  );
}
