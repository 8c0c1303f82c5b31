import { z } from 'zod';
import { baseConfigShape, configFields, loadConfig } from '@hvar/platform';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Gateway settings. Secrets (database/Redis URLs, the bootstrap admin key) have no default. */
export const GatewayConfigSchema = z.object({
  ...baseConfigShape,
  PORT: configFields.port.default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** If set, an admin API key with exactly this value exists (for scripts and tests). */
  HVAR_ADMIN_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** How long a command waits for its job's result before answering 202 with an operation URL. */
  COMMAND_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  /** Secure cookies need HTTPS; off for plain-HTTP local use. */
  COOKIE_SECURE: bool.default(false),
  /** Requests per minute per client (API key, session or IP). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Login attempts per 15 minutes per IP. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** Public tracking-page lookups per 15 minutes per IP (guards the 4 phone digits against guessing). */
  TRACK_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  /** Trust X-Forwarded-For from this many proxies (0 = direct). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  /** Shared secret Bosta sends with every webhook call; unset: `POST /webhooks/bosta` answers 503. */
  BOSTA_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Header that carries the webhook secret (as configured at Bosta). */
  BOSTA_WEBHOOK_HEADER: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name').default('X-Bosta-Secret'),
  /** Local demo only: users `<role>@demo.hvar.local` with this password are made sure to exist (`npm start` sets it). */
  DEMO_USERS_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** The built operator console (index.html and assets/) served at `/`; default: packages/console/dist. */
  CONSOLE_DIR: z.string().min(1).optional(),
  /** How long the gateway waits for a service's internal read API before answering 503. */
  SERVICE_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How long a resolved API key or session is remembered (0: look each one up); changes are broadcast, so this only bounds a missed message. */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** How long the service registry is remembered for forwarded reads (0: read it every time). */
  REGISTRY_CACHE_MS: z.coerce.number().int().min(0).max(15_000).default(1_000),
  /** How long a customer read (list, one customer, stats, interactions, segments) may be answered from memory while the customers read version is unchanged (0: never). */
  READ_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
});

export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;

/** Parses the gateway's environment; throws a ConfigError listing every problem. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  return loadConfig(GatewayConfigSchema, env);
}
