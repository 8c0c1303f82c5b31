import { ConfigError } from '@hvar/platform';
import { describe, expect, it } from 'vitest';
import { loadReturnsConfig } from './config.js';
import { settingsFromConfig } from './deps.js';

const base = { DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r:6379', BOSTA_BASE_URL: 'http://127.0.0.1:4000/api/v2', BOSTA_API_KEY: 'k' };

describe('returns config', () => {
  it('has the documented defaults: COD 0 for a pickup, A4 Arabic airway bills', () => {
    const config = loadReturnsConfig(base);
    expect(settingsFromConfig(config)).toEqual({ pickupCodPiastres: 0, businessLocationId: undefined, awb: { type: 'A4', lang: 'ar' } });
    expect(config.BOSTA_TIMEOUT_MS).toBe(15_000);
  });

  it('takes the Bosta settings the sync uses, and a dashboard login instead of a key', () => {
    const { BOSTA_API_KEY: _key, ...noKey } = base;
    expect(loadReturnsConfig({ ...noKey, BOSTA_EMAIL: 'ops@hvar.test', BOSTA_PASSWORD: 'p' }).BOSTA_EMAIL).toBe('ops@hvar.test');
  });

  it('lists every problem at once, with no default for Bosta', () => {
    try {
      loadReturnsConfig({ DATABASE_URL: base.DATABASE_URL, REDIS_URL: base.REDIS_URL, RETURNS_PICKUP_COD: '1.234', RETURNS_AWB_TYPE: 'A3' });
      expect.unreachable('config must be refused');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join('\n');
      for (const name of ['BOSTA_BASE_URL', 'RETURNS_PICKUP_COD', 'RETURNS_AWB_TYPE']) expect(text).toContain(name);
    }
  });

  it('converts the pickup COD to piastres', () => {
    expect(settingsFromConfig(loadReturnsConfig({ ...base, RETURNS_PICKUP_COD: '12.5' })).pickupCodPiastres).toBe(1_250);
  });
});
