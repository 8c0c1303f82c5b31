import { WAREHOUSE_ADDRESS } from './domain/business.js';
import type { NamedPlace, SimAddress, SimDelivery, SimSpecs } from './domain/delivery.js';
import { deliveryIdOf, styleOf, trackingNumberOf } from './domain/identity.js';
import { buildPlan, reachedAt } from './domain/plan.js';
import { mixSeed } from './domain/rng.js';
import type { DemoDelivery } from './demo/types.js';

const EGYPT = { name: 'Egypt', code: 'EG' };
const cityPlaces = new Map<string, NamedPlace>();

function cityPlace(a: DemoDelivery['address']): NamedPlace {
  let place = cityPlaces.get(a.cityId);
  if (!place) {
    place = { _id: a.cityId, name: a.city.name, nameAr: a.city.nameAr };
    cityPlaces.set(a.cityId, place);
  }
  return place;
}

function address(a: DemoDelivery['address']): SimAddress {
  const out: SimAddress = { country: EGYPT, city: cityPlace(a), zone: a.zone, district: a.district, firstLine: a.firstLine };
  if (a.secondLine) out.secondLine = a.secondLine;
  if (a.buildingNumber) out.buildingNumber = a.buildingNumber;
  if (a.floor) out.floor = a.floor;
  if (a.apartment) out.apartment = a.apartment;
  return out;
}

function placement(rec: DemoDelivery): Pick<SimDelivery, 'dropOffAddress' | 'pickupAddress' | 'specs' | 'returnSpecs'> {
  const specs: SimSpecs = { packageType: 'Parcel', size: 'SMALL', weight: 1, packageDetails: { itemsCount: rec.itemsCount, description: rec.description } };
  const customer = address(rec.address);
  switch (rec.type) {
    case 10:
      return { dropOffAddress: customer, pickupAddress: WAREHOUSE_ADDRESS, specs };
    case 15:
      return { pickupAddress: customer };
    case 25:
      return { pickupAddress: customer, dropOffAddress: WAREHOUSE_ADDRESS, returnSpecs: specs };
    case 30:
      return { dropOffAddress: customer, pickupAddress: WAREHOUSE_ADDRESS, specs, returnSpecs: specs };
  }
}

/**
 * Turns one generated demo record into a delivery whose plan puts it, at sim time `now`, in the
 * state its outcome describes (later steps, if any, lie in the future and happen as time passes).
 */
export function demoToDelivery(rec: DemoDelivery, seq: number, seed: number, now: number): SimDelivery {
  const createdAt = Math.min(rec.createdAt.getTime(), now);
  const plan = buildPlan({ type: rec.type, outcome: rec.outcome, createdAt, now, seed: mixSeed(seed, seq, 3) });
  const style = styleOf(seed, seq);
  return {
    seq,
    id: deliveryIdOf(seed, seq),
    trackingNumber: trackingNumberOf(seed, seq),
    type: rec.type,
    createdAt,
    source: 'demo',
    businessReference: rec.businessReference,
    uniqueBusinessReference: null,
    receiver: { firstName: rec.receiver.firstName, lastName: rec.receiver.lastName, phone: rec.receiver.phone, secondPhone: rec.receiver.secondPhone ?? null },
    ...placement(rec),
    cod: rec.codPiastres / 100,
    notes: rec.notes ?? null,
    allowToOpenPackage: seq % 3 === 0,
    plan,
    reached: reachedAt(plan, now),
    touchedAt: 0,
    updatedAt: createdAt,
    style,
  };
}
