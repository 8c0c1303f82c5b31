import type { CreateDeliveryInput } from '@hvar/bosta';
import type { BostaAddress } from './address.js';
import type { LegKind } from './status.js';

/** What a leg tells Bosta's create (from the stored leg). */
export interface LegCreateFacts {
  leg: LegKind;
  type_code: number;
  kind: string;
  case_number: string;
  unique_business_reference: string;
  customer_phone: string;
  customer_name: string | null;
  product_name: string | null;
  action_type: string | null;
  reason: string | null;
  notes: string | null;
  cod_piastres: number;
}

/** Settings of the create that are not the leg's. */
export interface CreateSettings {
  /** Where a return goes back to (Bosta's default business location when undefined). */
  businessLocationId?: string | undefined;
}

const MAX_DESCRIPTION = 500;
const MAX_NAME = 50;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** `"Mona Adel Hassan"` → first name `Mona`, last name `Adel Hassan` (Bosta caps both at 50). */
export function receiverName(fullName: string | null): { firstName: string; lastName?: string } {
  const parts = (fullName ?? '').trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = parts;
  if (!first) return { firstName: 'Customer' };
  const last = rest.join(' ');
  return last ? { firstName: clip(first, MAX_NAME), lastName: clip(last, MAX_NAME) } : { firstName: clip(first, MAX_NAME) };
}

/**
 * The Bosta create body of a leg (bosta-api.md §3.4, §9.3). A pickup is type 25 with the customer's
 * address as `pickupAddress`, COD as configured (0), the product in `returnSpecs`; an outbound
 * delivery is type 10 (or 30, which also collects the old unit) to the customer's `dropOffAddress`
 * with COD 0. The case number is the `businessReference`, the leg's reference the unique one.
 */
export function createInputFor(leg: LegCreateFacts, address: BostaAddress, settings: CreateSettings = {}): CreateDeliveryInput {
  const product = leg.product_name?.trim() || 'Product';
  const common = {
    receiver: { ...receiverName(leg.customer_name), phone: leg.customer_phone },
    businessReference: leg.case_number,
    uniqueBusinessReference: leg.unique_business_reference,
  };
  if (leg.leg === 'pickup') {
    const why = [leg.action_type, leg.reason].filter(Boolean).join(': ');
    return {
      ...common,
      type: 25,
      cod: leg.cod_piastres / 100,
      pickupAddress: address,
      returnSpecs: { packageDetails: { itemsCount: 1, description: clip(`${product}${why ? ` - ${why}` : ''}`, MAX_DESCRIPTION) } },
      notes: clip(`Return pickup for case ${leg.case_number}`, 1_000),
      ...(settings.businessLocationId ? { businessLocationId: settings.businessLocationId } : {}),
    };
  }
  const description = clip(`${product} - ${leg.kind === 'replacement' ? 'replacement unit' : 'repaired product'} (${leg.case_number})`, MAX_DESCRIPTION);
  const shipment = {
    ...common,
    cod: 0,
    dropOffAddress: address,
    specs: { packageDetails: { itemsCount: 1, description } },
    ...(leg.notes ? { notes: clip(leg.notes, 1_000) } : {}),
  };
  if (leg.type_code === 30) {
    return { ...shipment, type: 30, returnSpecs: { packageDetails: { itemsCount: 1, description: clip(`Old unit: ${product}`, MAX_DESCRIPTION) } } };
  }
  return { ...shipment, type: 10 };
}
