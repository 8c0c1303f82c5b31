const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A JavaScript `Date#toString()` string in UTC, as Bosta returns `createdAt`/`updatedAt`
 * (`"Wed Aug 13 2025 09:45:51 GMT+0000"`), optionally with the `" (Coordinated Universal Time)"`
 * suffix some objects carry. Independent of the process time zone.
 */
export function toBostaDateString(ms: number, withZoneName: boolean): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const text = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${time} GMT+0000`;
  return withZoneName ? `${text} (Coordinated Universal Time)` : text;
}

/** `DD-MM-YYYY` (UTC), Bosta's `deliveryPromiseDate` format. */
export function toDdMmYyyy(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
}

/** End of the UTC day `days` after `ms` (Bosta's SLA and schedule timestamps end at 23:59:59.999). */
export function endOfDay(ms: number, days = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, 23, 59, 59, 999);
}

/** ISO string of epoch ms. */
export const iso = (ms: number): string => new Date(ms).toISOString();
