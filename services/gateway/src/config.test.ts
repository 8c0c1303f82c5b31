import { ConfigError } from '@hvar/platform';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';

const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', REDIS_URL: 'redis://localhost:6379' };

describe('gateway config', () => {
  it('applies defaults for everything but secrets', () => {
    const config = loadGatewayConfig(valid);
    expect(config.PORT).toBe(8080);
    expect(config.HVAR_ADMIN_API_KEY).toBeUndefined();
    expect(config.COMMAND_WAIT_MS).toBe(3000);
    expect(config.AUTH_CACHE_TTL_MS).toBe(5000);
    expect(config.REGISTRY_CACHE_MS).toBe(1000);
    expect(loadGatewayConfig({ ...valid, AUTH_CACHE_TTL_MS: '0', REGISTRY_CACHE_MS: '0' })).toMatchObject({ AUTH_CACHE_TTL_MS: 0, REGISTRY_CACHE_MS: 0 });
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ REDIS_URL: 'http://nope', PORT: '99999', HVAR_ADMIN_API_KEY: 'short', COOKIE_SECURE: 'maybe' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HVAR_ADMIN_API_KEY', 'COOKIE_SECURE']) expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(5);
  });
});
