import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { SimDelivery } from './domain/delivery.js';
import type { Simulator } from './sim.js';

/** What the state file holds: the clock and everything created through the API. */
const StateFileSchema = z.object({
  version: z.literal(1),
  seed: z.number(),
  /** Sim time the demo data was generated at (regenerated identically from the seed). */
  genesis: z.number(),
  simNow: z.number(),
  nextApiSeq: z.number().int(),
  deliveries: z.array(z.custom<SimDelivery>((v) => typeof v === 'object' && v !== null && 'seq' in v && 'plan' in v)),
});
/** Parsed state file. */
export type SimState = z.infer<typeof StateFileSchema>;

/** Reads a state file; undefined when it does not exist. Throws on a corrupt file. */
export async function readState(path: string): Promise<SimState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return StateFileSchema.parse(JSON.parse(text));
}

/** Writes the state file atomically (temp file + rename). */
export async function writeState(path: string, sim: Simulator): Promise<void> {
  const deliveries = [...sim.store.bySeq.values()].filter((d) => d.source === 'api');
  const state: SimState = { version: 1, seed: sim.opts.seed, genesis: sim.opts.now, simNow: sim.clock.now(), nextApiSeq: sim.nextApiSeq, deliveries };
  const tmp = `${path}.tmp`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, path);
}

/**
 * Brings a freshly started simulator (demo generated at `state.genesis`) to the saved moment:
 * the clock jumps to the saved sim time (no webhooks for what happened meanwhile) and the
 * API-created deliveries come back.
 */
export function restoreState(sim: Simulator, state: SimState): void {
  sim.clock.advance(state.simNow - sim.clock.now());
  sim.catchUp();
  for (const d of state.deliveries) if (!sim.store.find(d.trackingNumber)) sim.store.add(d);
  sim.nextApiSeq = Math.max(sim.nextApiSeq, state.nextApiSeq);
  sim.catchUp();
}
