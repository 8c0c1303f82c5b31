import { RuleSetSchema, type ClassificationRule, type RuleSetInput } from '@hvar/contracts';
import { AppError, decodeAppError, type Database } from '@hvar/platform';
import { waitFor } from '@hvar/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../src/domain/default-rule-set.js';
import { publishRules } from '../src/handlers/publish-rules.handler.js';
import { openClassifierDb, outboxRows, resetClassifier, startQueueStack, tableCounts, testDeps } from './harness.js';

let database: Database;
let deps: ReturnType<typeof testDeps>;

beforeAll(async () => {
  database = await openClassifierDb();
});
beforeEach(async () => {
  await resetClassifier(database);
  deps = testDeps(database);
});
afterAll(async () => {
  await database.close();
});

const v1 = DEFAULT_RULE_SET.rules;
const withThreshold = (threshold: number): RuleSetInput => ({ ...DEFAULT_RULE_SET, parameters: { main_cod_threshold: threshold }, notes: `threshold ${threshold}` });

async function refusal(input: RuleSetInput): Promise<AppError> {
  const err = await publishRules(deps, { rule_set: input, published_by: 'admin@hvar' }, 'cmd-refused').catch((e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('publish-rules', () => {
  it('a fresh database has v1 active, published by the system', async () => {
    const res = await database.pool.query('select version, active, published_by, parameters from classifier.rule_sets');
    expect(res.rows).toEqual([{ version: 1, active: true, published_by: 'system', parameters: { main_cod_threshold: 500 } }]);
  });

  it('stores a valid set as the next active version, with a queued run and its reclassify-all message', async () => {
    const result = await publishRules(deps, { rule_set: withThreshold(1000), published_by: 'admin@hvar' }, 'cmd-1');
    expect(RuleSetSchema.parse(result)).toMatchObject({ version: 2, active: true, parameters: { main_cod_threshold: 1000 }, notes: 'threshold 1000', published_by: 'admin@hvar' });
    expect(result.rules).toEqual(v1);
    const versions = await database.pool.query('select version, active from classifier.rule_sets order by version');
    expect(versions.rows).toEqual([{ version: 1, active: false }, { version: 2, active: true }]);
    const runs = await database.pool.query('select id, rule_set_version, status from classifier.reclassify_runs');
    expect(runs.rows).toEqual([{ id: result.reclassify_run_id, rule_set_version: 2, status: 'queued' }]);
    expect((await outboxRows(database)).map((r) => [r.queue, r.job_name, r.payload])).toEqual([['classifier', 'reclassify-all', { run_id: result.reclassify_run_id }]]);
    expect(deps.kicks).toBe(1);
  });

  it('publishes once per command: a retried job answers the version it already published', async () => {
    const first = await publishRules(deps, { rule_set: withThreshold(800), published_by: 'admin@hvar' }, 'cmd-same');
    const counts = await tableCounts(database);
    const again = await publishRules(deps, { rule_set: withThreshold(800), published_by: 'admin@hvar' }, 'cmd-same');
    expect(again).toEqual(first);
    expect(await tableCounts(database)).toEqual(counts);
    const next = await publishRules(deps, { rule_set: withThreshold(900), published_by: 'admin@hvar' }, 'cmd-other');
    expect(next.version).toBe(3);
  });

  it('supersedes the run of the previous publication that has not finished', async () => {
    const first = await publishRules(deps, { rule_set: withThreshold(800), published_by: 'a' }, 'cmd-a');
    const second = await publishRules(deps, { rule_set: withThreshold(900), published_by: 'b' }, 'cmd-b');
    const runs = await database.pool.query('select id, status, last_error from classifier.reclassify_runs order by rule_set_version');
    expect(runs.rows).toEqual([
      { id: first.reclassify_run_id, status: 'superseded', last_error: 'superseded by rule set v3' },
      { id: second.reclassify_run_id, status: 'queued', last_error: null },
    ]);
  });

  describe('refuses an invalid set with 422 listing every problem, and writes nothing', () => {
    const rule = (id: string, when: ClassificationRule['when']): ClassificationRule => ({ id, description: '', when, then: { business_category: id, service_type: 'operational', order_level: 0 } });
    const cases: [string, RuleSetInput, { code: string; path: string; message: RegExp }[]][] = [
      ['duplicate rule ids', { parameters: {}, rules: [rule('A', { type_codes: [25] }), rule('A', {})] }, [{ code: 'duplicate_rule_id', path: 'rules.1.id', message: /used again/ }]],
      ['an unknown parameter', { ...DEFAULT_RULE_SET, parameters: { threshold: 500 } }, [
        { code: 'unknown_parameter', path: 'rules.2.when.cod.gt', message: /\$main_cod_threshold \(known: \$threshold\)/ },
        { code: 'unknown_parameter', path: 'rules.3.when.cod.lte', message: /\$main_cod_threshold/ },
      ]],
      ['a contradictory rule', { parameters: {}, rules: [rule('C', { cod: { gt: 500, lt: 100 } }), rule('ALL', {})] }, [
        { code: 'contradictory_rule', path: 'rules.0.when.cod', message: /cod > 500\.00 and cod < 100\.00 leave no amount/ },
      ]],
      ['an unreachable rule', { parameters: {}, rules: [rule('ALL', {}), rule('LATE', { state_codes: [45] })] }, [
        { code: 'unreachable_rule', path: 'rules.1', message: /matched first by rule "ALL"/ },
      ]],
      ['an incomplete set', { ...DEFAULT_RULE_SET, rules: v1.slice(0, 6) }, [{ code: 'incomplete_rule_set', path: 'rules', message: /no rule matches some orders, e\.g\. type 0, state 0, cod 0\.00/ }]],
    ];

    it.each(cases)('%s', async (_name, input, expected) => {
      const before = await tableCounts(database);
      const err = await refusal(input);
      expect(err.type).toBe('unprocessable');
      expect(err.status).toBe(422);
      expect(err.options.code).toBe('invalid_rule_set');
      expect(err.options.errors).toEqual(expected.map((e) => ({ path: e.path, message: expect.stringMatching(e.message) as string })));
      expect((err.options.details?.problems as { code: string }[]).map((p) => p.code)).toEqual(expected.map((e) => e.code));
      expect(await tableCounts(database)).toEqual(before);
      expect(deps.kicks).toBe(0);
    });
  });
});

describe('publish-rules through BullMQ', () => {
  it('answers the RuleSet, and the queued run re-classifies through the relay and the worker', async () => {
    const stack = await startQueueStack(database);
    try {
      const job = await stack.classifier.add('publish-rules', { rule_set: withThreshold(2000), published_by: 'admin@hvar' }, { jobId: 'idem-publish-1' });
      const result = RuleSetSchema.parse(await job.waitUntilFinished(stack.events, 10_000));
      expect(result.version).toBe(2);
      const run = await waitFor(async () => {
        const res = await database.pool.query<{ status: string; orders_total: number | null }>(
          'select status, orders_total from classifier.reclassify_runs where id = $1', [result.reclassify_run_id],
        );
        return res.rows[0]?.status === 'completed' ? res.rows[0] : undefined;
      }, { message: 'reclassify run completed' });
      expect(run).toEqual({ status: 'completed', orders_total: 0 });
    } finally {
      await stack.close();
    }
  });

  it('a payload that does not parse fails for good with invalid_data naming every field, and writes nothing', async () => {
    const stack = await startQueueStack(database);
    try {
      const before = await tableCounts(database);
      const bad = { rule_set: { parameters: { main_cod_threshold: 500 }, rules: [{ id: 'has space', when: { state_codes: Array.from({ length: 101 }, (_, i) => i), cod: { gt: 1.234 } }, then: { business_category: '', service_type: 'main', order_level: 10 } }] }, published_by: '' };
      // Bypass the producer's parse, as a foreign or corrupted producer would.
      const job = await stack.classifier.queue.add('publish-rules', bad);
      const failed = await waitFor(async () => ((await job.isFailed()) ? await stack.classifier.queue.getJob(job.id ?? '') : undefined), { message: 'job failed' });
      const err = decodeAppError(failed.failedReason);
      expect(err?.type).toBe('invalid_data');
      for (const field of ['rule_set.rules.0.id', 'rule_set.rules.0.when.state_codes', 'rule_set.rules.0.when.cod.gt', 'rule_set.rules.0.then.business_category', 'rule_set.rules.0.then.order_level', 'published_by']) {
        expect(err?.message).toContain(field);
      }
      expect(await tableCounts(database)).toEqual(before);
    } finally {
      await stack.close();
    }
  });

  it('an invalid set fails the job for good with the 422 problem the gateway decodes', async () => {
    const stack = await startQueueStack(database);
    try {
      const before = await tableCounts(database);
      const job = await stack.classifier.add('publish-rules', { rule_set: { parameters: {}, rules: [v1[0]!] }, published_by: 'admin@hvar' });
      const failed = await waitFor(async () => ((await job.isFailed()) ? await stack.classifier.queue.getJob(job.id ?? '') : undefined), { message: 'job failed' });
      const err = decodeAppError(failed.failedReason);
      expect(err?.type).toBe('unprocessable');
      expect(err?.options.errors?.[0]?.path).toBe('rules');
      expect(failed.attemptsMade).toBe(1);
      expect(await tableCounts(database)).toEqual(before);
    } finally {
      await stack.close();
    }
  });
});
