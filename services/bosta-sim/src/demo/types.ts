/** Shapes of the demo data the simulator turns into Bosta deliveries. */

/**
 * Where the delivery ends up (the simulator maps it to the per-type Bosta state):
 * `delivered` = the type's successful end (45 Delivered for 10/15/30; for 25 the return pickup was
 * completed, Bosta's 46 "Returned to business"), `returned` = refused / returned to HVAR (46; never
 * used for type 25), `exception` = stuck in 47, `terminated` = cancelled (48), `in_transit` = picked
 * up and moving (21/24/30/41), `new` = created, not picked up yet (10).
 */
export type DemoOutcome = 'delivered' | 'returned' | 'exception' | 'terminated' | 'in_transit' | 'new';

/** Bosta delivery type: 10 SEND, 15 CASH_COLLECTION, 25 CUSTOMER_RETURN_PICKUP, 30 EXCHANGE. */
export type DemoType = 10 | 15 | 25 | 30;

/** What the order is in the customer's story (ground truth; the classifier derives its own). */
export type DemoRole = 'main' | 'maintenance' | 'service' | 'refund' | 'return_pickup' | 'exchange';

/** Ground truth about where a delivery sits in its customer's story (for tests and debugging). */
export interface DemoStory {
  /** 0-based customer index within this generation. */
  customer: number;
  role: DemoRole;
  /** 0 = a sale, 1 = follows a sale (or has no sale at all), 2 = follows a follow-up. */
  level: 0 | 1 | 2;
  /**
   * businessReference of the order this one was planned to follow up (its case's sale, or for level 2
   * the follow-up it continues). Intent, not the expected link: the hierarchy rules decide that (no
   * link beyond 365 days, closest main wins). Notes cite it only when it was created earlier.
   */
  parentReference?: string;
}

/** A name as Bosta shows it, with the id of its entity. */
export interface DemoPlace {
  _id: string;
  name: string;
  nameAr: string;
}

/** One demo delivery. Money in integer piastres; phones E.164. Nested place objects are shared and frozen. */
export interface DemoDelivery {
  type: DemoType;
  createdAt: Date;
  codPiastres: number;
  receiver: {
    firstName: string;
    lastName: string;
    firstNameAr?: string;
    lastNameAr?: string;
    phone: string;
    secondPhone?: string;
  };
  address: {
    cityId: string;
    city: { name: string; nameAr: string };
    zone: DemoPlace;
    district: DemoPlace;
    firstLine: string;
    secondLine?: string;
    buildingNumber?: string;
    floor?: string;
    apartment?: string;
  };
  product: { sku: string; name: string };
  itemsCount: number;
  /** `"N * product"`, as merchants write it. */
  description: string;
  notes?: string;
  /** `HV-<n>`, increasing with createdAt, unique within one generation. */
  businessReference: string;
  outcome: DemoOutcome;
  story: DemoStory;
}

/** Options of generateDemo. */
export interface DemoOptions {
  seed: number;
  /** Exactly this many deliveries are produced. */
  deliveries: number;
  /** Distinct customers (phones); capped at `deliveries`. */
  customers: number;
  /** The end of the generated period; every createdAt is in [now - spanDays, now]. */
  now: Date;
  /** Length of the period in days, default 540 (needs > 366 for the "beyond 365 days" stories). */
  spanDays?: number;
  /** Number of the first businessReference (HV-<n>), default 100001; use another range for a second batch. */
  firstReference?: number;
}
