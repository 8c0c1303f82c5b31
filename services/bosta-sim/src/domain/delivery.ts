import type { PlanStep } from './plan.js';
import type { SimTypeCode } from './states.js';

/** A named place as Bosta renders it inside an address. */
export interface NamedPlace {
  _id?: string;
  name: string;
  nameAr?: string;
}

/** An address as rendered in a delivery object (`dropOffAddress` / `pickupAddress`). */
export interface SimAddress {
  country?: { name: string; code: string };
  city: NamedPlace;
  zone: NamedPlace;
  district: NamedPlace;
  firstLine: string;
  secondLine?: string;
  buildingNumber?: string;
  floor?: string;
  apartment?: string;
}

/** Package description (`specs` / `returnSpecs`). */
export interface SimSpecs {
  packageType: string;
  size?: string;
  weight?: number;
  packageDetails: { itemsCount: number; description: string };
}

/** The receiver as stored (phone in +201… form). */
export interface SimReceiver {
  firstName: string;
  lastName: string;
  phone: string;
  secondPhone: string | null;
  email?: string;
}

/** A per-delivery webhook target (`webhookUrl` + `webhookCustomHeaders`). */
export interface WebhookTarget {
  url: string;
  headers: Record<string, string>;
}

/**
 * One simulated delivery. Its state at any sim time comes from `plan` (the steps reached are
 * `plan[0..reached-1]`); `touchedAt` is the last update by the business (PUT/terminate), which also
 * moves `updatedAt`.
 */
export interface SimDelivery {
  seq: number;
  id: string;
  trackingNumber: string;
  type: SimTypeCode;
  createdAt: number;
  source: 'demo' | 'api';
  businessReference: string | null;
  uniqueBusinessReference: string | null;
  receiver: SimReceiver;
  dropOffAddress?: SimAddress;
  pickupAddress?: SimAddress;
  specs?: SimSpecs;
  returnSpecs?: SimSpecs;
  /** EGP (Bosta's unit). */
  cod: number;
  notes: string | null;
  allowToOpenPackage: boolean;
  webhook?: WebhookTarget;
  plan: PlanStep[];
  reached: number;
  touchedAt: number;
  updatedAt: number;
  /** Deterministic rendering variations (bit 0: cashCycle as strings, bit 1: date zone suffix). */
  style: number;
  /** Admin-injected garbage deep-merged into the rendered object. */
  corrupt?: Record<string, unknown>;
}

/** The plan step the delivery is in (the last one reached). */
export function currentStep(d: SimDelivery, reached = d.reached): PlanStep {
  return (d.plan[Math.max(0, reached - 1)] ?? d.plan[0]) as PlanStep;
}

/** `updatedAt` (ms): the later of the last reached step and the last business update. */
export function computeUpdatedAt(d: SimDelivery): number {
  return Math.max(currentStep(d).at, d.touchedAt, d.createdAt);
}
