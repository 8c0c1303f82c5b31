import { trace } from '@opentelemetry/api';
import { pino, stdSerializers, stdTimeFunctions, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Keys whose values never reach a log line: personal data (phones, names, addresses) and secrets.
 * Paths are matched at the top level and one or two levels deep.
 */
const SENSITIVE_KEYS = [
  'phone', 'customer_phone', 'receiver_phone', 'second_phone', 'phoneNumber', 'secondPhone', 'mobile',
  'name', 'full_name', 'fullName', 'first_name', 'last_name', 'firstName', 'lastName', 'customer_name', 'receiver_name',
  'address', 'firstLine', 'first_line', 'secondLine', 'street', 'building', 'email',
  'password', 'password_hash', 'token', 'secret', 'apiKey', 'api_key', 'key', 'authorization', 'cookie', 'set-cookie',
  'DATABASE_URL', 'REDIS_URL',
];

/** pino redact paths for every sensitive key at depth 0-2. */
export const redactPaths: string[] = SENSITIVE_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [key, `*${dot}${key}`, `*.*${dot}${key}`];
});

/**
 * Egyptian mobile numbers in free text: +20 1x..., 0020 1x..., 01x..., with optional spaces/dashes.
 * The separator after the country code belongs to it (a bare 01x... keeps the space before it), and
 * a number glued to more digits is another id (a tracking number), not a phone.
 */
const PHONE_IN_TEXT = /(?<![\d+])(?:(?:\+|00)?20[\s-]?)?0?1[0125](?:[\s-]?\d){8}(?!\d)/g;

/** Masks phone numbers that slipped into a message string. */
export function maskPhones(text: string): string {
  return text.replace(PHONE_IN_TEXT, '[phone]');
}

/** Options for `createLogger`. */
export interface LoggerConfig {
  service: string;
  level?: string;
  /** Where lines go (tests capture them); stdout by default. */
  destination?: DestinationStream;
}

/**
 * JSON logger for one service. Every line carries `service`, and the active trace and span ids, so
 * a log line can be found from a trace and back. Job loggers are children with queue/job fields.
 */
export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level ?? 'info',
    base: { service: config.service },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: stdTimeFunctions.isoTime,
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a: unknown) => (typeof a === 'string' ? maskPhones(a) : a));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: { err: stdSerializers.err },
  };
  return config.destination ? pino(options, config.destination) : pino(options);
}
