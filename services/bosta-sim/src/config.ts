import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

/** Environment of `npm start` (services/bosta-sim/src/main.ts). */
export const SimConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Port the local supervisor assigns; SIM_PORT overrides it. */
    INTERNAL_PORT: port.default(4000),
    INTERNAL_HOST: z.string().default('127.0.0.1'),
    SIM_PORT: port.optional(),
    SIM_HOST: z.string().optional(),
    SIM_SEED: z.coerce.number().int().default(42),
    SIM_DELIVERIES: z.coerce.number().int().min(0).max(2_000_000).default(20_000),
    SIM_CUSTOMERS: z.coerce.number().int().min(1).default(5_000),
    /** The Full Access key the API accepts (no default: it is a secret). */
    SIM_API_KEY: z.string({ error: 'is required (the Full Access API key clients send)' }).min(8, 'must be at least 8 characters'),
    SIM_READ_KEY: z.string().min(8).optional(),
    SIM_READ_WRITE_KEY: z.string().min(8).optional(),
    /** Dashboard login (POST /users/login) accepted by the simulator. */
    SIM_USER_EMAIL: z.string().optional(),
    SIM_USER_PASSWORD: z.string().optional(),
    SIM_WEBHOOK_URL: z.url().optional(),
    SIM_WEBHOOK_HEADER: z.string().default('X-Bosta-Secret'),
    SIM_WEBHOOK_SECRET: z.string().optional(),
    /** Sim ms per real ms: 60 = one real second is one sim minute. */
    SIM_SPEED: z.coerce.number().min(0).default(60),
    /** Persist API-created deliveries and the clock here (on shutdown and every 30 s). */
    SIM_STATE_FILE: z.string().optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  .refine((c) => !c.SIM_WEBHOOK_URL || c.SIM_WEBHOOK_SECRET, { message: 'SIM_WEBHOOK_SECRET is required with SIM_WEBHOOK_URL', path: ['SIM_WEBHOOK_SECRET'] })
  .refine((c) => !c.SIM_USER_EMAIL === !c.SIM_USER_PASSWORD, { message: 'set both SIM_USER_EMAIL and SIM_USER_PASSWORD', path: ['SIM_USER_PASSWORD'] });
/** Parsed simulator configuration. */
export type SimConfig = z.infer<typeof SimConfigSchema>;
