import { demoToDelivery } from './demo-adapter.js';
import { generateDemo } from './demo/generator.js';
import type { SimDelivery } from './domain/delivery.js';
import { mixSeed } from './domain/rng.js';
import type { Simulator } from './sim.js';

const FIRST_REFERENCE = 100_001;

/**
 * Generates `count` demo deliveries with the seeded generator (relative to the sim clock's now)
 * and adds them to the store. A later batch continues the seqs and businessReference numbers;
 * `seed` defaults to the simulator's seed (mixed with the batch start so batches differ).
 */
export function loadDemo(sim: Simulator, count: number, customers: number, seed?: number, now = sim.clock.now()): number {
  if (count <= 0) return 0;
  const first = sim.nextDemoSeq;
  const batchSeed = seed ?? (first === 0 ? sim.opts.seed : mixSeed(sim.opts.seed, first));
  const records = generateDemo({ seed: batchSeed, deliveries: count, customers: Math.max(1, Math.min(customers, count)), now: new Date(now), firstReference: FIRST_REFERENCE + first });
  const list: SimDelivery[] = [];
  let seq = first;
  for (const rec of records) list.push(demoToDelivery(rec, seq++, sim.opts.seed, now));
  sim.nextDemoSeq = seq;
  if (first === 0 && sim.store.size === 0) sim.store.addMany(list);
  else for (const d of list) sim.store.add(d);
  return list.length;
}
