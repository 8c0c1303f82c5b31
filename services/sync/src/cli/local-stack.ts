import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The URLs of the stack `npm start` runs (embedded PostgreSQL with its password in `.data/`, local
 * Redis), used by the CLI when DATABASE_URL / REDIS_URL are not set. Same defaults as infra/src.
 */
export function localStackEnv(root: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  const passwordFile = path.join(root, '.data', 'postgres.password');
  if (!env.DATABASE_URL && existsSync(passwordFile)) {
    const password = readFileSync(passwordFile, 'utf8').trim();
    out.DATABASE_URL = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.HVAR_PG_PORT ?? '54320'}/hvar`;
  }
  if (!env.REDIS_URL) out.REDIS_URL = `redis://127.0.0.1:${env.HVAR_REDIS_PORT ?? '63790'}`;
  return out;
}
