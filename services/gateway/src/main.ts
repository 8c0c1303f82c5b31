import { createRuntime, createRedis, closeServer, listen, loadConfigOrExit } from '@hvar/platform';
import { createGatewayApp } from './app.js';
import { bootstrapAdmin, bootstrapDemoUsers } from './bootstrap-admin.js';
import { createCommandBus } from './commands/command-bus.js';
import { GatewayConfigSchema } from './config.js';
import { createGatewayRepo } from './db/repo.js';
import { sha256 } from './domain/secrets.js';
import { VERSION } from './version.js';

const config = loadConfigOrExit(GatewayConfigSchema);
const runtime = createRuntime({ name: 'gateway', version: VERSION, config });
runtime.shutdown.installSignalHandlers();

const repo = createGatewayRepo(runtime.database.db);
const blocking = createRedis(config.REDIS_URL, 'worker', 'gateway-events');
const commands = createCommandBus({ repo, connection: runtime.producerRedis, blockingConnection: blocking, prefix: config.QUEUE_PREFIX, waitMs: config.COMMAND_WAIT_MS });
const gateway = createGatewayApp({ config, log: runtime.log, repo, database: runtime.database, redis: runtime.producerRedis, prefix: config.QUEUE_PREFIX, commands, version: VERSION, runtime });

await bootstrapAdmin(repo, config.HVAR_ADMIN_API_KEY, runtime.log, (line) => process.stdout.write(`${line}\n`));
// Other replicas may remember this key as unknown or revoked; bootstrapAdmin just made it active.
if (config.HVAR_ADMIN_API_KEY) await gateway.principals.forget({ kind: 'key', hash: sha256(config.HVAR_ADMIN_API_KEY) });
await bootstrapDemoUsers(repo, config.DEMO_USERS_PASSWORD, runtime.log);
const server = await listen(gateway.app, config.PORT, config.HOST);
runtime.shutdown.add('intake', 'http', () => closeServer(server));
runtime.shutdown.add('producers', 'commands', () => Promise.all([commands.close(), gateway.close()]));
runtime.shutdown.add('redis', 'events redis', () => blocking.quit());
runtime.log.info({ port: config.PORT }, 'gateway listening');
