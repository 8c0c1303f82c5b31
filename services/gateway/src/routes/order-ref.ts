import { z } from 'zod';

/** An order in a path: Bosta `_id` or tracking number (the classifier and hierarchy accept both). */
export const OrderRefParams = z.strictObject({
  order_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Bosta _id or tracking number (1-64 of A-Z a-z 0-9 _ -)'),
});
/** Parsed `:order_id`. */
export type OrderRefParams = z.infer<typeof OrderRefParams>;

/** A path segment, escaped. */
export const seg = encodeURIComponent;
