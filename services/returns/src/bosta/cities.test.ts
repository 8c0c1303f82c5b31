import type { City } from '@hvar/bosta';
import { describe, expect, it } from 'vitest';
import { createCityDirectory } from './cities.js';

const CITIES: City[] = [{ _id: 'c1', name: 'Cairo' }];

/** A `listCities` that counts its calls and fails when told to. */
function source() {
  const state = { calls: 0, fail: false };
  return {
    state,
    listCities: async (): Promise<City[]> => {
      state.calls += 1;
      await Promise.resolve();
      if (state.fail) throw new Error('Bosta down');
      return CITIES;
    },
  };
}

describe('createCityDirectory', () => {
  it('fetches once for concurrent callers and keeps the list until the TTL passes', async () => {
    const src = source();
    let now = 0;
    const dir = createCityDirectory(src, 1_000, () => now);
    const [a, b] = await Promise.all([dir.list(), dir.list()]);
    expect(a).toBe(CITIES);
    expect(b).toBe(CITIES);
    now = 999;
    await dir.list();
    expect(src.state.calls).toBe(1);
    now = 1_000;
    await dir.list();
    expect(src.state.calls).toBe(2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const src = source();
    const dir = createCityDirectory(src, 1_000, () => 0);
    src.state.fail = true;
    await expect(dir.list()).rejects.toThrow('Bosta down');
    src.state.fail = false;
    await expect(dir.list()).resolves.toBe(CITIES);
    expect(src.state.calls).toBe(2);
  });
});
