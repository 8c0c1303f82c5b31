import { describe, expect, it } from 'vitest';
import { findCity, toBostaAddress, type CityEntry } from './address.js';

const CITIES: CityEntry[] = [
  { _id: 'c-cairo', name: 'Cairo', nameAr: 'القاهرة', code: 'EG-01' },
  { _id: 'c-giza', name: 'Giza', nameAr: 'الجيزة', code: 'EG-03' },
];
const address = { city: 'Cairo', zone: 'Nasr City', district: 'District 7', first_line: '12 Abbas El Akkad St' };

describe('toBostaAddress', () => {
  it('sends the city with its id, the district by name and the street', () => {
    expect(toBostaAddress(address, CITIES)).toEqual({ ok: true, value: { city: 'Cairo', cityId: 'c-cairo', districtName: 'District 7', firstLine: '12 Abbas El Akkad St' } });
  });

  it('finds the city by any spelling Bosta lists (case, spacing, Arabic name, code, id)', () => {
    for (const name of [' cairo ', 'CAIRO', 'القاهرة', 'eg-01', 'c-cairo']) expect(findCity(CITIES, name)?._id).toBe('c-cairo');
    expect(findCity(CITIES, 'Atlantis')).toBeUndefined();
  });

  it('falls back to the zone when the district is missing', () => {
    const mapped = toBostaAddress({ ...address, district: null }, CITIES);
    expect(mapped.ok && mapped.value.districtName).toBe('Nasr City');
  });

  it.each([
    [null, 'address_missing'],
    [{ ...address, city: 'Atlantis' }, 'address_city_unknown'],
    [{ ...address, zone: null, district: null }, 'address_district_missing'],
    [{ ...address, zone: '  ', district: '' }, 'address_district_missing'],
    [{ ...address, first_line: ' 12 ' }, 'address_first_line_too_short'],
  ])('names the problem: %j → %s', (input, code) => {
    const mapped = toBostaAddress(input, CITIES);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) {
      expect(mapped.problem.code).toBe(code);
      expect(mapped.problem.message.length).toBeGreaterThan(10);
    }
  });
});
