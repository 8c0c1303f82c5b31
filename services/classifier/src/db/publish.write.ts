import { classifierQueue, type RuleSet, type RuleSetInput } from '@hvar/contracts';
import { writeOutbox, type Tx } from '@hvar/platform';
import { sql } from 'drizzle-orm';
import { lockRulesExclusive, toRuleSet } from './rule-sets.repo.js';
import { outbox, ruleSets } from './schema.js';

/**
 * Stores a validated rule set as version N+1 and makes it the only active one, supersedes any
 * re-classify run still queued or running, creates the run of the new version and queues its
 * `reclassify-all` job through the outbox, all in the caller's transaction. Holds the rules lock
 * exclusively: batches being classified finish first, later ones see the new version.
 */
export async function publishRuleSet(tx: Tx, input: RuleSetInput, publishedBy: string): Promise<RuleSet> {
  await lockRulesExclusive(tx);
  const next = await tx.execute<{ version: number }>(sql`select coalesce(max(version), 0) + 1 as version from classifier.rule_sets`);
  const version = next.rows[0]?.version ?? 1;
  await tx.execute(sql`update classifier.rule_sets set active = false where active`);
  await tx.execute(sql`
    update classifier.reclassify_runs set status = 'superseded', finished_at = now(),
      last_error = ${`superseded by rule set v${version}`}
    where status in ('queued', 'running')`);
  const run = await tx.execute<{ id: string }>(sql`insert into classifier.reclassify_runs (rule_set_version) values (${version}) returning id`);
  const runId = run.rows[0]?.id;
  if (!runId) throw new Error('reclassify run insert returned no row');
  const [row] = await tx
    .insert(ruleSets)
    .values({ version, parameters: input.parameters, rules: input.rules, notes: input.notes ?? null, active: true, published_by: publishedBy, reclassify_run_id: runId })
    .returning();
  if (!row) throw new Error('rule set insert returned no row');
  await writeOutbox(tx, outbox, { contract: classifierQueue, name: 'reclassify-all', payload: { run_id: runId } });
  return toRuleSet(row);
}
