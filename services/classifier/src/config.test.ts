import { ConfigError } from '@hvar/platform';
import { describe, expect, it } from 'vitest';
import { loadClassifierConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379' };

describe('classifier config', () => {
  it('has a default for every classifier setting', () => {
    expect(loadClassifierConfig(base)).toMatchObject({
      CLASSIFIER_WORKER_CONCURRENCY: 4, CLASSIFIER_LOCK_MS: 30_000, CLASSIFIER_RECLASSIFY_CHUNK: 2_000, CLASSIFIER_OUTBOX_POLL_MS: 500,
    });
  });

  it('reports every bad setting at once, secrets included', () => {
    try {
      loadClassifierConfig({ CLASSIFIER_RECLASSIFY_CHUNK: '0', CLASSIFIER_WORKER_CONCURRENCY: 'many' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(problems).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'CLASSIFIER_RECLASSIFY_CHUNK', 'CLASSIFIER_WORKER_CONCURRENCY']));
    }
  });
});
