import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '@hvar/platform';
import type { GatewayDeps } from '../../deps.js';

/** The window `TRACK_RATE_LIMIT` counts in. */
export const TRACK_WINDOW_MS = 15 * 60_000;

/**
 * Counts one tracking attempt of a client address (an IPv6 address by its /56) in a fixed window;
 * over `TRACK_RATE_LIMIT` it is a 429. The count lives in Redis, so every gateway instance shares it
 * and four digits cannot be guessed by spreading the attempts over instances.
 */
export async function countTrackAttempt(deps: Pick<GatewayDeps, 'redis' | 'prefix' | 'config'>, ip: string | undefined, now = Date.now()): Promise<void> {
  const window = Math.floor(now / TRACK_WINDOW_MS);
  const key = `${deps.prefix}:track-limit:${window}:${ipKeyGenerator(ip ?? 'unknown')}`;
  let count: number;
  try {
    const replies = await deps.redis.multi().incr(key).pexpire(key, TRACK_WINDOW_MS).exec();
    count = Number(replies?.[0]?.[1]);
  } catch {
    throw new AppError('dependency_unavailable', 'Tracking is not available right now; try again shortly.');
  }
  if (count > deps.config.TRACK_RATE_LIMIT) {
    const minutes = Math.max(1, Math.ceil(((window + 1) * TRACK_WINDOW_MS - now) / 60_000));
    throw new AppError('rate_limited', `Too many tracking attempts from this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
}
