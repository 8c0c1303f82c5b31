export * from './delivery.js';
export * from './errors.js';
export { normalizePhone, toBostaPhone, toAsciiDigits } from './phone.js';
export { parseBostaDate, parseBostaCalendarDate, cairoDate } from './dates.js';
export { toPiastres } from './money.js';
export type { NormalizeResult } from './normalize/read.js';
export { normalizeDelivery } from './normalize/delivery.js';
export { normalizeWebhook } from './normalize/webhook.js';
export { createBostaClient, EGYPT_COUNTRY_ID, type BostaClient, type BostaClientOptions } from './client.js';
export type { BostaLoginCredentials } from './auth.js';
export type { BostaLogger } from './http.js';
export { DEFAULT_RETRY, backoffDelay, retryAfterMs, type RetryPolicy } from './retry.js';
export { isAmbiguousFailure, isDuplicateReference, BULK_CHUNK } from './create.js';
export {
  CreateDeliveryInputSchema, UpdateDeliveryInputSchema, CreatePickupInputSchema, AddressInputSchema,
  type CreateDeliveryInput, type CreateDeliveryPayload, type UpdateDeliveryInput, type CreatePickupInput,
} from './create-input.js';
export * from './types.js';
