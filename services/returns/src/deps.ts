import type { BostaClient } from '@hvar/bosta';
import type { Database, Logger } from '@hvar/platform';
import type { CityDirectory } from './bosta/cities.js';
import type { ReturnsConfig } from './config.js';

/** The Bosta calls this service makes. */
export type BostaPort = Pick<BostaClient, 'createDelivery' | 'findByUniqueBusinessReference' | 'terminateDelivery' | 'massAwb'>;

/** Settings of the legs (amounts in piastres). */
export interface LegSettings {
  pickupCodPiastres: number;
  businessLocationId: string | undefined;
  awb: { type: 'A4' | 'A6'; lang: 'ar' | 'en' };
}

/** Everything the handlers share, built once in `main.ts` (or a test). */
export interface ReturnsDeps {
  database: Database;
  log: Logger;
  bosta: BostaPort;
  cities: CityDirectory;
  /** Relays committed outbox rows now instead of at the next poll. */
  kickOutbox: () => void;
  settings: LegSettings;
  /** The clock (tests move it). */
  now: () => Date;
}

/** Settings from the parsed configuration. */
export function settingsFromConfig(config: ReturnsConfig): LegSettings {
  return {
    pickupCodPiastres: Math.round(config.RETURNS_PICKUP_COD * 100),
    businessLocationId: config.BOSTA_BUSINESS_LOCATION_ID,
    awb: { type: config.RETURNS_AWB_TYPE, lang: config.RETURNS_AWB_LANG },
  };
}
