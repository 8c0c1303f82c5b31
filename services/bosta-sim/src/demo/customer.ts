import { CITIES, CITY_WEIGHTS, getZones } from './geography.js';
import { FAMILY_NAMES, FEMALE_FIRST_NAMES, LANDMARKS, MALE_FIRST_NAMES, STREETS, type Spelling } from './names.js';
import { mix32, Rng, weightTable } from './random.js';
import type { DemoDelivery, DemoPlace } from './types.js';

/** Who a demo customer is: both spellings of the name, phones and up to two addresses. */
export interface DemoCustomer {
  arabic: boolean;
  first: Spelling;
  last: Spelling;
  phone: string;
  secondPhone?: string;
  home: DemoDelivery['address'];
  seed: number;
  index: number;
}

const PHONE_SPACE = 100_000_000;
/** Second phones use the upper half of the permuted space (shuffled), so they never equal a primary phone. */
const SECOND_PHONE_BASE = 50_000_000;
/** Mobile prefixes after +201: Vodafone 10, Etisalat 11, Orange 12, WE 15. */
const PREFIXES = ['0', '1', '2', '5'] as const;
const PREFIX_WEIGHTS = weightTable([40, 20, 30, 10]);
const CITY_TABLE = weightTable(CITY_WEIGHTS);

interface Area {
  cityId: string;
  city: { name: string; nameAr: string };
  zone: DemoPlace;
  district: DemoPlace;
}

/** Deliverable areas per city, frozen and shared by every address in them. */
const AREAS: readonly (readonly (readonly Area[])[])[] = CITIES.map((c) => {
  const city = Object.freeze({ name: c.name, nameAr: c.nameAr });
  return getZones(c._id)
    .map((z) => {
      const zone = Object.freeze({ _id: z._id, name: z.name, nameAr: z.nameAr });
      return z.districts
        .filter((d) => d.dropOffAvailability)
        .map((d) => Object.freeze({ cityId: c._id, city, zone, district: Object.freeze({ _id: d.districtId, name: d.districtName, nameAr: d.districtOtherName }) }));
    })
    .filter((districts) => districts.length > 0);
});

/** (a * x) mod 1e8 without leaving the exact-integer range of doubles. */
function mulMod1e8(a: number, x: number): number {
  const hi = Math.floor(a / 10_000);
  const lo = a % 10_000;
  return (((hi * x) % 10_000) * 10_000 + lo * x) % PHONE_SPACE;
}

/** A bijection of [0, 1e8) chosen by the seed: distinct customers always get distinct numbers. */
function permutePhone(seed: number, index: number): string {
  let a = (mix32(seed ^ 0x51ed27) % PHONE_SPACE) | 1;
  if (a % 5 === 0) a += 2; // coprime with 10^8
  const b = mix32(seed ^ 0x2545f491) % PHONE_SPACE;
  return String((mulMod1e8(a, index) + b) % PHONE_SPACE).padStart(8, '0');
}

function phoneFor(seed: number, index: number, prefixRng: Rng): string {
  const prefix = PREFIXES[prefixRng.weighted(PREFIX_WEIGHTS)] ?? '0';
  return `+201${prefix}${permutePhone(seed, index)}`;
}

function address(rng: Rng, arabic: boolean): DemoDelivery['address'] {
  const zones = AREAS[rng.weighted(CITY_TABLE)] ?? [];
  // Earlier zones are the big ones: bias toward them.
  const districts = zones[Math.floor(zones.length * rng.next() ** 1.6)] ?? [];
  const area = rng.pick(districts);
  const street = rng.pick(STREETS);
  const building = String(rng.int(1, 140));
  const firstLine = arabic ? `${building} شارع ${street[1]}` : `${building} ${street[0]} St`;
  const result: DemoDelivery['address'] = { ...area, firstLine, buildingNumber: building };
  if (rng.chance(0.85)) result.floor = rng.chance(0.08) ? (arabic ? 'أرضي' : 'Ground') : String(rng.int(1, 12));
  if (rng.chance(0.8)) result.apartment = String(rng.int(1, 30));
  if (rng.chance(0.4)) {
    const landmark = rng.pick(LANDMARKS);
    result.secondLine = arabic ? landmark[1] : landmark[0];
  }
  return result;
}

/** The customer with this index under this seed (same inputs, same customer). */
export function makeCustomer(seed: number, index: number): DemoCustomer {
  const rng = new Rng(seed, 2, index);
  const arabic = rng.chance(0.3);
  const first = rng.chance(0.55) ? rng.pick(MALE_FIRST_NAMES) : rng.pick(FEMALE_FIRST_NAMES);
  const family = rng.pick(FAMILY_NAMES);
  // Egyptians often give father's name + family name as the last name.
  let father = rng.pick(MALE_FIRST_NAMES);
  if (father === first) father = rng.pick(MALE_FIRST_NAMES);
  const last: Spelling = rng.chance(0.55) ? [`${father[0]} ${family[0]}`, `${father[1]} ${family[1]}`] : family;
  const phone = phoneFor(seed, index, rng);
  const secondPhone = rng.chance(0.15) ? phoneFor(seed, SECOND_PHONE_BASE + ((index * 7919 + 12_345) % SECOND_PHONE_BASE), rng) : undefined;
  const home = address(rng, arabic);
  return { arabic, first, last, phone, ...(secondPhone ? { secondPhone } : {}), home, seed, index };
}

/** A fresh copy of the customer's home address, or of the other address they sometimes order to. */
export function addressOf(customer: DemoCustomer, away: boolean): DemoDelivery['address'] {
  return away ? address(new Rng(customer.seed, 3, customer.index), customer.arabic) : { ...customer.home };
}

/** The receiver block for one delivery, in Arabic or English script. */
export function receiverOf(customer: DemoCustomer, arabic: boolean): DemoDelivery['receiver'] {
  const i = arabic ? 1 : 0;
  return {
    firstName: customer.first[i],
    lastName: customer.last[i],
    firstNameAr: customer.first[1],
    lastNameAr: customer.last[1],
    phone: customer.phone,
    ...(customer.secondPhone ? { secondPhone: customer.secondPhone } : {}),
  };
}
