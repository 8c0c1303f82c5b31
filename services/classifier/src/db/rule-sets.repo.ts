import type { ClassificationRule, RuleSet, RuleSetInput } from '@hvar/contracts';
import type { Tx } from '@hvar/platform';
import { sql } from 'drizzle-orm';
import { createRuleEngine, type RuleEngine } from '../domain/rule-engine.js';
import { ruleSets } from './schema.js';

/** A row of `classifier.rule_sets`. */
export type RuleSetRow = typeof ruleSets.$inferSelect;

/**
 * Advisory lock guarding "which rule set is active". Writers of classifications hold it shared while
 * they classify; publishing holds it exclusively, so a batch either commits with the old version
 * before the publication (and the re-classify run, queued after it, revisits the order) or sees the
 * new version.
 */
const RULES_LOCK = sql`hashtext('classifier:rule-sets')`;

/** Takes the rules lock shared (order-changed batches, re-classify chunks). */
export async function lockRulesShared(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${RULES_LOCK})`);
}

/** Takes the rules lock exclusively (publication). */
export async function lockRulesExclusive(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${RULES_LOCK})`);
}

/** The active version (in a statement of its own, after the lock: it must see a publication that just committed). */
export async function activeVersion(tx: Tx): Promise<number | undefined> {
  const res = await tx.execute<{ version: number }>(sql`select version from ${ruleSets} where active`);
  return res.rows[0]?.version;
}

/** One stored version. */
export async function ruleSetByVersion(tx: Tx, version: number): Promise<RuleSetRow | undefined> {
  const rows = await tx.select().from(ruleSets).where(sql`${ruleSets.version} = ${version}`);
  return rows[0];
}

/** A stored rule set as the API shows it. */
export function toRuleSet(row: RuleSetRow): RuleSet {
  return {
    version: row.version,
    active: row.active,
    parameters: row.parameters,
    rules: row.rules as ClassificationRule[],
    notes: row.notes,
    published_by: row.published_by,
    published_at: row.published_at.toISOString(),
    reclassify_run_id: row.reclassify_run_id,
  };
}

/** Compiled engines by version: a version never changes once stored, so each is compiled once. */
export interface RuleEngines {
  forVersion(tx: Tx, version: number): Promise<RuleEngine>;
}

/** Creates the per-process engine cache. */
export function createRuleEngines(): RuleEngines {
  const engines = new Map<number, RuleEngine>();
  return {
    async forVersion(tx, version) {
      const cached = engines.get(version);
      if (cached) return cached;
      const row = await ruleSetByVersion(tx, version);
      if (!row) throw new Error(`rule set v${version} does not exist`);
      const engine = createRuleEngine(version, { parameters: row.parameters, rules: row.rules as ClassificationRule[] });
      engines.set(version, engine);
      return engine;
    },
  };
}

/**
 * Stores `input` as version 1, active, when no rule set exists yet (fresh database); does nothing
 * otherwise, so it is safe on every start and from several replicas at once.
 */
export async function seedRuleSet(tx: Tx, input: RuleSetInput): Promise<boolean> {
  const res = await tx.execute(sql`
    insert into ${ruleSets} (version, parameters, rules, notes, active, published_by)
    select 1, ${JSON.stringify(input.parameters)}::jsonb, ${JSON.stringify(input.rules)}::jsonb, ${input.notes ?? null}, true, 'system'
    where not exists (select 1 from ${ruleSets})
    on conflict do nothing`);
  return (res.rowCount ?? 0) > 0;
}
