import { ConfigError } from '@hvar/platform';
import { describe, expect, it } from 'vitest';
import { loadSyncConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:1', BOSTA_BASE_URL: 'http://127.0.0.1:4000/api/v2', BOSTA_API_KEY: 'k' };

describe('sync config', () => {
  it('applies the documented defaults', () => {
    expect(loadSyncConfig(base)).toMatchObject({
      SYNC_PAGE_SIZE: 200, SYNC_CONCURRENCY: 4, SYNC_INCREMENTAL_EVERY_MS: 300_000, SYNC_OVERLAP_MS: 600_000, SYNC_FULL_ON_FIRST_START: true,
    });
  });

  it('rejects a page size above Bosta maximum and missing credentials, listing every problem', () => {
    let error: unknown;
    try {
      loadSyncConfig({ ...base, BOSTA_API_KEY: undefined, SYNC_PAGE_SIZE: '500', BOSTA_BASE_URL: 'nope' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SYNC_PAGE_SIZE/);
    expect(problems).toMatch(/BOSTA_BASE_URL/);
  });

  it('accepts a dashboard login instead of a key, and not half of one', () => {
    expect(loadSyncConfig({ ...base, BOSTA_API_KEY: undefined, BOSTA_EMAIL: 'a@b.c', BOSTA_PASSWORD: 'p' }).BOSTA_EMAIL).toBe('a@b.c');
    expect(() => loadSyncConfig({ ...base, BOSTA_API_KEY: undefined, BOSTA_EMAIL: 'a@b.c' })).toThrow(/BOSTA_API_KEY/);
  });
});
