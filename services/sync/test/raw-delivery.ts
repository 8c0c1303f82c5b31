/**
 * Bosta-shaped raw deliveries for write-path tests (detail shape of bosta-api.md §9.1). Acceptance
 * tests use the simulator instead; these exercise the SQL paths precisely.
 */
export interface RawOptions {
  n: number;
  state?: number;
  stateAt?: string;
  updatedAt?: string;
  fees?: number | null;
  steps?: number;
}

/** A detail-shaped delivery number `n` (tracking number 5000000n, id `d<n>`). */
export function rawDelivery(opts: RawOptions): Record<string, unknown> {
  const stateAt = opts.stateAt ?? '2025-08-15T13:41:10.004Z';
  const steps = opts.steps ?? 3;
  const raw: Record<string, unknown> = {
    _id: `d${opts.n}`,
    trackingNumber: String(50_000_000 + opts.n),
    type: { code: 10, value: 'Package Delivery' },
    state: { code: opts.state ?? 41, value: 'Picked up', deliveryTime: opts.state === 45 ? stateAt : undefined },
    maskedState: 'Out for delivery',
    cod: 1250,
    paymentMethod: 'COD',
    isConfirmedDelivery: false,
    allowToOpenPackage: true,
    notes: 'Call before arrival',
    businessReference: `HV-${opts.n}`,
    receiver: { firstName: 'Ahmed', lastName: 'Hassan', fullName: 'Ahmed Hassan', phone: '+201001234567' },
    dropOffAddress: {
      city: { name: 'Cairo', nameAr: 'القاهرة' },
      zone: { name: 'Nasr City', nameAr: 'مدينة نصر' },
      district: { name: 'Nasr City', nameAr: 'مدينة نصر' },
      firstLine: '12 Abbas El Akkad St',
    },
    specs: { packageDetails: { itemsCount: 1, description: '1 * Hand blender 5057' } },
    timeline: Array.from({ length: steps }, (_, i) => ({
      value: `step_${i}`,
      code: 10 + i,
      done: true,
      date: i === steps - 1 ? stateAt : `2025-08-1${3 + (i % 2)}T09:45:51.763Z`,
    })),
    createdAt: '2025-08-13T09:45:51.763Z',
    updatedAt: opts.updatedAt ?? stateAt,
  };
  if (opts.fees !== undefined && opts.fees !== null) raw.shipmentFees = opts.fees;
  return raw;
}
