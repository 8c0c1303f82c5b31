import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { intFromEnv } from './proc.js';

/** What discovery reads from one `services/<dir>/package.json`. */
export interface ServicePackage {
  /** Directory name, also the service's name. */
  name: string;
  /** Absolute directory. */
  dir: string;
  packageName: string;
  scripts: Record<string, string>;
  /** `"hvar": { "order": n }`, when given. */
  order: number | undefined;
}

/** A service as the local stack runs it. */
export interface ServicePlan {
  name: string;
  dir: string;
  packageName: string;
  startScript: string;
  migrateScript: string | undefined;
  isGateway: boolean;
  /** Public `PORT` for the gateway, `INTERNAL_PORT` for every other service. */
  port: number;
}

/** How to launch a package script without a shell or package manager in between. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  /** The script's entry file when known, so a service not written yet can be skipped. */
  entry: string | undefined;
  /** Directories to put first on PATH (the workspace binaries, for shell scripts). */
  binDirs: string[];
}

export const GATEWAY = 'gateway';
const DEFAULT_GATEWAY_PORT = 8080;
const DEFAULT_INTERNAL_PORT_BASE = 8101;

/** Reads every `services/<dir>/package.json` (I/O only; the decisions are in `planServices`). */
export async function readServicePackages(rootDir: string): Promise<ServicePackage[]> {
  const servicesDir = path.join(rootDir, 'services');
  const entries = existsSync(servicesDir) ? await readdir(servicesDir, { withFileTypes: true }) : [];
  const packages: ServicePackage[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const dir = path.join(servicesDir, entry.name);
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) packages.push(parseManifest(entry.name, dir, JSON.parse(await readFile(manifest, 'utf8')) as unknown));
  }
  return packages;
}

/** Extracts the fields discovery needs from a parsed package.json, tolerating missing ones. */
export function parseManifest(name: string, dir: string, json: unknown): ServicePackage {
  const manifest = (json ?? {}) as { name?: unknown; scripts?: unknown; hvar?: { order?: unknown } };
  const scripts: Record<string, string> = {};
  for (const [key, value] of Object.entries((manifest.scripts ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') scripts[key] = value;
  }
  const order = manifest.hvar?.order;
  return { name, dir, packageName: typeof manifest.name === 'string' ? manifest.name : name, scripts, order: typeof order === 'number' ? order : undefined };
}

/** Services with a `start` script, ordered (`hvar.order`, then name, gateway last), with ports assigned. */
export function planServices(packages: readonly ServicePackage[], env: NodeJS.ProcessEnv): ServicePlan[] {
  const base = intFromEnv(env, 'HVAR_INTERNAL_PORT_BASE', DEFAULT_INTERNAL_PORT_BASE);
  const gatewayPort = intFromEnv(env, 'PORT', DEFAULT_GATEWAY_PORT);
  let next = base;
  return packages
    .filter((pkg) => pkg.scripts.start !== undefined)
    .sort(compareServices)
    .map((pkg) => ({
      name: pkg.name,
      dir: pkg.dir,
      packageName: pkg.packageName,
      startScript: pkg.scripts.start ?? '',
      migrateScript: pkg.scripts['db:migrate'],
      isGateway: pkg.name === GATEWAY,
      port: pkg.name === GATEWAY ? gatewayPort : next++,
    }));
}

function compareServices(a: ServicePackage, b: ServicePackage): number {
  const gateway = Number(a.name === GATEWAY) - Number(b.name === GATEWAY);
  if (gateway !== 0) return gateway;
  const order = (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY);
  if (order !== 0 && !Number.isNaN(order)) return order;
  return a.name.localeCompare(b.name);
}

/** Connection URLs every service receives. */
export interface InfraUrls {
  databaseUrl: string;
  redisUrl: string;
}

/** The environment of one service: the parent's, then the stack's connections, defaults and its own port. */
export function serviceEnv(plan: ServicePlan, infra: InfraUrls, parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...parent,
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    NODE_ENV: parent.NODE_ENV ?? 'development',
    LOG_LEVEL: parent.LOG_LEVEL ?? 'info',
    SERVICE_NAME: plan.name,
    INTERNAL_HOST: parent.INTERNAL_HOST ?? '127.0.0.1',
  };
  if (plan.isGateway) env.PORT = String(plan.port);
  else env.INTERNAL_PORT = String(plan.port);
  return env;
}

/**
 * Turns `tsx file.ts` / `node file.js` scripts into one `node --import tsx` process: no pnpm, shell
 * or tsx CLI parent in between, so signals reach the service itself and start-up is faster.
 * Anything else runs through `sh -c` with the workspace binaries on PATH.
 */
export function launchScript(script: string, cwd: string, rootDir: string, preload: readonly string[] = []): Launch {
  const words = script.trim().split(/\s+/);
  const [tool, first] = words;
  const simple = !/["'`$&|;<>()\\]/.test(script) && first !== undefined && !first.startsWith('-') && first !== 'watch';
  if (simple && (tool === 'tsx' || tool === 'node')) {
    const args = ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), ...words.slice(1)];
    return { command: process.execPath, args, cwd, entry: path.resolve(cwd, first), binDirs: [] };
  }
  const binDirs = [path.join(cwd, 'node_modules', '.bin'), path.join(rootDir, 'node_modules', '.bin')];
  return { command: 'sh', args: ['-c', script], cwd, entry: undefined, binDirs };
}

/** `env` with `dirs` prepended to PATH. */
export function withBinDirs(env: NodeJS.ProcessEnv, dirs: readonly string[]): NodeJS.ProcessEnv {
  return dirs.length === 0 ? env : { ...env, PATH: [...dirs, env.PATH ?? ''].join(path.delimiter) };
}
