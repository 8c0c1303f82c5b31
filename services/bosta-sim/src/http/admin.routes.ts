import { Router, type Response } from 'express';
import { z } from 'zod';
import { deepMerge, renderDetailExtras, renderSearchItem } from '../domain/render.js';
import { KNOWN_STATES } from '../domain/states.js';
import { FaultsPatchSchema, FaultsSchema } from '../faults.js';
import type { KeyScope, Simulator } from '../sim.js';

const AdvanceSchema = z
  .object({ ms: z.number().min(0), minutes: z.number().min(0), hours: z.number().min(0), days: z.number().min(0) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'one of ms, minutes, hours, days is required');
const StateSchema = z.object({
  state: z.number().int().refine((s) => KNOWN_STATES.includes(s), 'unknown state code'),
  exceptionReason: z.string().min(1).optional(),
  exceptionCode: z.number().int().optional(),
  hold: z.boolean().optional(),
});
const CorruptSchema = z.object({ patch: z.record(z.string(), z.unknown()) });
const GenerateSchema = z.object({ count: z.number().int().min(1).max(1_000_000), seed: z.number().int().optional() });
const WebhookSchema = z.object({ url: z.url(), headers: z.record(z.string(), z.string()).default({}) }).nullable();
const FlushSchema = z.object({ timeoutMs: z.number().int().min(1).max(600_000).default(30_000) });
const KeySchema = z.object({ key: z.string().min(8), scope: z.enum(['read', 'read_write', 'full']) });

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new AdminError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/** The ground-truth detail object of a delivery (what GET /deliveries/business/:tn answers without faults). */
function truth(sim: Simulator, tn: string): Record<string, unknown> {
  const d = sim.store.find(tn);
  if (!d) throw new AdminError(404, `unknown delivery ${tn}`);
  const detail = { ...renderSearchItem(d), ...renderDetailExtras(d) };
  return d.corrupt ? deepMerge(detail, d.corrupt) : detail;
}

async function exportAll(sim: Simulator, res: Response): Promise<void> {
  res.status(200).type('application/x-ndjson');
  let chunk: string[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const ok = res.write(chunk.join(''));
    chunk = [];
    if (!ok) await new Promise((r) => res.once('drain', r));
  };
  const seqs: number[] = [];
  sim.store.created.scanRange(0, sim.store.created.size, false, (seq) => seqs.push(seq) > 0);
  for (const seq of seqs) {
    const d = sim.store.bySeq.get(seq);
    if (d) chunk.push(`${sim.store.detailJson(d)}\n`);
    if (chunk.length >= 500) await flush();
  }
  await flush();
  res.end();
}

/** Options the admin API needs besides the simulator. */
export interface AdminDeps {
  tokens: Map<string, KeyScope>;
  generate: (count: number, seed?: number) => number;
  reset: () => void;
}

/** The admin API under `/__sim` (no auth, never faulted). */
export function adminRouter(sim: Simulator, deps: AdminDeps): Router {
  const r = Router();
  r.post('/advance', (req, res) => {
    const b = parse(AdvanceSchema, req.body);
    sim.clock.advance((b.ms ?? 0) + (b.minutes ?? 0) * 60_000 + (b.hours ?? 0) * 3_600_000 + (b.days ?? 0) * 86_400_000);
    const transitions = sim.tick();
    res.json({ now: new Date(sim.clock.now()).toISOString(), transitions });
  });
  r.get('/deliveries/:tn', (req, res) => void res.json(truth(sim, req.params.tn)));
  r.post('/deliveries/:tn/state', (req, res) => {
    const b = parse(StateSchema, req.body);
    sim.tick();
    const d = sim.store.find(req.params.tn);
    if (!d) throw new AdminError(404, `unknown delivery ${req.params.tn}`);
    sim.moveTo(d, b.state, b);
    res.json(truth(sim, req.params.tn));
  });
  r.post('/deliveries/:tn/corrupt', (req, res) => {
    const d = sim.store.find(req.params.tn);
    if (!d) throw new AdminError(404, `unknown delivery ${req.params.tn}`);
    d.corrupt = parse(CorruptSchema, req.body).patch;
    sim.store.invalidate(d);
    res.json(truth(sim, req.params.tn));
  });
  r.delete('/deliveries/:tn/corrupt', (req, res) => {
    const d = sim.store.find(req.params.tn);
    if (!d) throw new AdminError(404, `unknown delivery ${req.params.tn}`);
    delete d.corrupt;
    sim.store.invalidate(d);
    res.json(truth(sim, req.params.tn));
  });
  r.get('/faults', (_req, res) => void res.json(sim.faults));
  r.put('/faults', (req, res) => {
    const patch = parse(FaultsPatchSchema, req.body);
    sim.setFaults(FaultsSchema.parse({ ...sim.faults, ...patch }));
    res.json(sim.faults);
  });
  r.post('/webhooks/flush', async (req, res) => {
    const { timeoutMs } = parse(FlushSchema, req.body);
    const idle = await sim.dispatcher.flush(timeoutMs);
    res.status(idle ? 200 : 504).json({ ...sim.dispatcher.counters, pending: sim.dispatcher.pending });
  });
  r.put('/webhook', (req, res) => {
    sim.webhook = parse(WebhookSchema, req.body) ?? undefined;
    res.json({ webhook: sim.webhook ?? null });
  });
  r.post('/keys', (req, res) => {
    const b = parse(KeySchema, req.body);
    sim.keys.set(b.key, b.scope);
    res.status(201).json({ key: b.key, scope: b.scope });
  });
  r.get('/stats', (_req, res) => void res.json(sim.stats()));
  r.get('/export', async (_req, res) => exportAll(sim, res));
  r.post('/deliveries', (req, res) => {
    const b = parse(GenerateSchema, req.body);
    const added = deps.generate(b.count, b.seed);
    res.status(201).json({ added, deliveries: sim.store.size });
  });
  r.post('/reset', (_req, res) => {
    deps.reset();
    res.json({ deliveries: sim.store.size });
  });
  r.use((err: unknown, _req: unknown, res: Response, next: (e: unknown) => void) => {
    if (err instanceof AdminError) return void res.status(err.status).json({ error: err.message });
    next(err);
  });
  return r;
}
