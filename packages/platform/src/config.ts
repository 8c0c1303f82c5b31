import { z } from 'zod';

/** Raised when the environment does not satisfy a service's config schema; lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Turns zod issues into one readable line each: `NAME: message`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/**
 * Parses `env` with `schema`. Every problem is collected (zod reports them all at once), so an
 * operator fixes the whole environment in one go instead of one variable per restart. An empty
 * variable (`PORT=` in an env file) counts as unset: otherwise `z.coerce.number()` reads it as 0.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const parsed = schema.safeParse(withoutEmpty(env));
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  return parsed.data;
}

/** What `loadConfigOrExit` does on failure; injectable for tests. */
export interface ConfigExitDeps {
  exit: (code: number) => never;
  stderr: { write(text: string): unknown };
}

/** `loadConfig`, printing all problems to stderr and exiting 1 on failure (for `main.ts`). */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
  deps: ConfigExitDeps = { exit: (code) => process.exit(code), stderr: process.stderr },
): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    deps.stderr.write(`${err.message}\n`);
    return deps.exit(1);
  }
}

function withoutEmpty(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

const postgresUrl = z
  .string({ error: 'is required (postgres://user:password@host:port/db)' })
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL');
const redisUrl = z
  .string({ error: 'is required (redis://host:port)' })
  .refine((v) => /^rediss?:\/\//.test(v), 'must be a redis:// or rediss:// URL');
const port = z.coerce.number().int().min(0).max(65_535);

/** Variables every service reads. Secrets (database and Redis URLs carry passwords) have no default. */
export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  /** Prefix of every BullMQ key; tests use a unique one per run. */
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only').default('hvar'),
  /** One deadline for the whole ordered shutdown. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** Address of the service's internal HTTP server (health, metrics, read API). */
  INTERNAL_HOST: z.string().default('127.0.0.1'),
  INTERNAL_PORT: port.default(8100),
  /**
   * The URL other processes use to reach the internal server, announced in the service registry.
   * Unset: the bound address, or this machine's hostname when bound to every interface (in a
   * container that is the container id, which the container network resolves, replicas included).
   */
  INTERNAL_ADVERTISE_URL: z.url().optional(),
};

/** Schema helpers for service configs. */
export const configFields = { postgresUrl, redisUrl, port };
