import { beforeAll, describe, expect, it } from 'vitest';
import { demoCoverage } from './coverage.js';
import { generateDemo } from './generator.js';
import { getDistrictById, getCityById } from './geography.js';
import { getProductBySku } from './products.js';
import type { DemoDelivery, DemoOptions } from './types.js';

const DAY = 86_400_000;
const NOW = new Date('2026-11-23T12:00:00.000Z');
const BASE: DemoOptions = { seed: 42, deliveries: 20_000, customers: 12_000, now: NOW };

/** domain.md §3 default rules v1, written independently of the generator's own helper. */
function classify(d: DemoDelivery): string {
  const state = d.outcome === 'delivered' ? (d.type === 25 ? 46 : 45) : d.outcome === 'returned' ? 46 : 0;
  if (d.type === 25) return 'T1';
  if (d.type === 30) return 'T2';
  if (state === 45 && d.codPiastres > 50_000) return '1';
  if (state === 45 && d.codPiastres > 0 && d.codPiastres <= 50_000) return '2';
  if (state === 45 && d.codPiastres === 0) return '3';
  if (d.codPiastres < 0) return '4';
  return '5';
}

const all = (opts: DemoOptions): DemoDelivery[] => [...generateDemo(opts)];

let demo: DemoDelivery[];
beforeAll(() => {
  demo = all(BASE);
});

function byPhone(list: DemoDelivery[]): Map<string, DemoDelivery[]> {
  const groups = new Map<string, DemoDelivery[]>();
  for (const d of list) groups.set(d.receiver.phone, [...(groups.get(d.receiver.phone) ?? []), d]);
  return groups;
}

describe('generateDemo determinism and counts', () => {
  it('gives identical output for the same options, also when iterated again', () => {
    const opts = { ...BASE, deliveries: 3_000, customers: 1_800 };
    const iterable = generateDemo(opts);
    const first = JSON.stringify([...iterable]);
    expect(JSON.stringify([...iterable])).toBe(first);
    expect(JSON.stringify(all(opts))).toBe(first);
    const other = JSON.stringify(all({ ...opts, seed: 43 }));
    expect(other).not.toBe(first);
  });

  it.each([
    [20_000, 12_000],
    [1_000, 1_000],
    [500, 20],
    [50, 200],
    [1, 1],
  ])('yields exactly %i deliveries for %i customers, one phone per customer', (deliveries, customers) => {
    const list = all({ ...BASE, deliveries, customers });
    expect(list).toHaveLength(deliveries);
    expect(new Set(list.map((d) => d.receiver.phone)).size).toBe(Math.min(deliveries, customers));
  });

  it('yields nothing for zero deliveries and rejects bad options with every problem listed', () => {
    expect(all({ ...BASE, deliveries: 0 })).toEqual([]);
    expect(() => generateDemo({ ...BASE, deliveries: -1, customers: 0, spanDays: 0 })).toThrow(
      /deliveries must be an integer.*customers must be an integer.*spanDays/,
    );
    expect(() => generateDemo({ ...BASE, seed: 1.5 })).toThrow(RangeError);
    expect(() => generateDemo({ ...BASE, now: new Date('nope') })).toThrow(/now must be a valid Date/);
  });
});

describe('generateDemo content', () => {
  it('produces every classification rule and every COD edge value', () => {
    const counts = new Map<string, number>();
    for (const d of demo) counts.set(classify(d), (counts.get(classify(d)) ?? 0) + 1);
    for (const rule of ['T1', 'T2', '1', '2', '3', '4', '5']) expect(counts.get(rule), rule).toBeGreaterThan(0);
    // Most customers buy once and the sale dominates.
    expect((counts.get('1') ?? 0) / demo.length).toBeGreaterThan(0.5);
    const cods = new Set(demo.map((d) => d.codPiastres));
    for (const edge of [50_000, 50_001, 0, -1, 1]) expect(cods.has(edge), String(edge)).toBe(true);
    // Type rules win over COD rules.
    expect(demo.some((d) => d.type === 25 && d.codPiastres < 0)).toBe(true);
    expect(demo.some((d) => d.type === 30 && d.outcome === 'delivered' && d.codPiastres > 50_000)).toBe(true);
    // Refunds in states other than delivered, and COD 0 not delivered (operational).
    expect(demo.some((d) => d.codPiastres < 0 && d.type !== 25 && d.type !== 30 && d.outcome !== 'delivered')).toBe(true);
    expect(demo.some((d) => d.codPiastres === 0 && d.type === 10 && d.outcome !== 'delivered')).toBe(true);
    const coverage = demoCoverage(demo);
    expect(coverage.byRule.R1).toBe(counts.get('1'));
    expect(coverage.byRule.T1).toBe(counts.get('T1'));
    expect(coverage.byRule.R5).toBe(counts.get('5'));
    expect(Object.values(coverage.byOutcome).every((n) => n > 0)).toBe(true);
  });

  it('covers the rules and edges even in a small generation', () => {
    const coverage = demoCoverage(generateDemo({ ...BASE, deliveries: 60, customers: 40 }));
    expect(Object.values(coverage.byRule).every((n) => n > 0)).toBe(true);
    expect(Object.values(coverage.edges).every((n) => n > 0)).toBe(true);
  });

  it('builds real hierarchies: subs within 365 days, beyond it, two mains, level-2 chains, orphans', () => {
    const subRules = new Set(['2', '3', '4', 'T1', 'T2']);
    let withSubs = 0, tooLate = 0, twoMainsBetween = 0, orphans = 0;
    for (const orders of byPhone(demo).values()) {
      const mains = orders.filter((d) => classify(d) === '1').map((d) => d.createdAt.getTime());
      const subs = orders.filter((d) => subRules.has(classify(d))).map((d) => d.createdAt.getTime());
      if (subs.length > 0 && mains.length === 0) orphans++;
      if (mains.length === 0) continue;
      const gaps = subs.map((s) => Math.min(...mains.map((m) => Math.abs(s - m))));
      if (gaps.some((g) => g <= 365 * DAY)) withSubs++;
      if (gaps.some((g) => g > 365 * DAY)) tooLate++;
      const [m1, m2] = [Math.min(...mains), Math.max(...mains)];
      if (mains.length >= 2 && subs.some((s) => s > m1 && s < m2)) twoMainsBetween++;
    }
    expect(withSubs).toBeGreaterThan(500);
    expect(tooLate).toBeGreaterThan(5);
    expect(twoMainsBetween).toBeGreaterThan(20);
    expect(orphans).toBeGreaterThan(20);
    const refs = new Map(demo.map((d) => [d.businessReference, d]));
    const level2 = demo.filter((d) => d.story.level === 2);
    expect(level2.length).toBeGreaterThan(20);
    for (const d of level2) {
      const parent = refs.get(d.story.parentReference ?? '');
      expect(parent?.receiver.phone).toBe(d.receiver.phone);
      expect(parent?.story.level).toBe(1);
      expect(d.notes).toContain(d.story.parentReference);
    }
  });

  it('writes valid phones, about 30% Arabic names, and consistent geography', () => {
    let arabic = 0;
    for (const d of demo) {
      expect(d.receiver.phone).toMatch(/^\+201[0125]\d{8}$/);
      if (d.receiver.secondPhone !== undefined) {
        expect(d.receiver.secondPhone).toMatch(/^\+201[0125]\d{8}$/);
        expect(d.receiver.secondPhone).not.toBe(d.receiver.phone);
      }
      if (/[\u0600-\u06FF]/.test(d.receiver.firstName)) arabic++;
      expect(d.receiver.firstNameAr).toMatch(/^[\u0600-\u06FF ]+$/);
      const district = getDistrictById(d.address.district._id);
      expect(district?.zoneId).toBe(d.address.zone._id);
      expect(district?.cityId).toBe(d.address.cityId);
      expect(district?.districtOtherName).toBe(d.address.district.nameAr);
      expect(district?.dropOffAvailability).toBe(true);
      expect(getCityById(d.address.cityId)?.name).toBe(d.address.city.name);
      expect(d.address.firstLine.length).toBeGreaterThan(3);
    }
    expect(arabic / demo.length).toBeGreaterThan(0.22);
    expect(arabic / demo.length).toBeLessThan(0.38);
  });

  it('keeps createdAt in the window and ascending, references unique and increasing, outcomes plausible', () => {
    const start = NOW.getTime() - 540 * DAY;
    let previous = start;
    demo.forEach((d, i) => {
      const t = d.createdAt.getTime();
      expect(t).toBeGreaterThanOrEqual(previous);
      expect(t).toBeLessThanOrEqual(NOW.getTime());
      expect(d.businessReference).toBe(`HV-${100_001 + i}`);
      expect(d.description).toBe(`${d.itemsCount} * ${d.product.name}`);
      expect(getProductBySku(d.product.sku)).toBeDefined();
      if (d.outcome === 'new' || d.outcome === 'in_transit') expect(NOW.getTime() - t).toBeLessThan(5 * DAY);
      if (d.type === 25) expect(d.outcome).not.toBe('returned');
      previous = t;
    });
    expect(demo[0]?.createdAt.getTime()).toBeLessThan(start + 30 * DAY);
  });

  it('respects a short span and another reference range', () => {
    const list = all({ ...BASE, deliveries: 2_000, customers: 1_500, spanDays: 30, firstReference: 900_000 });
    const start = NOW.getTime() - 30 * DAY;
    expect(list.every((d) => d.createdAt.getTime() >= start && d.createdAt <= NOW)).toBe(true);
    expect(list[0]?.businessReference).toBe('HV-900000');
  });
});

describe('generateDemo scale', () => {
  it('generates 200k deliveries quickly', () => {
    const started = performance.now();
    let n = 0;
    const phones = new Set<string>();
    for (const d of generateDemo({ seed: 9, deliveries: 200_000, customers: 120_000, now: NOW })) {
      n++;
      phones.add(d.receiver.phone);
    }
    expect(n).toBe(200_000);
    expect(phones.size).toBe(120_000);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
