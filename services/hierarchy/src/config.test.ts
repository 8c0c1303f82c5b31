import { ConfigError } from '@hvar/platform';
import { describe, expect, it } from 'vitest';
import { loadHierarchyConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:1' };

describe('hierarchy config', () => {
  it('applies the documented defaults', () => {
    expect(loadHierarchyConfig(base)).toMatchObject({
      HIERARCHY_WINDOW_DAYS: 365, HIERARCHY_WORKER_CONCURRENCY: 4, HIERARCHY_LOCK_MS: 30_000, HIERARCHY_DETECTION_CHUNK: 2_000,
    });
  });

  it('reads overrides from text', () => {
    expect(loadHierarchyConfig({ ...base, HIERARCHY_WINDOW_DAYS: '90', HIERARCHY_DETECTION_CHUNK: '500' })).toMatchObject({ HIERARCHY_WINDOW_DAYS: 90, HIERARCHY_DETECTION_CHUNK: 500 });
  });

  it('rejects a bad window, chunk and concurrency and missing URLs, listing every problem', () => {
    let error: unknown;
    try {
      loadHierarchyConfig({ HIERARCHY_WINDOW_DAYS: '0', HIERARCHY_DETECTION_CHUNK: '99999', HIERARCHY_WORKER_CONCURRENCY: 'many' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['HIERARCHY_WINDOW_DAYS', 'HIERARCHY_DETECTION_CHUNK', 'HIERARCHY_WORKER_CONCURRENCY', 'DATABASE_URL', 'REDIS_URL']) expect(problems).toMatch(name);
  });
});
