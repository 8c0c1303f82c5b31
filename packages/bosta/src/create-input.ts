import { z } from 'zod';
import { BostaInputError } from './errors.js';
import { toBostaPhone } from './phone.js';

/** An Egyptian mobile in any accepted spelling, sent to Bosta as `01XXXXXXXXX`. */
const PhoneInput = z.string().transform((value, ctx) => {
  const local = toBostaPhone(value);
  if (local === null) {
    ctx.addIssue({ code: 'custom', message: `not an Egyptian mobile ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return local;
});

const text = z.string().trim().min(1);
const amount = z.number().finite().refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most 2 decimals');

/** An address as Bosta's create accepts it (bosta-api.md §3.4): city, firstLine ≥ 5 chars, districtId or districtName + cityId. */
function address(requiredMessage: string) {
  return z
    .object(
      {
        city: z.string({ error: 'city is required' }).trim().min(1, 'city is required'),
        districtId: text.optional(),
        zoneId: text.optional(),
        districtName: text.optional(),
        cityId: text.optional(),
        firstLine: z.string({ error: 'firstLine is required' }).trim().min(5, 'firstLine must be at least 5 characters'),
        secondLine: z.string().trim().optional(),
        buildingNumber: z.union([z.string(), z.number()]).transform(String).optional(),
        floor: z.union([z.string(), z.number()]).transform(String).optional(),
        apartment: z.union([z.string(), z.number()]).transform(String).optional(),
        isWorkAddress: z.boolean().optional(),
        geoLocation: z.tuple([z.number(), z.number()]).optional(),
      },
      { error: (issue) => (issue.input === undefined ? requiredMessage : undefined) },
    )
    .refine((a) => a.districtId !== undefined || (a.districtName !== undefined && a.cityId !== undefined), {
      message: 'districtId, or districtName with cityId, is required',
      path: ['districtId'],
    });
}

/** An address for update and other optional slots. */
export const AddressInputSchema = address('address is required');

const PackageSchema = z.object({
  packageType: text.optional(),
  size: z.enum(['SMALL', 'MEDIUM', 'LARGE']).optional(),
  weight: z.number().positive().optional(),
  packageDetails: z.object({ itemsCount: z.number().int().positive().optional(), description: z.string().trim().max(500).optional() }).optional(),
});

const ReceiverSchema = z.object({
  firstName: text.max(50),
  lastName: z.string().trim().max(50).optional(),
  phone: PhoneInput,
  secondPhone: PhoneInput.optional(),
  email: z.email().optional(),
});

const common = {
  /** Dedupe key Bosta enforces per business; required so an ambiguous create can be looked up. */
  uniqueBusinessReference: text.max(100),
  businessReference: text.max(100).optional(),
  cod: amount.default(0),
  notes: z.string().trim().max(1000).optional(),
  returnNotes: z.string().trim().max(1000).optional(),
  allowToOpenPackage: z.boolean().optional(),
  businessLocationId: text.optional(),
  receiver: ReceiverSchema,
  specs: PackageSchema.optional(),
  returnSpecs: PackageSchema.optional(),
  goodsInfo: z.object({ amount: z.number().nonnegative() }).optional(),
  webhookUrl: z.url().optional(),
  webhookCustomHeaders: z.record(z.string(), z.string()).optional(),
};

const DROP_OFF = 'dropOffAddress is required for types 10 (SEND) and 30 (EXCHANGE)';
const PICKUP = 'pickupAddress is required for types 15 (CASH_COLLECTION) and 25 (CUSTOMER_RETURN_PICKUP)';

/** Create payload per type: 10/30 need `dropOffAddress`, 15/25 need `pickupAddress` (the customer). */
export const CreateDeliveryInputSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal(10), dropOffAddress: address(DROP_OFF), pickupAddress: AddressInputSchema.optional(), returnAddress: AddressInputSchema.optional(), ...common }),
    z.object({ type: z.literal(15), pickupAddress: address(PICKUP), ...common }),
    z.object({ type: z.literal(25), pickupAddress: address(PICKUP), returnAddress: AddressInputSchema.optional(), ...common }),
    z.object({ type: z.literal(30), dropOffAddress: address(DROP_OFF), returnAddress: AddressInputSchema.optional(), ...common }),
  ],
  { error: 'type must be 10 (SEND), 15 (CASH_COLLECTION), 25 (CUSTOMER_RETURN_PICKUP) or 30 (EXCHANGE)' },
);
/** What callers pass to `createDelivery` (phones in any accepted spelling). */
export type CreateDeliveryInput = z.input<typeof CreateDeliveryInputSchema>;
/** What is sent to Bosta (phones as `01XXXXXXXXX`). */
export type CreateDeliveryPayload = z.output<typeof CreateDeliveryInputSchema>;

/** Fields `PUT /deliveries/business/:tn` accepts; at least one. */
export const UpdateDeliveryInputSchema = z
  .object({
    cod: amount.optional(),
    notes: z.string().trim().max(1000).optional(),
    businessReference: text.max(100).optional(),
    allowToOpenPackage: z.boolean().optional(),
    receiver: z.object({ firstName: text.max(50).optional(), lastName: z.string().trim().max(50).optional(), fullName: text.optional(), phone: PhoneInput.optional(), secondPhone: PhoneInput.optional() }).optional(),
    dropOffAddress: AddressInputSchema.optional(),
    pickupAddress: AddressInputSchema.optional(),
    specs: PackageSchema.optional(),
    goodsInfo: z.object({ amount: z.number().nonnegative() }).optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' });
/** What callers pass to `updateDelivery`. */
export type UpdateDeliveryInput = z.input<typeof UpdateDeliveryInputSchema>;

/** `POST /pickups` body (bosta-api.md §3.10). */
export const CreatePickupInputSchema = z.object({
  scheduledDate: z.iso.date(),
  businessLocationId: text.optional(),
  contactPerson: z.object({ name: text, phone: PhoneInput, secPhone: PhoneInput.optional(), email: z.email().optional() }).optional(),
  notes: z.string().trim().max(1000).optional(),
  numberOfParcels: z.number().int().positive().optional(),
  packageType: z.enum(['Normal', 'Light Bulky', 'Heavy Bulky']).optional(),
  repeatedData: z.object({ repeatedType: z.enum(['One Time', 'Daily', 'Weekly']), days: z.array(z.string()).optional(), startDate: z.iso.date().optional(), endDate: z.iso.date().optional() }).optional(),
});
/** What callers pass to `createPickup`. */
export type CreatePickupInput = z.input<typeof CreatePickupInputSchema>;

/** Validate `input` with `schema` or throw `BostaInputError` listing every issue; nothing is sent then. */
export function validateInput<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new BostaInputError(
    operation,
    parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}
