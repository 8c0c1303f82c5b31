/**
 * Seeded randomness for the demo data: a small, fast PRNG (sfc32) and string hashing, written here so
 * the same seed gives byte-identical data on every machine and Node version.
 */

/** 32-bit avalanche mix (murmur3 finalizer); turns nearby integers into unrelated ones. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a 32-bit hash of a string (UTF-16 code units), for ids derived from names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded pseudo-random stream (sfc32). Not cryptographic; deterministic across platforms. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** One stream per (seed, stream, index): e.g. customer 42's story under seed 7. */
  constructor(seed: number, stream = 0, index = 0) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(this.a ^ Math.imul(stream + 1, 0x632be5ab));
    this.c = mix32(this.b ^ Math.imul(index + 1, 0x85157af5));
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Index chosen with the table's weights. */
  weighted(table: WeightTable): number {
    const { cumulative } = table;
    const r = this.next() * table.total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Non-negative weights prepared for fast drawing (cumulative sums). */
export interface WeightTable {
  readonly cumulative: Float64Array;
  readonly total: number;
}

/** Prepares weights (at least one positive) for Rng#weighted. */
export function weightTable(weights: readonly number[]): WeightTable {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  return { cumulative, total };
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Bosta-like opaque id (base62, `length` chars) that depends only on `key`. */
export function stableId(key: string, length: number): string {
  const rng = new Rng(hashString(key), hashString(`${key}#`), key.length);
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[rng.u32() % 62] ?? '0';
  return id;
}
