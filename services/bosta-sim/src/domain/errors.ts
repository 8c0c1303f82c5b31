/** An error answered in Bosta's envelope: `{ success: false, message, errorCode, data: null }`. */
export class SimApiError extends Error {
  override readonly name = 'SimApiError';
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bosta's error codes as the simulator answers them (bosta-api.md §2; [INF] where marked). */
export const ERR = {
  unauthorized: () => new SimApiError(401, 1007, 'User is not authorized!'),
  forbidden: () => new SimApiError(403, 1008, 'Access to the requested resource is forbidden'),
  notFound: () => new SimApiError(404, 1066, 'Delivery not found'),
  terminateTooLate: () => new SimApiError(400, 1070, 'Delivery can not be terminated in its current state'),
  /** [INF] code. */
  updateTooLate: () => new SimApiError(400, 1071, 'Delivery can not be updated in its current state'),
  /** [INF] code. */
  duplicateUbr: () => new SimApiError(400, 1079, 'uniqueBusinessReference already exists'),
  missingAddress: (detail?: string) => new SimApiError(400, 3009, detail ? `city, zoneId, or districtId is required: ${detail}` : 'city, zoneId, or districtId is required'),
  /** [INF] code: any other invalid field. */
  validation: (message: string) => new SimApiError(400, 1000, message),
  badLogin: () => new SimApiError(401, 1007, 'Invalid email or password.'),
} as const;
