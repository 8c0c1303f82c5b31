import { fail, isAbsent, isRecord, optNumber, optString, show } from './read.js';

/** One Bosta address flattened into the columns we keep. */
export interface ParsedAddress {
  city: string | null;
  cityAr: string | null;
  zone: string | null;
  zoneAr: string | null;
  district: string | null;
  districtAr: string | null;
  firstLine: string | null;
  secondLine: string | null;
  building: string | null;
  floor: string | null;
  apartment: string | null;
  lat: number | null;
  lng: number | null;
}

/** An empty address (all columns null). */
export const NO_ADDRESS: ParsedAddress = {
  city: null, cityAr: null, zone: null, zoneAr: null, district: null, districtAr: null,
  firstLine: null, secondLine: null, building: null, floor: null, apartment: null, lat: null, lng: null,
};

/** `{ name, nameAr }` or a bare name string. */
function named(value: unknown, path: string): { name: string | null; nameAr: string | null } {
  if (isAbsent(value)) return { name: null, nameAr: null };
  if (typeof value === 'string') return { name: optString(value, path), nameAr: null };
  if (!isRecord(value)) return fail(path, `expected a name or { name }, got ${show(value)}`);
  return { name: optString(value.name, `${path}.name`), nameAr: optString(value.nameAr ?? value.otherName, `${path}.nameAr`) };
}

/** `geoLocation: [lng, lat]` (GeoJSON order, as on create) or `{ lat, lng }`. */
function coordinates(addr: Record<string, unknown>, path: string): { lat: number | null; lng: number | null } {
  const geo = addr.geoLocation;
  if (Array.isArray(geo)) {
    if (geo.length < 2) return fail(`${path}.geoLocation`, `expected [lng, lat], got ${show(geo)}`);
    return { lng: optNumber(geo[0], `${path}.geoLocation[0]`), lat: optNumber(geo[1], `${path}.geoLocation[1]`) };
  }
  return { lat: optNumber(addr.lat, `${path}.lat`), lng: optNumber(addr.lng, `${path}.lng`) };
}

/** Parse an address object at `path`; absent → all nulls. */
export function parseAddress(value: unknown, path: string): ParsedAddress {
  if (isAbsent(value)) return NO_ADDRESS;
  if (!isRecord(value)) return fail(path, `expected an address object, got ${show(value)}`);
  const city = named(value.city, `${path}.city`);
  const zone = named(value.zone, `${path}.zone`);
  const district = named(value.district, `${path}.district`);
  return {
    city: city.name, cityAr: city.nameAr, zone: zone.name, zoneAr: zone.nameAr,
    district: district.name, districtAr: district.nameAr,
    firstLine: optString(value.firstLine, `${path}.firstLine`),
    secondLine: optString(value.secondLine, `${path}.secondLine`),
    building: optString(value.buildingNumber, `${path}.buildingNumber`),
    floor: optString(value.floor, `${path}.floor`),
    apartment: optString(value.apartment, `${path}.apartment`),
    ...coordinates(value, path),
  };
}

/**
 * Customer-side and business-side addresses. For Cash Collection (15) and Customer Return Pickup
 * (25) Bosta picks up at the customer, so the customer is `pickupAddress` (bosta-api.md §3.4, §7.9).
 */
export function splitAddresses(raw: Record<string, unknown>, typeCode: number | null): { customer: ParsedAddress; business: ParsedAddress } {
  const dropOff = parseAddress(raw.dropOffAddress, 'dropOffAddress');
  const pickup = parseAddress(raw.pickupAddress, 'pickupAddress');
  if ((typeCode === 25 || typeCode === 15) && !isAbsent(raw.pickupAddress)) {
    const business = isAbsent(raw.dropOffAddress) ? parseAddress(raw.returnAddress, 'returnAddress') : dropOff;
    return { customer: pickup, business };
  }
  return { customer: dropOff, business: pickup };
}
