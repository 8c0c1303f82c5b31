import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const text = readFileSync(new URL('docker-compose.yml', root), 'utf8');
// Compose resolves `<<:` merge keys (YAML 1.1), so the test must too.
const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService> };
const serviceDirs = readdirSync(new URL('services/', root), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string; args?: Record<string, string> };
  command?: string[] | string;
  healthcheck?: { test?: string[] | string };
  environment?: Record<string, string>;
}

/** An exact version tag (`7.4.2-alpine`, `17.2-alpine`) or a digest; never `latest` or no tag. */
function isPinned(image: string): boolean {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && /^\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$/.test(tag);
}

describe('docker-compose.yml', () => {
  it.each(serviceDirs)('runs services/%s from the shared Dockerfile with a health check', (name) => {
    const service = compose.services[name];
    expect(service, `no compose service "${name}"`).toBeDefined();
    expect(service?.build).toMatchObject({ context: '.', dockerfile: 'infra/docker/Dockerfile', target: 'runtime', args: { SERVICE: name } });
    expect(JSON.stringify(service?.healthcheck?.test)).toContain('/healthz');
  });

  it('pins every image to an exact version', () => {
    const images = Object.values(compose.services).flatMap((s) => (s.image ? [s.image] : []));
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((image) => !isPinned(image))).toEqual([]);
  });

  it('recognises unpinned images', () => {
    expect(['redis', 'redis:latest', 'redis:7', 'postgres:17-alpine'].filter(isPinned)).toEqual([]);
    expect(['redis:7.4.2-alpine', 'postgres:17.2-alpine'].every(isPinned)).toBe(true);
  });

  it('runs Redis with AOF and noeviction, as BullMQ needs', () => {
    const command = compose.services.redis?.command;
    const line = Array.isArray(command) ? command.join(' ') : (command ?? '');
    expect(line).toContain('--appendonly yes');
    expect(line).toContain('--maxmemory-policy noeviction');
  });

  it('has no default secrets: POSTGRES_PASSWORD must be given', () => {
    const uses = text.match(/\$\{POSTGRES_PASSWORD[^}]*\}/g) ?? [];
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((use) => !use.startsWith('${POSTGRES_PASSWORD:?'))).toEqual([]);
    const secrets = Object.values(compose.services).flatMap((s) => Object.entries(s.environment ?? {})).filter(([key]) => /PASSWORD|SECRET|TOKEN|API_KEY/.test(key));
    expect(secrets.filter(([, value]) => !/^\$\{[A-Z_]+:\?/.test(value))).toEqual([]);
  });
});
