import { getCityByName, getDistricts } from '../demo/geography.js';
import type { SimAddress } from './delivery.js';

/** HVAR's single pickup location (`GET /pickup-locations`): its warehouse in Zagazig, Sharqia. */
export const BUSINESS_LOCATION_ID = 'hvarLoc0001';

function warehouseAddress(): SimAddress {
  const city = getCityByName('Sharqia');
  const district = city ? getDistricts(city._id)[0] : undefined;
  return {
    country: { name: 'Egypt', code: 'EG' },
    city: { _id: city?._id, name: city?.name ?? 'Sharqia', nameAr: city?.nameAr ?? 'الشرقية' },
    zone: { _id: district?.zoneId, name: district?.zoneName ?? 'Zagazig', nameAr: district?.zoneOtherName ?? 'الزقازيق' },
    district: { _id: district?.districtId, name: district?.districtName ?? 'Zagazig', nameAr: district?.districtOtherName ?? 'الزقازيق' },
    firstLine: 'HVAR warehouse, El Gamaa St',
    buildingNumber: '4',
  };
}

/** The warehouse address: pickup for deliveries and exchanges, drop-off for returns. */
export const WAREHOUSE_ADDRESS: SimAddress = warehouseAddress();

/** `GET /pickup-locations` item. */
export const PICKUP_LOCATION = {
  _id: BUSINESS_LOCATION_ID,
  locationName: 'HVAR Main Warehouse',
  isDefault: true,
  address: WAREHOUSE_ADDRESS,
  contactPerson: { name: 'HVAR Warehouse', phone: '+201000000000' },
};
