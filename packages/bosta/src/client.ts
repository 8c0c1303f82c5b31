import { ApiKeyAuth, LoginAuth, type BostaLoginCredentials } from './auth.js';
import { DeliveryCreator } from './create.js';
import {
  CreatePickupInputSchema, UpdateDeliveryInputSchema, validateInput,
  type CreateDeliveryInput, type CreatePickupInput, type UpdateDeliveryInput,
} from './create-input.js';
import { BostaHttp, type AuthSource, type BostaLogger, type CallSpec } from './http.js';
import { parseIdAnswer, parseList, parsePdf, parseSearch } from './responses.js';
import { DEFAULT_RETRY, realSleep, type RetryPolicy } from './retry.js';
import {
  CitySchema, CityWithDistrictsSchema, DistrictSchema, PickupLocationSchema,
  type BulkCreateResult, type City, type CityWithDistricts, type CreatedDelivery, type District,
  type MassAwbQuery, type PickupLocation, type SearchQuery,
} from './types.js';

/** Bosta's id for Egypt in `/cities/getAllDistricts?countryId=` (bosta-api.md §3.11). */
export const EGYPT_COUNTRY_ID = '60e4482c7cb7d4bc4849c4d5';

/** How to reach Bosta. Give `apiKey`, or `login` to use a dashboard token (re-login once on 401). */
export interface BostaClientOptions {
  /** API base including the version, e.g. `https://app.bosta.co/api/v2`. */
  baseUrl: string;
  apiKey?: string;
  login?: BostaLoginCredentials;
  /** Per-request timeout (default 15000 ms). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  log?: BostaLogger;
  /** Injectable wait for retries (tests pass a recorder instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable jitter source in [0, 1). */
  random?: () => number;
  /** Injectable clock (ms) for Retry-After HTTP dates. */
  now?: () => number;
}

/** Every Bosta API v2 call HVAR makes. Raw deliveries are returned unnormalized; callers normalize. */
export interface BostaClient {
  /** One page of `POST /deliveries/search` (page 1-based, limit ≤ 200); safe, retried. */
  searchDeliveries(q: SearchQuery): Promise<{ deliveries: unknown[]; count: number }>;
  /** Raw `data` of `GET /deliveries/business/:tnOrId`; safe, retried. */
  getDelivery(trackingNumberOrId: string): Promise<unknown>;
  /** Create one delivery; never blindly retried (see `DeliveryCreator`). */
  createDelivery(input: CreateDeliveryInput): Promise<CreatedDelivery>;
  /** The delivery created with this uniqueBusinessReference, or null. */
  findByUniqueBusinessReference(ubr: string): Promise<CreatedDelivery | null>;
  /** Create many (chunks of 100); every input is validated before anything is sent. */
  bulkCreateDeliveries(inputs: CreateDeliveryInput[]): Promise<BulkCreateResult>;
  /** `PUT /deliveries/business/:tnOrId`; not retried. */
  updateDelivery(trackingNumberOrId: string, patch: UpdateDeliveryInput): Promise<{ _id: string }>;
  /** `DELETE /deliveries/business/:tnOrId/terminate` (needs a full-access key); not retried. */
  terminateDelivery(trackingNumberOrId: string): Promise<{ _id: string }>;
  /** AWB PDF of several deliveries (`GET /deliveries/mass-awb`), decoded; safe, retried. */
  massAwb(q: MassAwbQuery): Promise<Buffer>;
  /** `GET /cities`. */
  listCities(): Promise<City[]>;
  /** `GET /cities/:cityId/districts`. */
  listDistricts(cityId: string): Promise<District[]>;
  /** `GET /cities/getAllDistricts` (no key needed), Egypt by default. */
  getAllDistricts(countryId?: string): Promise<CityWithDistricts[]>;
  /** `GET /pickup-locations`. */
  listPickupLocations(): Promise<PickupLocation[]>;
  /** `POST /pickups`; not retried. */
  createPickup(input: CreatePickupInput): Promise<unknown>;
  /** `GET /pickups?page=`. */
  listPickups(page?: number): Promise<unknown>;
}

function authFor(opts: BostaClientOptions, login: (creds: BostaLoginCredentials) => Promise<unknown>): AuthSource {
  if (opts.apiKey) return new ApiKeyAuth(opts.apiKey);
  const creds = opts.login;
  if (creds) return new LoginAuth(() => login(creds));
  throw new Error('createBostaClient: give apiKey or login');
}

const seg = (value: string): string => encodeURIComponent(value);

/** A Bosta API v2 client over axios: raw-key auth, envelope unwrapped, typed errors, safe retries. */
export function createBostaClient(opts: BostaClientOptions): BostaClient {
  // The login call goes through the same transport; `http` is initialised before any call runs.
  const auth = authFor(opts, (creds) =>
    http.call({ operation: 'login', method: 'POST', path: '/users/login', body: creds, safe: true, auth: false }));
  const http: BostaHttp = new BostaHttp(
    {
      baseUrl: opts.baseUrl,
      timeoutMs: opts.timeoutMs ?? 15_000,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      log: opts.log,
      sleep: opts.sleep ?? realSleep,
      random: opts.random ?? Math.random,
      now: opts.now ?? Date.now,
    },
    auth,
  );
  const call = (spec: CallSpec): Promise<unknown> => http.call(spec);
  const searchDeliveries = async (q: SearchQuery): Promise<{ deliveries: unknown[]; count: number }> =>
    parseSearch(await call({ operation: 'searchDeliveries', method: 'POST', path: '/deliveries/search', body: { ...q.filters, page: q.page, limit: q.limit, sortBy: q.sortBy }, safe: true }));
  const creator = new DeliveryCreator(http, searchDeliveries, opts.log);
  const get = (operation: string, path: string, query?: Record<string, string | number | undefined>, withKey = true): Promise<unknown> =>
    call({ operation, method: 'GET', path, query, safe: true, auth: withKey });

  return {
    searchDeliveries,
    getDelivery: (tn) => get('getDelivery', `/deliveries/business/${seg(tn)}`),
    createDelivery: (input) => creator.create(input),
    findByUniqueBusinessReference: (ubr) => creator.findByUniqueBusinessReference(ubr),
    bulkCreateDeliveries: (inputs) => creator.bulk(inputs),
    updateDelivery: async (tn, patch) => {
      const body = validateInput('updateDelivery', UpdateDeliveryInputSchema, patch);
      return parseIdAnswer('updateDelivery', await call({ operation: 'updateDelivery', method: 'PUT', path: `/deliveries/business/${seg(tn)}`, body, safe: false }));
    },
    terminateDelivery: async (tn) =>
      parseIdAnswer('terminateDelivery', await call({ operation: 'terminateDelivery', method: 'DELETE', path: `/deliveries/business/${seg(tn)}/terminate`, safe: false })),
    massAwb: async (q) =>
      parsePdf(await get('massAwb', '/deliveries/mass-awb', {
        trackingNumbers: q.trackingNumbers?.join(','), ids: q.ids?.join(','), requestedAwbType: q.type, lang: q.lang,
      })),
    listCities: async () => parseList('listCities', await get('listCities', '/cities'), CitySchema),
    listDistricts: async (cityId) => parseList('listDistricts', await get('listDistricts', `/cities/${seg(cityId)}/districts`), DistrictSchema),
    getAllDistricts: async (countryId = EGYPT_COUNTRY_ID) =>
      parseList('getAllDistricts', await get('getAllDistricts', '/cities/getAllDistricts', { countryId }, false), CityWithDistrictsSchema),
    listPickupLocations: async () => parseList('listPickupLocations', await get('listPickupLocations', '/pickup-locations'), PickupLocationSchema),
    createPickup: async (input) =>
      call({ operation: 'createPickup', method: 'POST', path: '/pickups', body: validateInput('createPickup', CreatePickupInputSchema, input), safe: false }),
    listPickups: (page = 1) => get('listPickups', '/pickups', { page }),
  };
}
