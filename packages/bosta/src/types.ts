import { z } from 'zod';
import type { DeliveryTypeEnum } from './delivery.js';

/** Filters of `POST /deliveries/search`, sent as top-level body fields (bosta-api.md §3.1). */
export interface SearchFilters {
  trackingNumbers?: string[];
  mobilePhones?: string[];
  searchTerm?: string;
  type?: DeliveryTypeEnum[];
  states?: number[];
  createdAtStart?: string;
  createdAtEnd?: string;
  updatedAtStart?: string;
  updatedAtEnd?: string;
  businessReference?: string;
  /** [INF] filter our simulator implements; used to find a delivery after an ambiguous create. */
  uniqueBusinessReference?: string;
}

/** One search page request. */
export interface SearchQuery {
  page: number;
  limit: number;
  sortBy?: 'updatedAt' | '-updatedAt' | 'createdAt' | '-createdAt' | (string & {});
  filters?: SearchFilters;
}

/** The answer of a create: Bosta's `data` plus whether we found it by lookup after an ambiguous failure. */
export interface CreatedDelivery {
  _id: string;
  trackingNumber: string;
  state: { code: number; value: string | null } | null;
  businessReference: string | null;
  uniqueBusinessReference: string | null;
  message: string | null;
  /** True when the create's answer was lost and the delivery was found by its uniqueBusinessReference. */
  recovered: boolean;
}

/** A Bosta city (= governorate) from `GET /cities`. */
export const CitySchema = z.looseObject({ _id: z.string(), name: z.string(), nameAr: z.string().optional(), code: z.string().optional() });
/** A Bosta city. */
export type City = z.infer<typeof CitySchema>;

/** A district row from `GET /cities/:id/districts`. */
export const DistrictSchema = z.looseObject({
  zoneId: z.string(),
  zoneName: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  zoneOtherName: z.string().nullish(),
  districtOtherName: z.string().nullish(),
  pickupAvailability: z.boolean().optional(),
  dropOffAvailability: z.boolean().optional(),
});
/** A district of a city. */
export type District = z.infer<typeof DistrictSchema>;

/** A city with its districts from `GET /cities/getAllDistricts`. */
export const CityWithDistrictsSchema = z.looseObject({
  cityId: z.string(),
  cityName: z.string(),
  cityOtherName: z.string().nullish(),
  cityCode: z.string().nullish(),
  districts: z.array(DistrictSchema),
});
/** A city with its districts. */
export type CityWithDistricts = z.infer<typeof CityWithDistrictsSchema>;

/** A business pickup location from `GET /pickup-locations`. */
export const PickupLocationSchema = z.looseObject({ _id: z.string(), locationName: z.string().optional(), isDefault: z.boolean().optional(), address: z.unknown().optional() });
/** A business pickup location. */
export type PickupLocation = z.infer<typeof PickupLocationSchema>;

/** Result of a bulk create: created `_id`s and Bosta's per-item failures. */
export interface BulkCreateResult {
  created: string[];
  failed: { businessReference: string | null; errorMessage: string }[];
}

/** Mass AWB request: tracking numbers or `_id`s, paper size, language. */
export interface MassAwbQuery {
  trackingNumbers?: string[];
  ids?: string[];
  type?: 'A4' | 'A6';
  lang?: 'ar' | 'en';
}
