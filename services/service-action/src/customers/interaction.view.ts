import type { Interaction } from '@hvar/contracts';
import { iso, isoCol, type Query } from './customer.view.js';

/** Columns of `service_action.interactions i` that `toInteraction` reads. */
export const INTERACTION_COLUMNS = `i.interaction_id, i.phone, i.interaction_type, i.subject, i.description, i.priority, i.status,
  i.assigned_agent, i.customer_satisfaction::text as customer_satisfaction, i.resolution_time_hours::text as resolution_time_hours,
  i.follow_up_date::text as follow_up_date, i.follow_up_notes, i.created_by, ${isoCol('i.created_at', 'created_at')},
  ${isoCol('i.updated_at', 'updated_at')}, ${isoCol('i.resolved_at', 'resolved_at')}`;

/** An interaction row as `INTERACTION_COLUMNS` reads it. */
export interface InteractionRow {
  interaction_id: string;
  phone: string;
  interaction_type: string;
  subject: string;
  description: string | null;
  priority: string;
  status: string;
  assigned_agent: string | null;
  customer_satisfaction: string | null;
  resolution_time_hours: string | null;
  follow_up_date: string | null;
  follow_up_notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** A stored interaction → the API shape. */
export function toInteraction(r: InteractionRow): Interaction {
  return {
    interaction_id: r.interaction_id, customer_phone: r.phone, interaction_type: r.interaction_type as Interaction['interaction_type'],
    subject: r.subject, description: r.description, priority: r.priority as Interaction['priority'], status: r.status as Interaction['status'],
    assigned_agent: r.assigned_agent, customer_satisfaction: num(r.customer_satisfaction), resolution_time_hours: num(r.resolution_time_hours),
    follow_up_date: r.follow_up_date, follow_up_notes: r.follow_up_notes, created_by: r.created_by,
    created_at: iso(r.created_at), updated_at: iso(r.updated_at), resolved_at: r.resolved_at === null ? null : iso(r.resolved_at),
  };
}

/** One interaction of a customer, or null. */
export async function findInteraction(q: Query, phone: string, interactionId: string): Promise<Interaction | null> {
  const [row] = await q.query<InteractionRow>(
    `select ${INTERACTION_COLUMNS} from service_action.interactions i where i.interaction_id = $1 and i.phone = $2`, [interactionId, phone]);
  return row ? toInteraction(row) : null;
}
