const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** ISO 8601: date, optional time, optional fraction, optional Z/offset (none = UTC). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** The form `Date#toISOString()` gives (years 1000..9999, valid month, hour, minute, second). */
const CANONICAL = /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
/** JavaScript `Date#toString()`: `Wed Aug 13 2025 09:45:51 GMT+0000 (Coordinated Universal Time)`. */
const JS_TO_STRING = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w* ([A-Z][a-z]{2})\w* (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-]\d{4})(?: \([^)]*\))?$/;
const DMY = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;
const DIGITS = /^\d+$/;
/** Epoch-ms window we trust (2001..2286); smaller numbers are more likely seconds or garbage. */
const MIN_EPOCH_MS = 1e12;
const MAX_EPOCH_MS = 1e13;

/** UTC instant from parts, or null when a part is out of range (e.g. 31 February). */
function fromParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offsetMin = 0): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(t);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(t - offsetMin * 60_000);
}

/** `Z`, `+02`, `+0200`, `+02:00` → minutes east of UTC. */
function offsetMinutes(tz: string | undefined): number {
  if (!tz || tz.toUpperCase() === 'Z') return 0;
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function parseIso(m: RegExpExecArray): Date | null {
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  return fromParts(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms, offsetMinutes(tz));
}

function parseJsToString(m: RegExpExecArray): Date | null {
  const [, mon, d, y, h, mi, s, tz] = m;
  const month = MONTHS.indexOf(mon ?? '') + 1;
  if (month === 0) return null;
  return fromParts(Number(y), month, Number(d), Number(h), Number(mi), Number(s), 0, offsetMinutes(tz));
}

function fromEpochMs(ms: number): Date | null {
  return Number.isFinite(ms) && ms >= MIN_EPOCH_MS && ms < MAX_EPOCH_MS ? new Date(Math.trunc(ms)) : null;
}

function parseString(raw: string): Date | null {
  const v = raw.trim();
  if (DIGITS.test(v)) return fromEpochMs(Number(v));
  let m = ISO.exec(v);
  if (m) return parseIso(m);
  m = JS_TO_STRING.exec(v);
  if (m) return parseJsToString(m);
  m = DMY.exec(v);
  if (m) return fromParts(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/**
 * True when `value` already is the UTC ISO string `parseBostaDate(value).toISOString()` would give:
 * most Bosta dates are, and returning them as they are skips a parse and a format per date.
 */
export function isCanonicalIso(value: string): boolean {
  if (!CANONICAL.test(value)) return false;
  const day = (value.charCodeAt(8) - 48) * 10 + (value.charCodeAt(9) - 48);
  // Days up to 28 exist in every month; 29..31 must not roll over (31 April is not 1 May).
  if (day <= 28) return true;
  const month = (value.charCodeAt(5) - 48) * 10 + (value.charCodeAt(6) - 48);
  return new Date(Date.UTC(Number(value.slice(0, 4)), month - 1, day)).getUTCDate() === day;
}

/**
 * Every date format Bosta sends → Date: ISO 8601, epoch ms (number or digit string), JavaScript
 * `Date#toString()` (with or without the `(...)` suffix), DD-MM-YYYY (as UTC midnight). Null otherwise.
 */
export function parseBostaDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return fromEpochMs(value);
  if (typeof value === 'string') return parseString(value);
  return null;
}

/** True when the value is a bare calendar date (DD-MM-YYYY or YYYY-MM-DD), not an instant. */
export function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && (DMY.test(value.trim()) || /^\d{4}-\d{2}-\d{2}$/.test(value.trim()));
}

/** Built once: constructing an `Intl.DateTimeFormat` costs far more than formatting with it. */
const CAIRO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Cairo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in Africa/Cairo. */
export function cairoDate(date: Date): string {
  return CAIRO_DAY.format(date);
}

/** A Bosta calendar-date value (DD-MM-YYYY, ISO date or instant) → `YYYY-MM-DD`, or null. */
export function parseBostaCalendarDate(value: unknown): string | null {
  const date = parseBostaDate(value);
  if (!date) return null;
  return isCalendarDate(value) ? date.toISOString().slice(0, 10) : cairoDate(date);
}
