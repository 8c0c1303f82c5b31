import { getCityById, getCityByName, getDistrictById, findDistrict, getZoneById, type BostaCity, type BostaDistrict } from '../demo/geography.js';
import type { SimAddress } from './delivery.js';
import { ERR } from './errors.js';

const EGYPT = { name: 'Egypt', code: 'EG' };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

function cityOf(raw: Record<string, unknown>): BostaCity | undefined {
  const id = text(raw.cityId);
  const name = text(raw.city);
  return (id ? getCityById(id) : undefined) ?? (name ? getCityByName(name) ?? getCityById(name) : undefined);
}

function districtOf(raw: Record<string, unknown>, city: BostaCity | undefined): (BostaDistrict & { cityId: string }) | undefined {
  const districtId = text(raw.districtId);
  if (districtId) {
    const d = getDistrictById(districtId);
    if (!d) throw ERR.missingAddress(`unknown districtId ${districtId}`);
    if (city && city._id !== d.cityId) throw ERR.missingAddress(`district ${districtId} is not in ${city.name}`);
    return d;
  }
  const districtName = text(raw.districtName) ?? text(raw.zone);
  if (districtName && city) {
    const d = findDistrict(city._id, districtName);
    return d ? { ...d, cityId: city._id } : undefined;
  }
  const zoneId = text(raw.zoneId);
  const zone = zoneId ? getZoneById(zoneId) : undefined;
  const first = zone?.districts[0];
  return zone && first ? { ...first, cityId: zone.cityId } : undefined;
}

/**
 * Validates and resolves a create/update address (bosta-api.md §3.4): `firstLine` of at least 5
 * characters; `city` (name, code or id) plus `districtId`, or `districtName` + `cityId`, or a
 * `zoneId`. A missing or unknown place answers 400/3009; a district closed to the given direction
 * ('dropOff' or 'pickup') too.
 */
export function resolveAddress(raw: unknown, field: string, direction: 'dropOff' | 'pickup'): SimAddress {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw ERR.missingAddress(`${field} is required`);
  const a = raw as Record<string, unknown>;
  const city = cityOf(a);
  if ((text(a.city) || text(a.cityId)) && !city) throw ERR.missingAddress(`unknown city in ${field}`);
  const district = districtOf(a, city);
  if (!district) throw ERR.missingAddress(`${field} needs city + districtId, districtName + cityId, or zoneId`);
  const open = direction === 'dropOff' ? district.dropOffAvailability : district.pickupAvailability;
  if (!open) throw ERR.missingAddress(`${field}: ${district.districtName} is not covered for ${direction}`);
  const firstLine = text(a.firstLine);
  if (!firstLine || firstLine.length < 5) throw ERR.validation(`${field}.firstLine must be at least 5 characters`);
  const resolvedCity = getCityById(district.cityId) as BostaCity;
  const out: SimAddress = {
    country: EGYPT,
    city: { _id: resolvedCity._id, name: resolvedCity.name, nameAr: resolvedCity.nameAr },
    zone: { _id: district.zoneId, name: district.zoneName, nameAr: district.zoneOtherName },
    district: { _id: district.districtId, name: district.districtName, nameAr: district.districtOtherName },
    firstLine,
  };
  for (const key of ['secondLine', 'buildingNumber', 'floor', 'apartment'] as const) {
    const v = text(a[key]);
    if (v) out[key] = v;
  }
  return out;
}
