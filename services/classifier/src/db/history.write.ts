import type { Tx } from '@hvar/platform';
import { sql } from 'drizzle-orm';
import type { Classification } from '../domain/rule-engine.js';

/** Why a classification changed. */
export type HistoryCause = 'created' | 'state_changed' | 'updated' | 'reclassify';

/** A classification with the rule-set version that produced it. */
export type VersionedClassification = Classification & { rule_set_version: number };

/** One change to record. */
export interface HistoryEntry {
  order_id: string;
  revision: number;
  cause: HistoryCause;
  state_code: number;
  from: VersionedClassification | null;
  to: VersionedClassification;
}

/** True when the outcome differs (category, service type, level or rule); a new version alone is no change. */
export function classificationChanged(from: Classification | null, to: Classification): boolean {
  return (
    from === null ||
    from.business_category !== to.business_category ||
    from.service_type !== to.service_type ||
    from.order_level !== to.order_level ||
    from.rule_id !== to.rule_id
  );
}

/** Inserts history rows in one statement (one array per column: cheaper for PostgreSQL than a JSON recordset). */
export async function insertHistory(tx: Tx, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const column = <T>(pick: (e: HistoryEntry) => T) => sql.param(entries.map(pick));
  await tx.execute(sql`
    insert into classifier.classification_history (
      order_id, revision, cause, state_code,
      from_business_category, from_service_type, from_order_level, from_rule_id, from_rule_set_version,
      to_business_category, to_service_type, to_order_level, to_rule_id, to_rule_set_version)
    select * from unnest(
      ${column((e) => e.order_id)}::text[], ${column((e) => e.revision)}::bigint[], ${column((e) => e.cause)}::text[], ${column((e) => e.state_code)}::int[],
      ${column((e) => e.from?.business_category ?? null)}::text[], ${column((e) => e.from?.service_type ?? null)}::text[],
      ${column((e) => e.from?.order_level ?? null)}::int[], ${column((e) => e.from?.rule_id ?? null)}::text[], ${column((e) => e.from?.rule_set_version ?? null)}::int[],
      ${column((e) => e.to.business_category)}::text[], ${column((e) => e.to.service_type)}::text[], ${column((e) => e.to.order_level)}::int[],
      ${column((e) => e.to.rule_id)}::text[], ${column((e) => e.to.rule_set_version)}::int[])`);
}
