import { describe, expect, it } from 'vitest';
import { advertisedUrl } from './runtime.js';

describe('advertisedUrl', () => {
  it('announces the bound host and the real port', () => {
    expect(advertisedUrl({ INTERNAL_HOST: '127.0.0.1' }, 8123, 'box')).toBe('http://127.0.0.1:8123');
  });

  it('announces the hostname when bound to every interface (a container id under compose)', () => {
    expect(advertisedUrl({ INTERNAL_HOST: '0.0.0.0' }, 8100, '3f2a9c1d7e0b')).toBe('http://3f2a9c1d7e0b:8100');
    expect(advertisedUrl({ INTERNAL_HOST: '::' }, 8100, 'sync-1')).toBe('http://sync-1:8100');
  });

  it('brackets an IPv6 host', () => {
    expect(advertisedUrl({ INTERNAL_HOST: '::1' }, 8100, 'box')).toBe('http://[::1]:8100');
  });

  it('prefers INTERNAL_ADVERTISE_URL, without a trailing slash', () => {
    expect(advertisedUrl({ INTERNAL_HOST: '0.0.0.0', INTERNAL_ADVERTISE_URL: 'http://sync:8100/' }, 8100, 'box')).toBe('http://sync:8100');
  });
});
