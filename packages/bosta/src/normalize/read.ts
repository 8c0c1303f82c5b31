import { isCanonicalIso, parseBostaDate } from '../dates.js';
import { toPiastres } from '../money.js';

/** Outcome of a normalization: the typed value, or a precise reason naming the bad field. */
export type NormalizeResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Thrown inside normalizers; caught once at the top and turned into `{ ok: false, reason }`. */
export class NormalizeFailure extends Error {
  override readonly name = 'NormalizeFailure';
}

/** Reject with `<path>: <problem>`. */
export function fail(path: string, problem: string): never {
  throw new NormalizeFailure(`${path}: ${problem}`);
}

/** Run a normalizer, turning a `NormalizeFailure` into a result; other errors are bugs and propagate. */
export function attempt<T>(fn: () => T): NormalizeResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof NormalizeFailure) return { ok: false, reason: err.message };
    throw err;
  }
}

/** A short, quoted rendering of a bad value for reasons. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Paths are a small fixed set of literals: split each once (this runs for every field of every delivery).
const splitPaths = new Map<string, string[]>();

/** Value at a dotted path (`state.receivedAtWarehouse.time`); undefined when any step is missing. */
export function at(obj: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    splitPaths.set(path, keys);
  }
  let cur: unknown = obj;
  for (const key of keys) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The first path (of several spellings) whose value is present; undefined when none is. */
export function firstPresent(obj: unknown, paths: string[]): { path: string; value: unknown } | undefined {
  for (const path of paths) {
    const value = at(obj, path);
    if (value !== undefined && value !== null && value !== '') return { path, value };
  }
  return undefined;
}

/** Absent: undefined, null or an all-blank string. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Optional text: strings trimmed, numbers stringified; objects rejected. */
export function optString(value: unknown, path: string): string | null {
  if (isAbsent(value)) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fail(path, `expected text, got ${show(value)}`);
}

/** Optional integer from a number or digit string. */
export function optInt(value: unknown, path: string): number | null {
  if (isAbsent(value)) return null;
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  return fail(path, `expected an integer, got ${show(value)}`);
}

/** Optional finite number from a number or numeric string. */
export function optNumber(value: unknown, path: string): number | null {
  if (isAbsent(value)) return null;
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n === 'number' && Number.isFinite(n)) return n;
  return fail(path, `expected a number, got ${show(value)}`);
}

/** Optional boolean from true/false or "true"/"false". */
export function optBool(value: unknown, path: string): boolean | null {
  if (isAbsent(value)) return null;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return fail(path, `expected a boolean, got ${show(value)}`);
}

/** Optional money in EGP (number or numeric string) → integer piastres. */
export function optPiastres(value: unknown, path: string): number | null {
  if (isAbsent(value)) return null;
  const p = toPiastres(value);
  return p === null ? fail(path, `not an amount ${show(value)}`) : p;
}

/** Optional Bosta date (any format) → UTC ISO string. */
export function optDate(value: unknown, path: string): string | null {
  if (isAbsent(value)) return null;
  if (typeof value === 'string' && isCanonicalIso(value)) return value;
  const d = parseBostaDate(value);
  return d ? d.toISOString() : fail(path, `unparseable date ${show(value)}`);
}

/** Required Bosta date from the first present of several paths; the reason names the first path. */
export function reqDate(obj: unknown, paths: string[]): string {
  const found = firstPresent(obj, paths);
  if (!found) return fail(paths[0] ?? '(date)', 'missing');
  return optDate(found.value, found.path) as string;
}

/** Optional date from the first present of several paths. */
export function optDateOf(obj: unknown, paths: string[]): string | null {
  const found = firstPresent(obj, paths);
  return found ? optDate(found.value, found.path) : null;
}
