import { seconds } from './format.js';
import { run, type Log } from './proc.js';
import { launchScript, serviceEnv, withBinDirs, type InfraUrls, type ServicePlan } from './services.js';

/** Where and with what the migrations run. */
export interface MigrationOptions {
  rootDir: string;
  urls: InfraUrls;
  env: NodeJS.ProcessEnv;
  log: Log;
  signal?: AbortSignal;
}

/**
 * Every service's `db:migrate` script, one after the other (each service owns its schema, so
 * order does not matter, but interleaved output would); throws naming the first that fails.
 */
export async function runMigrations(plans: readonly ServicePlan[], options: MigrationOptions): Promise<void> {
  for (const plan of plans) {
    if (plan.migrateScript === undefined) continue;
    const launch = launchScript(plan.migrateScript, plan.dir, options.rootDir);
    const began = performance.now();
    const env = withBinDirs(serviceEnv(plan, options.urls, options.env), launch.binDirs);
    const result = await run(launch.command, launch.args, { cwd: launch.cwd, env, signal: options.signal, stdio: ['ignore', 'inherit', 'inherit'] });
    options.signal?.throwIfAborted();
    if (result.code !== 0) {
      throw new Error(`migrations of service "${plan.name}" failed (exit ${result.code ?? result.signal}); \`pnpm --filter ${plan.packageName} run db:migrate\` runs them alone`);
    }
    options.log(`migrated ${plan.name} in ${seconds(performance.now() - began)}`);
  }
}
