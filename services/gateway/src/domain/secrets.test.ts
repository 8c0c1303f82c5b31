import { describe, expect, it } from 'vitest';
import { hashPassword, newApiKey, newOneTimePassword, sha256, verifyPassword } from './secrets.js';

describe('secrets', () => {
  it('hashes passwords with scrypt and a random salt, and verifies them', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'garbage')).toBe(false);
  });

  it('makes distinct high-entropy keys and one-time passwords', () => {
    const keys = new Set(Array.from({ length: 50 }, newApiKey));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(/^hvar_[A-Za-z0-9_-]{43}$/);
    expect(newOneTimePassword()).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    expect(sha256('x')).toHaveLength(64);
  });
});
