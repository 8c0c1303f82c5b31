/**
 * Runs every service's migrations against DATABASE_URL and exits: the one-shot `migrate` service of
 * docker-compose.yml (`npm start` runs the same code itself).
 */
import { fileURLToPath } from 'node:url';
import { createLog } from './lifecycle.js';
import { runMigrations } from './migrations.js';
import { planServices, readServicePackages } from './services.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const log = createLog('migrate');

async function main(): Promise<void> {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl = '' } = process.env;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const plans = planServices(await readServicePackages(ROOT), process.env);
  await runMigrations(plans, { rootDir: ROOT, urls: { databaseUrl, redisUrl }, env: process.env, log });
  log(`done (${plans.filter((p) => p.migrateScript !== undefined).length} services)`);
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
