import { describe, expect, it } from 'vitest';
import { loadHubConfig } from './config.js';
import { reviewSettingsFromConfig } from './deps.js';

const base = { DATABASE_URL: 'postgres://u@h:5432/db', REDIS_URL: 'redis://h:6379' };

describe('hub configuration', () => {
  it('defaults to the documented review rule', () => {
    expect(reviewSettingsFromConfig(loadHubConfig(base))).toEqual({ maxScore: 3, actions: ['refund', 'dispose'], onMismatch: true });
  });

  it('reads every review setting from the environment', () => {
    const config = loadHubConfig({ ...base, HUB_REVIEW_MAX_SCORE: '5', HUB_REVIEW_ACTIONS: 'dispose, replace_full', HUB_REVIEW_ON_MISMATCH: 'false' });
    expect(reviewSettingsFromConfig(config)).toEqual({ maxScore: 5, actions: ['dispose', 'replace_full'], onMismatch: false });
    expect(loadHubConfig({ ...base, HUB_REVIEW_ACTIONS: 'none' }).HUB_REVIEW_ACTIONS).toEqual([]);
    expect(loadHubConfig({ ...base, HUB_REVIEW_ACTIONS: '' }).HUB_REVIEW_ACTIONS).toEqual(['refund', 'dispose']);
  });

  it('lists every bad value at once', () => {
    expect(() => loadHubConfig({ ...base, HUB_REVIEW_MAX_SCORE: '11', HUB_REVIEW_ACTIONS: 'refund,teleport', HUB_REVIEW_ON_MISMATCH: 'maybe' })).toThrow(
      /HUB_REVIEW_MAX_SCORE[\s\S]*HUB_REVIEW_ACTIONS[\s\S]*HUB_REVIEW_ON_MISMATCH/,
    );
  });
});
