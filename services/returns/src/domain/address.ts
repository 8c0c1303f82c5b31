import type { Address } from '@hvar/contracts';

/** A Bosta city as `GET /cities` lists it (only what the mapping reads). */
export interface CityEntry {
  _id: string;
  name: string;
  nameAr?: string | undefined;
  code?: string | undefined;
}

/** An address as Bosta's create takes it: city, its id, the district by name, the street. */
export interface BostaAddress {
  city: string;
  cityId: string;
  districtName: string;
  firstLine: string;
}

/** Why an address cannot be sent (surfaced on the action; an agent fixes it and retries). */
export interface AddressProblem {
  code: 'address_missing' | 'address_city_unknown' | 'address_district_missing' | 'address_first_line_too_short';
  message: string;
}

/** Bosta refuses a first line shorter than this (bosta-api.md §3.4). */
export const MIN_FIRST_LINE = 5;

/** Case, spacing and width differences do not make two names different. */
function key(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The Bosta city named by `name` (English or Arabic name, code such as `EG-01`, or id). */
export function findCity(cities: readonly CityEntry[], name: string): CityEntry | undefined {
  const k = key(name);
  return cities.find((c) => key(c.name) === k || (c.nameAr !== undefined && key(c.nameAr) === k) || (c.code !== undefined && key(c.code) === k) || c._id === name.trim());
}

/**
 * Our address → Bosta's (bosta-api.md §3.4, §3.11): Bosta's `city` is the governorate, found in the
 * city list for its `cityId`; the district (else the zone) goes as `districtName`, which Bosta
 * resolves within that city; `first_line` is the street. A problem names what to fix.
 */
export function toBostaAddress(address: Address | null, cities: readonly CityEntry[]): { ok: true; value: BostaAddress } | { ok: false; problem: AddressProblem } {
  if (!address) return { ok: false, problem: { code: 'address_missing', message: 'No address: set the customer address on the action and retry.' } };
  const city = findCity(cities, address.city);
  if (!city) return { ok: false, problem: { code: 'address_city_unknown', message: `Bosta has no city (governorate) "${address.city}".` } };
  const district = address.district?.trim() || address.zone?.trim();
  if (!district) return { ok: false, problem: { code: 'address_district_missing', message: `The address in ${city.name} names no district or zone.` } };
  const firstLine = address.first_line.trim();
  if (firstLine.length < MIN_FIRST_LINE) {
    return { ok: false, problem: { code: 'address_first_line_too_short', message: `The street line "${firstLine}" is shorter than ${MIN_FIRST_LINE} characters.` } };
  }
  return { ok: true, value: { city: city.name, cityId: city._id, districtName: district, firstLine } };
}
