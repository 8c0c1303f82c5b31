import type { OrderClassificationView, ServiceType } from '@hvar/contracts';
import { desc, eq, or, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { egpOf } from '../domain/money.js';
import { classificationHistory, classifications } from '../db/schema.js';

type ClassificationRow = typeof classifications.$inferSelect;
type HistoryRow = typeof classificationHistory.$inferSelect;

/** An order by Bosta `_id` or tracking number (an id match wins over a tracking-number match). */
export async function classificationByRef(db: NodePgDatabase, ref: string): Promise<ClassificationRow | undefined> {
  const [row] = await db
    .select()
    .from(classifications)
    .where(or(eq(classifications.order_id, ref), eq(classifications.tracking_number, ref)))
    .orderBy(sql`${classifications.order_id} = ${ref} desc`)
    .limit(1);
  return row;
}

/** An order's classification history, newest first. */
export async function historyOf(db: NodePgDatabase, orderId: string): Promise<HistoryRow[]> {
  return db.select().from(classificationHistory).where(eq(classificationHistory.order_id, orderId)).orderBy(desc(classificationHistory.revision), desc(classificationHistory.id));
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The read view of an order: facts, current classification, history. */
export function toView(row: ClassificationRow, history: HistoryRow[]): OrderClassificationView {
  return {
    order_id: row.order_id,
    tracking_number: row.tracking_number,
    facts: {
      receiver_phone: row.receiver_phone, type_code: row.type_code, state_code: row.state_code, state_at: row.state_at.toISOString(),
      cod: egpOf(row.cod_piastres), created_at: row.created_at.toISOString(), delivered_at: iso(row.delivered_at), returned_at: iso(row.returned_at),
      product_name: row.product_name, business_reference: row.business_reference, unique_business_reference: row.unique_business_reference,
    },
    classification: {
      business_category: row.business_category, service_type: row.service_type as ServiceType, order_level: row.order_level,
      rule_id: row.rule_id, rule_set_version: row.rule_set_version,
    },
    revision: row.revision,
    classified_at: row.classified_at.toISOString(),
    history: history.map(toHistoryEntry),
  };
}

function toHistoryEntry(h: HistoryRow): OrderClassificationView['history'][number] {
  const from =
    h.from_rule_id === null
      ? null
      : {
          business_category: h.from_business_category ?? '', service_type: h.from_service_type as ServiceType, order_level: h.from_order_level ?? 0,
          rule_id: h.from_rule_id, rule_set_version: h.from_rule_set_version ?? 0,
        };
  return {
    revision: h.revision,
    cause: h.cause as OrderClassificationView['history'][number]['cause'],
    from,
    to: { business_category: h.to_business_category, service_type: h.to_service_type as ServiceType, order_level: h.to_order_level, rule_id: h.to_rule_id, rule_set_version: h.to_rule_set_version },
    state_code: h.state_code,
    at: h.at.toISOString(),
  };
}
