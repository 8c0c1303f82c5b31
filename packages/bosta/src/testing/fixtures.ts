/**
 * Real shapes from bosta-api.md §9 (values synthetic, as in the doc), for normalization tests.
 * Functions return fresh copies so tests can mutate them.
 */

/** §9.1: `GET /deliveries/business/{tn}` data, type 10, delivered. */
export function detailType10(): Record<string, unknown> {
  return {
    _id: 'Xq3kP9sLmN2vB7tR1yZ0a',
    trackingNumber: '57646330',
    type: { code: 10, value: 'Package Delivery' },
    state: {
      code: 45, value: 'Delivered',
      pickedUpTime: '2025-08-14T10:22:53.520Z',
      receivedAtWarehouse: { time: '2025-08-14T16:08:32.236Z', warehouse: { name: 'El-Sharkia Hub' } },
      delivering: { time: '2025-08-15T13:41:10.004Z' },
      deliveryTime: '2025-08-15T13:41:10.004Z',
    },
    maskedState: 'Delivered',
    cod: 1250, shipmentFees: 63.95, paymentMethod: 'COD',
    isConfirmedDelivery: false, allowToOpenPackage: true,
    notes: 'Call before arrival', businessReference: 'HV-10421',
    receiver: { firstName: 'Ahmed', lastName: 'Hassan', fullName: 'Ahmed Hassan', phone: '+201001234567', secondPhone: null },
    dropOffAddress: {
      country: { name: 'Egypt', code: 'EG' },
      city: { name: 'Cairo', nameAr: 'القاهرة' },
      zone: { name: 'Nasr City', nameAr: 'مدينة نصر' },
      district: { name: 'Nasr City', nameAr: 'مدينة نصر' },
      firstLine: '12 Abbas El Akkad St', secondLine: 'Near City Stars',
      buildingNumber: '12', floor: '3', apartment: '7',
    },
    pickupAddress: {
      city: { name: 'Sharqia', nameAr: 'الشرقيه' }, zone: { name: 'Belbes', nameAr: 'بلبيس' },
      district: { name: 'Belbes', nameAr: 'بلبيس' }, firstLine: 'Main warehouse, Gamaeyat St',
    },
    specs: { packageType: 'Parcel', size: 'SMALL', weight: 1, packageDetails: { itemsCount: 1, description: '1 * Hand blender 5057' } },
    sender: { _id: 'bizA1', name: 'HVAR', phone: '+201000000000', type: 'BUSINESS_ACCOUNT' },
    star: { name: 'Star Name', phone: '+201111111111' },
    timeline: [
      { value: 'ready_for_pickup', code: 10, done: true, date: '2025-08-13T09:45:51.763Z' },
      { value: 'pickedup', code: 21, done: true, date: '2025-08-14T10:22:53.520Z' },
      { value: 'out_for_delivery', code: 41, done: true, date: '2025-08-15T08:02:11.000Z' },
      { value: 'delivered', code: 45, done: true, date: '2025-08-15T13:41:10.004Z' },
    ],
    attemptsCount: 1, deliveryAttemptsLength: 1, callsNumber: 2, smsNumber: 1,
    wallet: { cashCycle: { cod: '1250', bosta_fees: '63.95', deposited_amt: 1186.05 } },
    sla: {
      orderSla: { orderSlaTimestamp: '2025-08-16T20:59:59.999Z', isExceededOrderSla: false },
      e2eSla: { e2eSlaTimestamp: '2025-08-17T20:59:59.999Z', isExceededE2ESla: false },
    },
    scheduledAt: '2025-08-15T20:59:59.999Z',
    creationTimestamp: 1755078351763,
    createdAt: 'Wed Aug 13 2025 09:45:51 GMT+0000',
    updatedAt: 'Fri Aug 15 2025 13:41:10 GMT+0000',
  };
}

/** §9.4: a search item (lighter: no fees, no history), type 25, pickup requested. */
export function searchItemType25(): Record<string, unknown> {
  return {
    _id: 'crp0000001',
    trackingNumber: 71000042,
    state: { code: 10, value: 'Pickup requested' },
    type: { code: 25, value: 'Customer Return Pickup' },
    cod: 0,
    receiver: { firstName: 'Mona', lastName: 'Adel', phone: '+201012345678', secondPhone: '0111 222 3333' },
    pickupAddress: {
      city: { name: 'Giza', nameAr: 'الجيزة' }, zone: { name: 'Dokki', nameAr: 'الدقي' },
      district: { name: 'Dokki', nameAr: 'الدقي' }, firstLine: '15 Mosaddak St, Dokki',
      buildingNumber: 15, floor: '2', apartment: '4',
    },
    returnSpecs: { packageDetails: { itemsCount: 2, description: '2 * Hand blender 5057' }, packageType: 'Parcel' },
    pickupRequestId: '070003396895',
    pickupRequestType: 'Customer Return Pickup',
    businessReference: 'RMA-2291', uniqueBusinessReference: 'RMA-2291-1',
    timeline: [{ value: 'new', code: 10, done: true, date: '2025-09-01T08:00:00.000Z' }, { value: 'pickedup', code: 23, done: false, date: null }],
    createdAt: 'Mon Sep 01 2025 08:00:00 GMT+0000 (Coordinated Universal Time)',
    updatedAt: '1756713600000',
  };
}

/** §9.2: webhook body, Exception. */
export function webhookException(): Record<string, unknown> {
  return {
    _id: 'NGnhfEz_cb', trackingNumber: 48089608, state: 47, type: 'SEND',
    timeStamp: 1689252908261, deliveryPromiseDate: '13-07-2023',
    exceptionReason: 'Customer is not answering.', exceptionCode: 7,
    businessReference: 'INV-620', numberOfAttempts: 2,
  };
}

/** §9.2: webhook body, Delivered. */
export function webhookDelivered(): Record<string, unknown> {
  return {
    _id: 'NGnhfEz_cb', trackingNumber: 48089608, state: 45, type: 'SEND', cod: 1895,
    timeStamp: 1689339308261, isConfirmedDelivery: true, businessReference: 'INV-620', numberOfAttempts: 1,
  };
}
