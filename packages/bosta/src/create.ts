import { CreateDeliveryInputSchema, validateInput, type CreateDeliveryPayload } from './create-input.js';
import { BostaApiError, BostaNetworkError, DUPLICATE_REFERENCE_ERROR_CODE } from './errors.js';
import type { BostaHttp, BostaLogger } from './http.js';
import { parseBulk, parseCreated } from './responses.js';
import type { BulkCreateResult, CreatedDelivery, SearchQuery } from './types.js';

/** Bosta's bulk endpoint takes at most this many deliveries per call (official plugin chunks by 100). */
export const BULK_CHUNK = 100;

/** The call may have been applied before it failed: a timeout, a reset connection, a 5xx. */
export function isAmbiguousFailure(err: unknown): boolean {
  return (err instanceof BostaNetworkError && err.ambiguous) || (err instanceof BostaApiError && err.status >= 500);
}

/** Bosta refused a create because its uniqueBusinessReference is already used. */
export function isDuplicateReference(err: unknown): boolean {
  return err instanceof BostaApiError && err.errorCode === DUPLICATE_REFERENCE_ERROR_CODE;
}

type Search = (q: SearchQuery) => Promise<{ deliveries: unknown[]; count: number }>;

/**
 * Creates deliveries without ever blindly re-sending: after an ambiguous failure it first looks the
 * delivery up by uniqueBusinessReference, and creates again (once) only when the lookup proves it
 * does not exist.
 */
export class DeliveryCreator {
  constructor(
    private readonly http: BostaHttp,
    private readonly search: Search,
    private readonly log?: BostaLogger,
  ) {}

  /** Validate locally, create, and resolve ambiguity by lookup. */
  async create(input: unknown): Promise<CreatedDelivery> {
    const payload = validateInput('createDelivery', CreateDeliveryInputSchema, input);
    try {
      return await this.post(payload);
    } catch (first) {
      if (!isAmbiguousFailure(first)) throw first;
      const found = await this.lookupOrThrow(payload.uniqueBusinessReference, first);
      if (found) return found;
      this.log?.warn({ uniqueBusinessReference: payload.uniqueBusinessReference, err: (first as Error).message }, 'bosta create failed ambiguously and the delivery does not exist; creating once more');
      return this.retryOnce(payload);
    }
  }

  /** The delivery created with this uniqueBusinessReference, or null when none exists. */
  async findByUniqueBusinessReference(ubr: string): Promise<CreatedDelivery | null> {
    const { deliveries } = await this.search({ page: 1, limit: 10, filters: { uniqueBusinessReference: ubr } });
    // Only an exact match counts: a server that ignored the filter must not make us adopt a stranger.
    const hit = deliveries.find((d) => typeof d === 'object' && d !== null && (d as Record<string, unknown>).uniqueBusinessReference === ubr);
    return hit === undefined ? null : parseCreated('createDelivery', hit, true);
  }

  /** Validate every input first (nothing is sent if one is bad), then send in chunks of 100. Never retried. */
  async bulk(inputs: unknown[]): Promise<BulkCreateResult> {
    const payloads = inputs.map((input, i) => validateInput(`bulkCreateDeliveries[${i}]`, CreateDeliveryInputSchema, input));
    const result: BulkCreateResult = { created: [], failed: [] };
    for (let i = 0; i < payloads.length; i += BULK_CHUNK) {
      const data = await this.http.call({
        operation: 'bulkCreateDeliveries', method: 'POST', path: '/deliveries/bulk', query: { apiVersion: 1 },
        body: { deliveries: payloads.slice(i, i + BULK_CHUNK), deleteFailedDeliveries: false }, safe: false,
      });
      const chunk = parseBulk(data);
      result.created.push(...chunk.created);
      result.failed.push(...chunk.failed);
    }
    return result;
  }

  private async retryOnce(payload: CreateDeliveryPayload): Promise<CreatedDelivery> {
    try {
      return await this.post(payload);
    } catch (second) {
      // A duplicate now means the first try did land after all (it was still in flight).
      if (!isAmbiguousFailure(second) && !isDuplicateReference(second)) throw second;
      const found = await this.lookupOrThrow(payload.uniqueBusinessReference, second);
      if (found) return found;
      throw second;
    }
  }

  /** Lookup; if the lookup itself fails the original (ambiguous) error surfaces, never a guess. */
  private async lookupOrThrow(ubr: string, original: unknown): Promise<CreatedDelivery | null> {
    try {
      return await this.findByUniqueBusinessReference(ubr);
    } catch (lookupErr) {
      this.log?.warn({ uniqueBusinessReference: ubr, err: (lookupErr as Error).message }, 'bosta lookup after an ambiguous create failed');
      throw original;
    }
  }

  private async post(payload: CreateDeliveryPayload): Promise<CreatedDelivery> {
    const data = await this.http.call({
      operation: 'createDelivery', method: 'POST', path: '/deliveries', query: { apiVersion: 1 }, body: payload, safe: false,
    });
    return parseCreated('createDelivery', data, false);
  }
}
