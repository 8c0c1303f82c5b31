import { CITY_ROWS } from './geography.data.js';
import { stableId } from './random.js';

/**
 * Egypt as Bosta models it: "city" = governorate, "zone" = city/area, "district" = neighbourhood
 * (bosta-api.md §3.11). Ids are stable Bosta-like strings derived from the names, so they never
 * change between runs or when entries are added.
 */

/** Bosta's Egypt country id (`GET /cities/getAllDistricts?countryId=`). */
export const EGYPT_COUNTRY_ID = '60e4482c7cb7d4bc4849c4d5';

/** One item of `GET /cities` → `data.list`. */
export interface BostaCity {
  _id: string;
  name: string;
  nameAr: string;
  code: string;
  pickupAvailability: boolean;
  dropOffAvailability: boolean;
}

/** One item of `GET /cities/:id/districts` → `data` (zone and district, Arabic in the *OtherName fields). */
export interface BostaDistrict {
  zoneId: string;
  zoneName: string;
  zoneOtherName: string;
  districtId: string;
  districtName: string;
  districtOtherName: string;
  pickupAvailability: boolean;
  dropOffAvailability: boolean;
}

/** One item of `GET /cities/getAllDistricts` → `data`. */
export interface BostaCityWithDistricts {
  cityId: string;
  cityName: string;
  cityOtherName: string;
  cityCode: string;
  pickupAvailability: boolean;
  dropOffAvailability: boolean;
  districts: BostaDistrict[];
}

/** A zone with its city and districts (for address generation and lookups). */
export interface DemoZone {
  _id: string;
  name: string;
  nameAr: string;
  cityId: string;
  districts: readonly BostaDistrict[];
}

/** A district with the ids of the zone and city it belongs to. */
export interface DistrictRef extends BostaDistrict {
  cityId: string;
}

/** Governorates where HVAR's couriers do not collect (remote); drop-off still works. */
const NO_PICKUP = new Set(['EG-24', 'EG-25', 'EG-26', 'EG-27', 'EG-22']);

interface Built {
  cities: BostaCity[];
  weights: number[];
  zonesByCity: Map<string, DemoZone[]>;
}

function buildDistricts(code: string, zoneName: string, zoneAr: string, rows: readonly (readonly [string, string])[], open: boolean, pickup: boolean): BostaDistrict[] {
  const zoneId = stableId(`zone:${code}:${zoneName}`, 10);
  return rows.map(([name, nameAr]) => ({
    zoneId,
    zoneName,
    zoneOtherName: zoneAr,
    districtId: stableId(`district:${code}:${zoneName}:${name}`, 10),
    districtName: name,
    districtOtherName: nameAr,
    pickupAvailability: open && pickup,
    dropOffAvailability: open,
  }));
}

function build(): Built {
  const cities: BostaCity[] = [];
  const weights: number[] = [];
  const zonesByCity = new Map<string, DemoZone[]>();
  for (const [code, name, nameAr, weight, zoneRows] of CITY_ROWS) {
    const _id = stableId(`city:${code}`, 17);
    const pickup = !NO_PICKUP.has(code);
    cities.push({ _id, name, nameAr, code, pickupAvailability: pickup, dropOffAvailability: true });
    weights.push(weight);
    zonesByCity.set(
      _id,
      zoneRows.map(([rawName, zoneAr, districtRows]) => {
        const open = !rawName.endsWith('!');
        const zoneName = open ? rawName : rawName.slice(0, -1);
        const districts = buildDistricts(code, zoneName, zoneAr, districtRows ?? [[zoneName, zoneAr]], open, pickup);
        return { _id: stableId(`zone:${code}:${zoneName}`, 10), name: zoneName, nameAr: zoneAr, cityId: _id, districts };
      }),
    );
  }
  return { cities, weights, zonesByCity };
}

const BUILT = build();

/** All governorates, in code order (EG-01 Cairo, EG-02 Alexandria, EG-03 Giza, ...). */
export const CITIES: readonly BostaCity[] = BUILT.cities;

/** Share of HVAR's orders per city, aligned with CITIES (Cairo, Giza, Alexandria dominate). */
export const CITY_WEIGHTS: readonly number[] = BUILT.weights;

const normalize = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
const cityById = new Map(CITIES.map((c) => [c._id, c]));
const cityByKey = new Map<string, BostaCity>();
for (const c of CITIES) for (const k of [c.name, c.nameAr, c.code]) cityByKey.set(normalize(k), c);
const districtIndex = new Map<string, DistrictRef>();
const zoneIndex = new Map<string, DemoZone>();
for (const [cityId, zones] of BUILT.zonesByCity) {
  for (const z of zones) {
    zoneIndex.set(z._id, z);
    for (const d of z.districts) districtIndex.set(d.districtId, { ...d, cityId });
  }
}

/** City by `_id`. */
export function getCityById(id: string): BostaCity | undefined {
  return cityById.get(id);
}

/** City by English name, Arabic name or code (case- and space-insensitive). */
export function getCityByName(name: string): BostaCity | undefined {
  return cityByKey.get(normalize(name));
}

/** Zones of a city (empty for an unknown id). */
export function getZones(cityId: string): readonly DemoZone[] {
  return BUILT.zonesByCity.get(cityId) ?? [];
}

/** Zone by id. */
export function getZoneById(id: string): DemoZone | undefined {
  return zoneIndex.get(id);
}

/** District by id, with its zone and city ids. */
export function getDistrictById(id: string): DistrictRef | undefined {
  return districtIndex.get(id);
}

/** `GET /cities/:id/districts` rows of a city (empty for an unknown id). */
export function getDistricts(cityId: string): BostaDistrict[] {
  return getZones(cityId).flatMap((z) => z.districts);
}

/** A district of a city by its English or Arabic district name (or zone name when unique). */
export function findDistrict(cityId: string, name: string): BostaDistrict | undefined {
  const key = normalize(name);
  const all = getDistricts(cityId);
  return (
    all.find((d) => normalize(d.districtName) === key || normalize(d.districtOtherName) === key) ??
    all.find((d) => normalize(d.zoneName) === key || normalize(d.zoneOtherName) === key)
  );
}

/** `GET /cities/getAllDistricts` data: every city with its districts. */
export function getAllDistricts(): BostaCityWithDistricts[] {
  return CITIES.map((c) => ({
    cityId: c._id,
    cityName: c.name,
    cityOtherName: c.nameAr,
    cityCode: c.code,
    pickupAvailability: c.pickupAvailability,
    dropOffAvailability: c.dropOffAvailability,
    districts: getDistricts(c._id),
  }));
}
