import type { BostaClient } from '@hvar/bosta';
import type { CityEntry } from '../domain/address.js';

/** Bosta's cities, fetched once and kept for a while (they change rarely; every create needs them). */
export interface CityDirectory {
  /** The cached list (fetched when missing or older than the TTL; a failed fetch is not cached). */
  list(): Promise<readonly CityEntry[]>;
}

/** A city list cache over `listCities()`: concurrent callers share one fetch. */
export function createCityDirectory(bosta: Pick<BostaClient, 'listCities'>, ttlMs: number, now: () => number = Date.now): CityDirectory {
  let cached: { at: number; cities: readonly CityEntry[] } | undefined;
  let inFlight: Promise<readonly CityEntry[]> | undefined;
  return {
    list() {
      if (cached && now() - cached.at < ttlMs) return Promise.resolve(cached.cities);
      inFlight ??= bosta
        .listCities()
        .then((cities) => {
          cached = { at: now(), cities };
          return cities;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}
