import { resolveAddress } from './address.js';
import { parseSpecs, toE164 } from './create-input.js';
import type { SimDelivery } from './delivery.js';
import { ERR } from './errors.js';
import type { SimTypeCode } from './states.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function receiverChange(raw: unknown): ((d: SimDelivery) => void) | undefined {
  if (raw === undefined) return undefined;
  if (!isObj(raw)) throw ERR.validation('receiver must be an object');
  const phone = raw.phone === undefined ? undefined : toE164(raw.phone);
  if (phone === null) throw ERR.validation('receiver.phone must be an Egyptian mobile number (01XXXXXXXXX)');
  const second = raw.secondPhone === undefined || raw.secondPhone === null || raw.secondPhone === '' ? raw.secondPhone : toE164(raw.secondPhone);
  if (second === null && raw.secondPhone) throw ERR.validation('receiver.secondPhone must be an Egyptian mobile number');
  const full = typeof raw.fullName === 'string' && raw.fullName.trim() !== '' ? raw.fullName.trim() : undefined;
  return (d) => {
    if (phone) d.receiver.phone = phone;
    if (second !== undefined) d.receiver.secondPhone = typeof second === 'string' && second !== '' ? second : null;
    if (full) {
      d.receiver.firstName = full.split(' ')[0] ?? full;
      d.receiver.lastName = full.split(' ').slice(1).join(' ');
    }
    if (typeof raw.firstName === 'string' && raw.firstName.trim()) d.receiver.firstName = raw.firstName.trim();
    if (typeof raw.lastName === 'string') d.receiver.lastName = raw.lastName.trim();
  };
}

/**
 * Validates a `PUT /deliveries/business/:id` body (WC-4.5.6 fields) entirely before anything
 * changes, and returns the change to apply.
 */
export function parseUpdate(body: unknown): (d: SimDelivery) => void {
  if (!isObj(body)) throw ERR.validation('body must be a JSON object');
  const changes: ((d: SimDelivery) => void)[] = [];
  const receiver = receiverChange(body.receiver);
  if (receiver) changes.push(receiver);
  if (body.cod !== undefined) {
    const cod = body.cod;
    if (typeof cod !== 'number' || !Number.isFinite(cod)) throw ERR.validation('cod must be a number');
    changes.push((d) => {
      d.cod = d.type === 25 ? 0 : cod;
    });
  }
  if (body.notes !== undefined) {
    if (body.notes !== null && typeof body.notes !== 'string') throw ERR.validation('notes must be a string');
    const notes = body.notes;
    changes.push((d) => {
      d.notes = notes === null || notes === '' ? null : notes;
    });
  }
  if (body.allowToOpenPackage !== undefined) {
    if (typeof body.allowToOpenPackage !== 'boolean') throw ERR.validation('allowToOpenPackage must be a boolean');
    const allow = body.allowToOpenPackage;
    changes.push((d) => {
      d.allowToOpenPackage = allow;
    });
  }
  for (const key of ['specs', 'returnSpecs'] as const) {
    const specs = parseSpecs(body[key], key);
    if (specs) changes.push((d) => void (d[key] = specs));
  }
  if (body.businessReference !== undefined) {
    if (typeof body.businessReference !== 'string') throw ERR.validation('businessReference must be a string');
    const ref = body.businessReference;
    changes.push((d) => void (d.businessReference = ref));
  }
  return (d) => changes.forEach((c) => c(d));
}

/** The customer address of an update, resolved like on create (only the field the type uses). */
export function parseAddressUpdate(type: SimTypeCode, body: unknown): Partial<Pick<SimDelivery, 'dropOffAddress' | 'pickupAddress'>> {
  if (!isObj(body)) return {};
  if ((type === 10 || type === 30) && body.dropOffAddress !== undefined) return { dropOffAddress: resolveAddress(body.dropOffAddress, 'dropOffAddress', 'dropOff') };
  if ((type === 15 || type === 25) && body.pickupAddress !== undefined) return { pickupAddress: resolveAddress(body.pickupAddress, 'pickupAddress', 'pickup') };
  return {};
}
