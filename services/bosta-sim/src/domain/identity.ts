import { createRng, mixSeed } from './rng.js';

/** Seqs of deliveries created through the API start here (demo deliveries count up from 0). */
export const API_SEQ_BASE = 50_000_000;

const TN_RANGE = 90_000_000;
const TN_MULTIPLIER = 7_919_317; // coprime with 90 000 000 (not divisible by 2, 3 or 5)
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const B62 = ID_ALPHABET.slice(0, 62);

/**
 * The tracking number of a seq: an 8-digit number, a bijection of seq for a given seed (an affine
 * permutation modulo 90 000 000), so numbers look random but never collide.
 */
export function trackingNumberOf(seed: number, seq: number): string {
  const offset = mixSeed(seed, 7) % TN_RANGE;
  return String(10_000_000 + ((TN_MULTIPLIER * seq + offset) % TN_RANGE));
}

/** A Bosta-like `_id`: six seeded characters then the seq in base 62 (unique by construction). */
export function deliveryIdOf(seed: number, seq: number): string {
  const rng = createRng(mixSeed(seed, seq, 11));
  let prefix = '';
  for (let i = 0; i < 6; i++) prefix += ID_ALPHABET[rng.int(0, 63)];
  let n = seq;
  let suffix = '';
  do {
    suffix = B62[n % 62] + suffix;
    n = Math.floor(n / 62);
  } while (n > 0);
  return prefix + suffix;
}

/** Rendering variation bits of a delivery (see SimDelivery.style). */
export function styleOf(seed: number, seq: number): number {
  return mixSeed(seed, seq, 13) & 7;
}
