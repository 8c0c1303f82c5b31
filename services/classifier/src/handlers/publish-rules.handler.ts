import type { JobPayload, RuleSet, classifierQueue } from '@hvar/contracts';
import { AppError, applyOnce, type JobContext } from '@hvar/platform';
import { publishRuleSet } from '../db/publish.write.js';
import { retryTransaction } from '@hvar/platform';
import { inbox } from '../db/schema.js';
import type { ClassifierDeps } from '../deps.js';
import { validateRuleSet } from '../domain/validate-rule-set.js';

type PublishPayload = JobPayload<typeof classifierQueue, 'publish-rules'>;

/** `publish-rules`: see `publishRules`; the job id keys the inbox. */
export function publishRulesHandler(deps: ClassifierDeps) {
  return async (payload: PublishPayload, ctx: JobContext): Promise<RuleSet> => {
    const result = await publishRules(deps, payload, ctx.jobId);
    ctx.log.info({ version: result.version, runId: result.reclassify_run_id }, 'rule set published');
    return result;
  };
}

/**
 * Validates and publishes a rule set. Any problem refuses it with 422 (`invalid_rule_set`) listing
 * every problem (paths relative to the rule set), and nothing is written. A valid set becomes the
 * next active version and starts a re-classify run. Applied once per command id: a retried job
 * answers the version it already published.
 */
export async function publishRules(deps: ClassifierDeps, payload: PublishPayload, commandId: string): Promise<RuleSet> {
  const problems = validateRuleSet(payload.rule_set);
  if (problems.length > 0) {
    const summary = problems.slice(0, 3).map((p) => p.message).join('; ');
    throw new AppError('unprocessable', `rule set refused (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${summary}`, {
      code: 'invalid_rule_set',
      errors: problems.map((p) => ({ path: p.path, message: p.message })),
      details: { problems },
    });
  }
  const outcome = await retryTransaction(() =>
    applyOnce<RuleSet>(deps.database, inbox, { id: `publish-rules:${commandId}`, handler: 'publish-rules' }, (tx) =>
      publishRuleSet(tx, payload.rule_set, payload.published_by),
    ),
  );
  if (outcome.applied) deps.kickOutbox();
  return outcome.result;
}
