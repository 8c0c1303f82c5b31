import { normalizePhone } from '../phone.js';
import { at, fail, firstPresent, isAbsent, isRecord, optDate, optInt, optString, show } from './read.js';

/** Receiver columns; a missing or non-mobile main phone rejects the delivery, a bad second phone is dropped. */
export function parseReceiver(raw: Record<string, unknown>): {
  phone: string; name: string | null; firstName: string | null; lastName: string | null; secondPhone: string | null;
} {
  const r = raw.receiver;
  if (isAbsent(r)) return fail('receiver.phone', 'missing (no receiver)');
  if (!isRecord(r)) return fail('receiver', `expected an object, got ${show(r)}`);
  if (isAbsent(r.phone)) return fail('receiver.phone', 'missing');
  const phoneText = typeof r.phone === 'number' ? String(r.phone) : r.phone;
  const phone = typeof phoneText === 'string' ? normalizePhone(phoneText) : null;
  if (phone === null) return fail('receiver.phone', `not an Egyptian mobile ${show(r.phone)}`);
  const firstName = optString(r.firstName, 'receiver.firstName');
  const lastName = optString(r.lastName, 'receiver.lastName');
  const joined = [firstName, lastName].filter((p): p is string => p !== null).join(' ');
  const second = typeof r.secondPhone === 'string' ? normalizePhone(r.secondPhone) : null;
  return { phone, name: optString(r.fullName, 'receiver.fullName') ?? (joined || null), firstName, lastName, secondPhone: second };
}

const PRODUCT = /^\s*(\d+)\s*[*x×]\s*(.+?)\s*$/i;

/** `"2 * Hand blender 5057"` → count 2, name "Hand blender 5057"; free text → name only. */
export function parseProduct(description: string | null): { name: string | null; count: number | null } {
  if (description === null) return { name: null, count: null };
  const m = PRODUCT.exec(description);
  if (m) return { name: m[2] ?? null, count: Number(m[1]) };
  return { name: description, count: null };
}

/** `packageDetails.{itemsCount, description}` under `specs` or `returnSpecs`. */
export function parsePackage(raw: Record<string, unknown>, key: 'specs' | 'returnSpecs'): { itemsCount: number | null; description: string | null } {
  const base = `${key}.packageDetails`;
  return {
    itemsCount: optInt(at(raw, `${base}.itemsCount`), `${base}.itemsCount`),
    description: optString(at(raw, `${base}.description`), `${base}.description`),
  };
}

/** First present date among paths, skipping objects (a fallback path may hold a `{ time }` object). */
export function dateFrom(raw: unknown, paths: string[]): string | null {
  for (const path of paths) {
    const value = at(raw, path);
    if (!isAbsent(value) && !isRecord(value)) return optDate(value, path);
  }
  return null;
}

/** Where each state's own timestamp lives (bosta-api.md §8, §9.1). */
const STATE_TIME_PATHS: Record<number, string[]> = {
  21: ['state.pickedUpTime', 'pickedUpAt'],
  23: ['state.pickedUpTime', 'pickedUpAt'],
  24: ['state.receivedAtWarehouse.time', 'receivedAtWarehouse'],
  45: ['state.deliveryTime', 'state.delivering.time', 'deliveredAt'],
  46: ['state.returnedToBusiness', 'returnedAt'],
  47: ['state.exception.time', 'state.exceptionTime'],
  48: ['state.terminatedAt', 'terminatedAt'],
};

/** When the current state was reached: its own timestamp, else the newest done step, else updatedAt. */
export function stateReachedAt(raw: Record<string, unknown>, code: number, lastDone: string | null, updatedAt: string): string {
  return dateFrom(raw, STATE_TIME_PATHS[code] ?? []) ?? lastDone ?? updatedAt;
}

/** The courier's position at delivery: `deliveryLocation.{lat,lng}` or `state.delivering.actualAddress[0..1]`. */
export function deliveryPoint(raw: Record<string, unknown>): { lat: number | null; lng: number | null } {
  const loc = firstPresent(raw, ['deliveryLocation']);
  if (loc && isRecord(loc.value)) {
    return { lat: numberAt(loc.value.lat, 'deliveryLocation.lat'), lng: numberAt(loc.value.lng, 'deliveryLocation.lng') };
  }
  const actual = at(raw, 'state.delivering.actualAddress');
  if (Array.isArray(actual) && actual.length >= 2) {
    return { lat: numberAt(actual[0], 'state.delivering.actualAddress[0]'), lng: numberAt(actual[1], 'state.delivering.actualAddress[1]') };
  }
  return { lat: null, lng: null };
}

function numberAt(value: unknown, path: string): number | null {
  if (isAbsent(value)) return null;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fail(path, `expected a number, got ${show(value)}`);
}
