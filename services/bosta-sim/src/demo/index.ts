/** Deterministic demo data for the Bosta simulator: geography, catalogue, names and the generator. */
export { generateDemo } from './generator.js';
export { demoCoverage, demoRule, finalStateCode, type DemoCoverage, type DemoRuleId } from './coverage.js';
export type { DemoDelivery, DemoOptions, DemoOutcome, DemoPlace, DemoRole, DemoStory, DemoType } from './types.js';
export {
  CITIES, EGYPT_COUNTRY_ID, findDistrict, getAllDistricts, getCityById, getCityByName, getDistrictById,
  getDistricts, getZoneById, getZones,
  type BostaCity, type BostaCityWithDistricts, type BostaDistrict, type DemoZone, type DistrictRef,
} from './geography.js';
export { getProductBySku, PRODUCTS, type PartKind, type Product, type SparePart } from './products.js';
