import { DELIVERY_TYPES, type DeliveryTypeCode } from '../delivery.js';
import { fail, isAbsent, isRecord, optString, show } from './read.js';

/** A state as either shape Bosta sends (`47` or `{ code: 47, value: "Exception" }`). */
export interface ParsedState {
  code: number;
  value: string | null;
}

/** A type as either shape Bosta sends (`{ code, value }` in REST, `"SEND"` in webhooks/search). */
export interface ParsedType {
  code: number | null;
  value: string | null;
  enumName: string | null;
}

const TYPE_BY_ENUM = new Map<string, number>(Object.entries(DELIVERY_TYPES).map(([code, name]) => [name, Number(code)]));
/** Enum names without a numeric code (fulfilment). */
const CODELESS_TYPES = new Set(['FXF_SEND']);

/** Tracking number as number or digit string → digit string. */
export function parseTrackingNumber(value: unknown, path = 'trackingNumber'): string {
  if (isAbsent(value)) return fail(path, 'missing');
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
  return fail(path, `not a tracking number ${show(value)}`);
}

function intCode(value: unknown, path: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  return fail(path, `expected a numeric code, got ${show(value)}`);
}

/** `state` as number, digit string or `{ code, value }`. */
export function parseState(value: unknown, path = 'state'): ParsedState {
  if (isAbsent(value)) return fail(path, 'missing');
  if (isRecord(value)) {
    if (isAbsent(value.code)) return fail(`${path}.code`, 'missing');
    return { code: intCode(value.code, `${path}.code`), value: optString(value.value, `${path}.value`) };
  }
  return { code: intCode(value, path), value: null };
}

function typeFromEnum(name: string, path: string): ParsedType {
  const upper = name.trim().toUpperCase();
  const code = TYPE_BY_ENUM.get(upper);
  if (code !== undefined) return { code, value: null, enumName: upper };
  if (CODELESS_TYPES.has(upper)) return { code: null, value: null, enumName: upper };
  return fail(path, `unknown type ${show(name)}`);
}

function enumOf(code: number): string | null {
  return code in DELIVERY_TYPES ? DELIVERY_TYPES[code as DeliveryTypeCode] : null;
}

/** `type` as `{ code, value }`, enum string (`"SEND"`), or numeric code. */
export function parseType(value: unknown, path = 'type'): ParsedType {
  if (isAbsent(value)) return fail(path, 'missing');
  if (isRecord(value)) {
    if (isAbsent(value.code)) return fail(`${path}.code`, 'missing');
    const code = intCode(value.code, `${path}.code`);
    return { code, value: optString(value.value, `${path}.value`), enumName: enumOf(code) };
  }
  if (typeof value === 'string' && !/^\d+$/.test(value.trim())) return typeFromEnum(value, path);
  const code = intCode(value, path);
  return { code, value: null, enumName: enumOf(code) };
}
