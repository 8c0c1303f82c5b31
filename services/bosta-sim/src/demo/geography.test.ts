import { describe, expect, it } from 'vitest';
import {
  CITIES, CITY_WEIGHTS, findDistrict, getAllDistricts, getCityById, getCityByName, getDistrictById,
  getDistricts, getZoneById, getZones,
} from './geography.js';
import { getProductBySku, PRODUCTS, PRODUCT_WEIGHTS } from './products.js';

const ARABIC = /^[\u0600-\u06FF0-9 ]+$/;

describe('geography', () => {
  it('lists the governorates with the Bosta codes of Cairo, Alexandria and Giza', () => {
    expect(CITIES.length).toBe(27);
    expect(CITY_WEIGHTS.length).toBe(CITIES.length);
    expect(getCityByName('Cairo')?.code).toBe('EG-01');
    expect(getCityByName('alexandria')?.code).toBe('EG-02');
    expect(getCityByName('الجيزة')?.code).toBe('EG-03');
    expect(getCityByName('EG-23')?.name).toBe('Kafr El Sheikh');
    for (const name of ['Sharqia', 'Dakahlia', 'Qalyubia', 'Gharbia', 'Monufia', 'Beheira', 'Ismailia', 'Port Said', 'Suez', 'Damietta', 'Faiyum', 'Beni Suef', 'Minya', 'Asyut', 'Sohag', 'Qena', 'Luxor', 'Aswan', 'Red Sea']) {
      expect(getCityByName(name), name).toBeDefined();
    }
    expect(new Set(CITIES.map((c) => c.code)).size).toBe(CITIES.length);
    expect(getCityByName('Atlantis')).toBeUndefined();
  });

  it('gives every city, zone and district a unique stable id and an Arabic name', () => {
    const ids = new Set<string>();
    for (const c of CITIES) {
      expect(c._id).toMatch(/^[0-9A-Za-z]{17}$/);
      expect(c.nameAr).toMatch(ARABIC);
      ids.add(c._id);
      for (const z of getZones(c._id)) {
        expect(z.cityId).toBe(c._id);
        expect(getZoneById(z._id)?.name).toBe(z.name);
        ids.add(z._id);
        for (const d of z.districts) {
          expect(d.zoneId).toBe(z._id);
          expect(d.districtOtherName).toMatch(ARABIC);
          expect(d.zoneOtherName).toMatch(ARABIC);
          expect(getDistrictById(d.districtId)?.cityId).toBe(c._id);
          ids.add(d.districtId);
        }
      }
    }
    const districtCount = CITIES.reduce((n, c) => n + getDistricts(c._id).length, 0);
    const zoneCount = CITIES.reduce((n, c) => n + getZones(c._id).length, 0);
    expect(ids.size).toBe(CITIES.length + zoneCount + districtCount);
    // Pinned: ids are derived from names, so they must never change between versions.
    expect(getCityByName('Cairo')?._id).toBe('AQfe8bo3UOnC8CJdT');
    expect(findDistrict(getCityByName('Cairo')?._id ?? '', 'Korba')?.districtId).toBe('OmnTOz7Du4');
  });

  it('finds districts by English or Arabic name and serves the getAllDistricts shape', () => {
    const cairo = getCityByName('Cairo');
    const giza = getCityByName('Giza');
    if (!cairo || !giza) throw new Error('missing');
    expect(findDistrict(cairo._id, 'Korba')?.zoneName).toBe('Heliopolis');
    expect(findDistrict(cairo._id, 'مدينة نصر')?.zoneOtherName).toBe('مدينة نصر');
    expect(findDistrict(giza._id, 'السادس من أكتوبر')?.zoneName).toBe('6th of October');
    expect(findDistrict(giza._id, 'Korba')).toBeUndefined();
    expect(getDistricts('nope')).toEqual([]);
    const all = getAllDistricts();
    expect(all).toHaveLength(CITIES.length);
    expect(all[0]).toMatchObject({ cityName: 'Cairo', cityOtherName: 'القاهرة', cityCode: 'EG-01' });
    expect(getCityById(all[0]?.cityId ?? '')?.name).toBe('Cairo');
  });

  it('marks restricted areas closed for drop-off', () => {
    const closed = CITIES.flatMap((c) => getDistricts(c._id)).filter((d) => !d.dropOffAvailability);
    expect(closed.map((d) => d.districtName)).toContain('Siwa');
    expect(closed.every((d) => !d.pickupAvailability)).toBe(true);
  });
});

describe('products', () => {
  it('prices every product above 500 EGP and every part at or below it, with unique SKUs', () => {
    expect(PRODUCTS.length).toBeGreaterThan(25);
    expect(PRODUCT_WEIGHTS.length).toBe(PRODUCTS.length);
    const skus = new Set<string>();
    for (const p of PRODUCTS) {
      expect(p.pricePiastres).toBeGreaterThan(50000);
      expect(Number.isInteger(p.pricePiastres)).toBe(true);
      skus.add(p.sku);
      for (const part of p.parts) {
        expect(part.pricePiastres).toBeLessThanOrEqual(50000);
        expect(part.pricePiastres).toBeGreaterThan(0);
        skus.add(part.sku);
      }
    }
    expect(skus.size).toBe(PRODUCTS.length + PRODUCTS.reduce((n, p) => n + p.parts.length, 0));
    expect(getProductBySku('HV-HB-5057')?.name).toBe('Hand blender 5057');
    expect(getProductBySku('HV-HB-5057-BLADE')?.name).toBe('Blade for Hand blender 5057');
  });
});
