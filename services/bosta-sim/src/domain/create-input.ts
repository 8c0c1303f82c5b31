import { resolveAddress } from './address.js';
import type { SimAddress, SimReceiver, SimSpecs, WebhookTarget } from './delivery.js';
import { ERR } from './errors.js';
import { isSimType, type SimTypeCode } from './states.js';

/** A create payload after validation, ready to become a delivery. */
export interface CreateInput {
  type: SimTypeCode;
  cod: number;
  receiver: SimReceiver;
  dropOffAddress?: SimAddress;
  pickupAddress?: SimAddress;
  specs?: SimSpecs;
  returnSpecs?: SimSpecs;
  notes: string | null;
  businessReference: string | null;
  uniqueBusinessReference: string | null;
  allowToOpenPackage: boolean;
  webhook?: WebhookTarget;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const optText = (v: unknown, field: string, max = 500): string | null => {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw ERR.validation(`${field} must be a string`);
  const s = String(v).trim();
  if (s.length > max) throw ERR.validation(`${field} must be at most ${max} characters`);
  return s;
};

/** `01XXXXXXXXX`, `+201…`, `00201…`, `201…` or `1XXXXXXXXX` → `+201XXXXXXXXX`; null when not an Egyptian mobile. */
export function toE164(input: unknown): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  const digits = String(input).replace(/[\s\-()]/g, '').replace(/^\+/, '').replace(/^00/, '');
  const local = digits.replace(/^20(?=1\d{9}$)/, '').replace(/^0(?=1\d{9}$)/, '');
  return /^1[0125]\d{8}$/.test(local) ? `+20${local}` : null;
}

/** Validates `receiver` (first name or full name, mobile phone, optional second phone). */
export function parseReceiver(raw: unknown): SimReceiver {
  if (!isObj(raw)) throw ERR.validation('receiver is required');
  const phone = toE164(raw.phone);
  if (!phone) throw ERR.validation('receiver.phone must be an Egyptian mobile number (01XXXXXXXXX)');
  const second = raw.secondPhone === undefined || raw.secondPhone === null || raw.secondPhone === '' ? null : toE164(raw.secondPhone);
  if (second === null && raw.secondPhone) throw ERR.validation('receiver.secondPhone must be an Egyptian mobile number');
  const full = optText(raw.fullName, 'receiver.fullName', 100);
  const firstName = optText(raw.firstName, 'receiver.firstName', 50) ?? full?.split(' ')[0] ?? null;
  if (!firstName) throw ERR.validation('receiver.firstName is required');
  const lastName = optText(raw.lastName, 'receiver.lastName', 50) ?? (full ? full.split(' ').slice(1).join(' ') : '');
  const out: SimReceiver = { firstName, lastName, phone, secondPhone: second };
  const email = optText(raw.email, 'receiver.email', 100);
  if (email) out.email = email;
  return out;
}

/** Validates `specs` / `returnSpecs`. */
export function parseSpecs(raw: unknown, field: string): SimSpecs | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObj(raw)) throw ERR.validation(`${field} must be an object`);
  const details = isObj(raw.packageDetails) ? raw.packageDetails : {};
  const count = details.itemsCount ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw ERR.validation(`${field}.packageDetails.itemsCount must be a positive integer`);
  const out: SimSpecs = {
    packageType: optText(raw.packageType, `${field}.packageType`, 50) ?? 'Parcel',
    packageDetails: { itemsCount: count, description: optText(details.description, `${field}.packageDetails.description`) ?? '' },
  };
  const size = optText(raw.size, `${field}.size`, 20);
  if (size) out.size = size;
  if (typeof raw.weight === 'number') out.weight = raw.weight;
  return out;
}

function parseWebhook(body: Obj): WebhookTarget | undefined {
  if (body.webhookUrl === undefined || body.webhookUrl === null || body.webhookUrl === '') return undefined;
  if (typeof body.webhookUrl !== 'string' || !URL.canParse(body.webhookUrl)) throw ERR.validation('webhookUrl must be a URL');
  const headers: Record<string, string> = {};
  if (body.webhookCustomHeaders !== undefined) {
    if (!isObj(body.webhookCustomHeaders)) throw ERR.validation('webhookCustomHeaders must be an object');
    for (const [k, v] of Object.entries(body.webhookCustomHeaders)) {
      if (typeof v !== 'string') throw ERR.validation(`webhookCustomHeaders.${k} must be a string`);
      headers[k] = v;
    }
  }
  return { url: body.webhookUrl, headers };
}

function parseAddresses(type: SimTypeCode, body: Obj): { dropOffAddress?: SimAddress; pickupAddress?: SimAddress } {
  if (type === 10 || type === 30) return { dropOffAddress: resolveAddress(body.dropOffAddress, 'dropOffAddress', 'dropOff') };
  // CRP / cash collection: the customer's address is pickupAddress; some clients send it as dropOffAddress.
  const raw = type === 25 && body.pickupAddress === undefined ? body.dropOffAddress : body.pickupAddress;
  return { pickupAddress: resolveAddress(raw, 'pickupAddress', 'pickup') };
}

/** Validates a `POST /deliveries` body (bosta-api.md §3.4); throws a SimApiError on the first problem. */
export function parseCreateInput(body: unknown): CreateInput {
  if (!isObj(body)) throw ERR.validation('body must be a JSON object');
  const type = typeof body.type === 'string' ? Number(body.type) : body.type;
  if (!isSimType(type)) throw ERR.validation('type must be one of 10, 15, 25, 30');
  const cod = body.cod ?? 0;
  if (typeof cod !== 'number' || !Number.isFinite(cod)) throw ERR.validation('cod must be a number');
  const receiver = parseReceiver(body.receiver);
  const addresses = parseAddresses(type, body);
  const input: CreateInput = {
    type,
    cod: type === 25 ? 0 : cod,
    receiver,
    ...addresses,
    notes: optText(body.notes, 'notes'),
    businessReference: optText(body.businessReference, 'businessReference', 100),
    uniqueBusinessReference: optText(body.uniqueBusinessReference, 'uniqueBusinessReference', 100),
    allowToOpenPackage: body.allowToOpenPackage === true,
  };
  const specs = parseSpecs(body.specs, 'specs');
  if (specs) input.specs = specs;
  const returnSpecs = parseSpecs(body.returnSpecs, 'returnSpecs');
  if (returnSpecs) input.returnSpecs = returnSpecs;
  const webhook = parseWebhook(body);
  if (webhook) input.webhook = webhook;
  return input;
}
