import { describe, expect, it } from 'vitest';
import { launchScript, parseManifest, planServices, serviceEnv, type ServicePackage } from './services.js';

function pkg(name: string, scripts: Record<string, string> = { start: 'tsx src/main.ts' }, order?: number): ServicePackage {
  return { name, dir: `/repo/services/${name}`, packageName: `@hvar/${name}`, scripts, order };
}

describe('planServices', () => {
  it('keeps only packages with a start script, gateway last, others by name', () => {
    const plans = planServices([pkg('gateway'), pkg('sync'), pkg('docs', { build: 'x' }), pkg('classifier')], {});
    expect(plans.map((p) => p.name)).toEqual(['classifier', 'sync', 'gateway']);
  });

  it('puts services with hvar.order first, in that order, then the rest by name', () => {
    const plans = planServices([pkg('a'), pkg('hub', undefined, 2), pkg('sync', undefined, 1), pkg('gateway', undefined, 0)], {});
    expect(plans.map((p) => p.name)).toEqual(['sync', 'hub', 'a', 'gateway']);
  });

  it('gives the gateway PORT and every other service the next INTERNAL_PORT in discovery order', () => {
    const plans = planServices([pkg('gateway'), pkg('sync'), pkg('hub')], {});
    expect(plans.map((p) => [p.name, p.port])).toEqual([['hub', 8101], ['sync', 8102], ['gateway', 8080]]);
  });

  it('honours PORT and HVAR_INTERNAL_PORT_BASE', () => {
    const plans = planServices([pkg('gateway'), pkg('sync')], { PORT: '9000', HVAR_INTERNAL_PORT_BASE: '9100' });
    expect(plans.map((p) => p.port)).toEqual([9100, 9000]);
  });

  it('rejects a port that is not a positive integer', () => {
    expect(() => planServices([pkg('sync')], { HVAR_INTERNAL_PORT_BASE: 'abc' })).toThrow(/HVAR_INTERNAL_PORT_BASE/);
  });

  it('notes whether a service has migrations', () => {
    const [plan] = planServices([pkg('sync', { start: 'tsx src/main.ts', 'db:migrate': 'tsx src/db/migrate.ts' })], {});
    expect(plan?.migrateScript).toBe('tsx src/db/migrate.ts');
  });
});

describe('parseManifest', () => {
  it('reads name, string scripts and hvar.order, ignoring anything malformed', () => {
    const parsed = parseManifest('sync', '/d', { name: '@hvar/sync', scripts: { start: 'tsx a.ts', bad: 3 }, hvar: { order: 4 } });
    expect(parsed).toEqual({ name: 'sync', dir: '/d', packageName: '@hvar/sync', scripts: { start: 'tsx a.ts' }, order: 4 });
    expect(parseManifest('x', '/d', null)).toEqual({ name: 'x', dir: '/d', packageName: 'x', scripts: {}, order: undefined });
  });
});

describe('serviceEnv', () => {
  const [sync, gateway] = planServices([pkg('gateway'), pkg('service-action')], {});
  const infra = { databaseUrl: 'postgres://db', redisUrl: 'redis://r' };

  it('passes the parent env through and sets connections, name, host and the internal port', () => {
    if (!sync || !gateway) throw new Error('plans missing');
    const env = serviceEnv(sync, infra, { HOME: '/root', DATABASE_URL: 'ignored' });
    expect(env).toMatchObject({ HOME: '/root', DATABASE_URL: 'postgres://db', REDIS_URL: 'redis://r', NODE_ENV: 'development', LOG_LEVEL: 'info', SERVICE_NAME: 'service-action', INTERNAL_HOST: '127.0.0.1', INTERNAL_PORT: '8101' });
    expect(env.PORT).toBeUndefined();
  });

  it('gives the gateway PORT and keeps variables the user set', () => {
    if (!gateway) throw new Error('plans missing');
    const env = serviceEnv(gateway, infra, { NODE_ENV: 'production', INTERNAL_HOST: '0.0.0.0' });
    expect(env).toMatchObject({ PORT: '8080', NODE_ENV: 'production', INTERNAL_HOST: '0.0.0.0', SERVICE_NAME: 'gateway' });
  });
});

describe('launchScript', () => {
  it('runs a tsx script as one node process with tsx and the preloads imported', () => {
    const launch = launchScript('tsx src/main.ts --flag', '/repo/services/sync', '/repo', ['file:///guard.ts']);
    expect(launch).toEqual({ command: process.execPath, args: ['--import', 'tsx', '--import', 'file:///guard.ts', 'src/main.ts', '--flag'], cwd: '/repo/services/sync', entry: '/repo/services/sync/src/main.ts', binDirs: [] });
  });

  it('falls back to a shell with the workspace binaries on PATH for anything else', () => {
    const launch = launchScript('tsx watch src/main.ts && echo done', '/repo/services/sync', '/repo');
    expect(launch.command).toBe('sh');
    expect(launch.args).toEqual(['-c', 'tsx watch src/main.ts && echo done']);
    expect(launch.entry).toBeUndefined();
    expect(launch.binDirs).toEqual(['/repo/services/sync/node_modules/.bin', '/repo/node_modules/.bin']);
  });
});
