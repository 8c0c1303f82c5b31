import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseConfigShape, ConfigError, loadConfig, loadConfigOrExit } from './config.js';

const schema = z.object(baseConfigShape);

/** An environment with four problems at once. */
const broken = {
  // DATABASE_URL and REDIS_URL missing
  OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
  INTERNAL_PORT: '70000',
};

const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', REDIS_URL: 'redis://localhost:6379' };

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function captureProblems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(schema, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reports every problem in one ConfigError', () => {
    const problems = captureProblems(broken);
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL: is required/),
        expect.stringMatching(/^REDIS_URL: is required/),
        expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT: /),
        expect.stringMatching(/^INTERNAL_PORT: .*65535/),
      ]),
    );
  });

  it('has no default for secrets: without DATABASE_URL and REDIS_URL it fails', () => {
    const problems = captureProblems({});
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'REDIS_URL']);
  });

  it('rejects URLs of the wrong kind', () => {
    const problems = captureProblems({ DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x' });
    expect(problems).toEqual(['DATABASE_URL: must be a postgres:// URL', 'REDIS_URL: must be a redis:// or rediss:// URL']);
  });

  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, { ...valid, INTERNAL_PORT: '8200' });
    expect(config).toMatchObject({ INTERNAL_PORT: 8200, QUEUE_PREFIX: 'hvar', SHUTDOWN_TIMEOUT_MS: 25_000, LOG_LEVEL: 'info' });
  });

  it('treats an empty variable as unset (an empty port is not port 0)', () => {
    expect(loadConfig(schema, { ...valid, INTERNAL_PORT: '', LOG_LEVEL: '' })).toMatchObject({ INTERNAL_PORT: 8100, LOG_LEVEL: 'info' });
    expect(captureProblems({ ...valid, REDIS_URL: '' })).toEqual([expect.stringMatching(/^REDIS_URL: is required/)]);
  });
});

describe('loadConfigOrExit', () => {
  it('prints every problem to stderr and exits 1', () => {
    let written = '';
    const deps = {
      stderr: { write: (text: string) => (written += text) },
      exit: (code: number): never => {
        throw new Exited(code);
      },
    };
    const thrown = ((): unknown => {
      try {
        return loadConfigOrExit(schema, broken, deps);
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(Exited);
    expect((thrown as Exited).code).toBe(1);
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'INTERNAL_PORT']) {
      expect(written).toContain(`  - ${name}: `);
    }
  });

  it('returns the config when valid, without writing or exiting', () => {
    const deps = {
      stderr: { write: (): never => expect.fail('nothing should be written') },
      exit: (): never => expect.fail('should not exit'),
    };
    expect(loadConfigOrExit(schema, valid, deps).DATABASE_URL).toBe(valid.DATABASE_URL);
  });
});
