/**
 * `npm run chaos`: the three acceptance stories (domain.md §10) for CHAOS_CUSTOMERS customers each
 * (default 200, so 600 cases), driven concurrently through the public API while the simulator injects
 * faults (429 and 5xx on its API, webhooks dropped, duplicated and reordered), a random service
 * process is SIGKILLed every few seconds (the supervisor restarts it) and Redis is restarted once.
 * Prints the cases closed in their expected final state, the Bosta deliveries created against the
 * expected ones (duplicates), the transitions lost, and the time taken; exits non-zero when a
 * requirement fails: every case closed, no duplicate delivery or case, no transition lost, no
 * message dead-lettered, Redis restarted once.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBostaClient } from '@hvar/bosta';
import { benchKit } from '@hvar/platform/testing';
import { getCityByName, getDistricts } from '../../../bosta-sim/src/demo/geography.js';
import { GatewayClient } from './client.js';
import { readDeadLetters, type DeadLetters } from './dead-letters.js';
import { collectFigures, type Figures } from './report.js';
import { benchRedisDir, canRestart, restartRedis, type RedisRestart, type RedisRestartMode } from './redis-restart.js';
import { startChaosStack, startKiller, type ChaosStack } from './stack.js';
import { runCase, type CaseResult, type CaseSpec, type StoryId, type StoryContext } from './stories.js';

const kit = benchKit('chaos');
const { root: ROOT, env, say } = kit;

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const settings = {
  customers: num('CHAOS_CUSTOMERS', 200),
  concurrency: num('CHAOS_CONCURRENCY', 40),
  faultRate: num('CHAOS_FAULT_RATE', 0.05),
  killEveryMs: num('CHAOS_KILL_EVERY_MS', 4_000),
  /** Share of the cases finished when Redis is restarted (mid-run whatever the speed). */
  redisAt: num('CHAOS_REDIS_RESTART_AT', 0.4),
  redisMode: (process.env.CHAOS_REDIS_RESTART === 'shutdown' ? 'shutdown' : 'kill') as RedisRestartMode,
  redisDowntimeMs: num('CHAOS_REDIS_DOWNTIME_MS', 3_000),
  syncEveryMs: num('CHAOS_SYNC_EVERY_MS', 5_000),
  stepTimeoutMs: num('CHAOS_STEP_TIMEOUT_MS', 180_000),
  driveDeadlineMs: num('CHAOS_DEADLINE_MS', 540_000),
};

/** The Redis data directory to restart (CHAOS_REDIS_DIR when the script runs outside the bench runner). */
const redisDir = (): string => process.env.CHAOS_REDIS_DIR ?? benchRedisDir(ROOT);

const cairo = getCityByName('Cairo');
const district = (cairo ? getDistricts(cairo._id)[0] : undefined) ?? null;

/** Customer phones: one per case, unique per story and index (`+2010SIIIIIII`). */
const phoneOf = (story: StoryId, index: number): string => `+2010${story}${String(index).padStart(7, '0')}`;

/** The delivered sales of stories 1 (COD 1,500) and 3 (COD 800), created at Bosta before the faults start. */
async function createSales(stack: ChaosStack, specs: CaseSpec[], simKey: string): Promise<void> {
  const bosta = createBostaClient({ baseUrl: stack.sim.apiBase, apiKey: simKey });
  const needSale = specs.filter((s) => s.story !== 2);
  await pool(needSale, 16, async (spec) => {
    const product = spec.story === 1 ? 'Blender X200' : 'Heater';
    const created = await bosta.createDelivery({
      type: 10, cod: spec.cod, receiver: { firstName: 'Ahmed', lastName: 'Ali', phone: spec.phone },
      dropOffAddress: { city: 'Cairo', districtId: district?.districtId, firstLine: '12 Abbas El Akkad St, floor 3' },
      specs: { packageDetails: { itemsCount: 1, description: `1 * ${product}` } }, uniqueBusinessReference: `shop-${spec.phone}-${spec.cod}`,
    } as never);
    spec.sale = created.trackingNumber;
    await moveParcel(stack.sim.url, created.trackingNumber, 45);
  });
}

/** `POST /__sim/deliveries/{tn}/state` (held there: nothing moves on by itself), unless it is in that state already. */
async function moveParcel(simUrl: string, tn: string, state: number): Promise<void> {
  const truth = (await (await fetch(`${simUrl}/__sim/deliveries/${tn}`)).json()) as { state?: { code?: number } };
  if (truth.state?.code === state) return;
  const res = await fetch(`${simUrl}/__sim/deliveries/${tn}/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state, hold: true }) });
  if (res.status !== 200) throw new Error(`sim move ${tn} → ${state}: ${res.status} ${await res.text()}`);
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

async function setFaults(simUrl: string, rate: number): Promise<void> {
  const body = { rate429: rate, rate5xx: rate, webhookDrop: rate, webhookDuplicate: rate, webhookReorder: rate, seed: 2026 };
  const res = await fetch(`${simUrl}/__sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`PUT /__sim/faults: ${res.status} ${await res.text()}`);
}

function specsFor(customers: number): CaseSpec[] {
  const specs: CaseSpec[] = [];
  for (let index = 1; index <= customers; index++) {
    for (const story of [1, 2, 3] as const) specs.push({ story, index, phone: phoneOf(story, index), cod: story === 1 ? 1_500 : story === 3 ? 800 : undefined });
  }
  return specs;
}

interface Chaos {
  killer: ReturnType<typeof startKiller>;
  redis: RedisRestart[];
  redisError?: string;
}

/** Drives every case; restarts Redis once the given share of cases is finished; prints progress every 10 s. */
async function drive(stack: ChaosStack, api: GatewayClient, specs: CaseSpec[], chaos: Chaos, started: number): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const ctx: StoryContext = {
    api, stepTimeoutMs: settings.stepTimeoutMs, deadline: started + settings.driveDeadlineMs, runId: randomBytes(4).toString('hex'),
    move: (tn, state) => moveParcel(stack.sim.url, tn, state),
  };
  const dataDir = redisDir();
  let redisRestart: Promise<void> | undefined;
  const progress = setInterval(() => say(progressLine(results, specs.length, chaos, started)), 10_000);
  try {
    await pool(specs, settings.concurrency, async (spec) => {
      results.push(await runCase(spec, ctx, district?.districtName ?? null));
      if (!redisRestart && results.length >= specs.length * settings.redisAt) {
        redisRestart = restartRedis(env.REDIS_URL, dataDir, settings.redisMode, settings.redisDowntimeMs, (line) => {
          stack.note(line);
          say(line);
        }).then((r) => void chaos.redis.push(r), (err: unknown) => void (chaos.redisError = String(err)));
      }
    });
    await redisRestart;
  } finally {
    clearInterval(progress);
  }
  return results;
}

function progressLine(results: readonly CaseResult[], total: number, chaos: Chaos, started: number): string {
  const ok = results.filter((r) => r.ok).length;
  return `${Math.round((Date.now() - started) / 1_000)} s: ${ok} closed, ${results.length - ok} failed, ${total - results.length} to go; kills ${chaos.killer.total()}, Redis restarts ${chaos.redis.length}`;
}

interface Observed {
  timings: { driveMs: number; totalMs: number };
  api: GatewayClient;
  simStats: Record<string, unknown>;
  dead: DeadLetters;
}

function print(f: Figures, chaos: Chaos, { timings, api, simStats, dead }: Observed): boolean {
  const closedTotal = f.closed[1].ok + f.closed[2].ok + f.closed[3].ok;
  const d = f.deliveries;
  const redis = chaos.redis[0];
  const checks = {
    [`${closedTotal} of ${f.expected} closed`]: closedTotal === f.expected,
    [`${d.duplicates} duplicate deliveries`]: d.duplicates === 0 && d.strays === 0,
    [`${f.strayCases} cases nobody opened`]: f.strayCases === 0,
    [`${f.lost.missing + f.lost.repeated} transitions lost`]: f.lost.missing + f.lost.repeated === 0,
    [`${chaos.redis.length} Redis restart`]: chaos.redis.length === 1,
    [`${dead.messages} messages dead-lettered`]: dead.messages === 0,
  };
  say('');
  say(`cases expected:                 ${f.expected} (${settings.customers} customers per story)`);
  say(`closed in the expected state:   ${closedTotal} of ${f.expected} (story 1 maintenance ${f.closed[1].ok}/${f.closed[1].of}, story 2 replace_full ${f.closed[2].ok}/${f.closed[2].of}, story 3 refund ${f.closed[3].ok}/${f.closed[3].of})`);
  say(`Bosta deliveries (case legs):   ${d.created} created, ${d.expected} expected; duplicates ${d.duplicates}, unexpected legs ${d.strays}, missing ${d.missing}`);
  say(`service actions in the system:  ${f.expected + f.strayCases} (${f.expected} opened by the run, ${f.strayCases} others: duplicated or automatic)`);
  say(`transitions lost:               ${f.lost.missing + f.lost.repeated} (missing ${f.lost.missing}, repeated or unexpected ${f.lost.repeated}, in ${f.lost.cases} cases)`);
  say(`time taken:                     ${(timings.driveMs / 1_000).toFixed(1)} s driving the cases, ${(timings.totalMs / 1_000).toFixed(1)} s in all (start-up and sales included)`);
  say(`kills (SIGKILL):                ${chaos.killer.total()} (${Object.entries(chaos.killer.kills).map(([n, k]) => `${n} ${k}`).join(', ')})`);
  say(`Redis restarts:                 ${chaos.redis.length}${redis ? ` (${redis.mode}, down ${(redis.downMs / 1_000).toFixed(1)} s, ${redis.keysBefore} keys before, ${redis.keysAfter} after)` : ''}${chaos.redisError ? ` — failed: ${chaos.redisError}` : ''}`);
  say(`simulator faults:               ${JSON.stringify({ requests: simStats.requests, faultsInjected: simStats.faultsInjected, webhooks: simStats.webhooks })}`);
  say(`client:                         ${api.stats.requests} requests, ${api.stats.retried} retried, ${api.stats.accepted202} answered 202`);
  say(`dead-lettered jobs:             ${dead.messages} messages between services, ${dead.refusedCommands} repeated commands refused by their owner`);
  const examples = [...dead.examples, ...f.examples];
  for (const line of examples.slice(0, 15)) say(`  ${line}`);
  if (examples.length > 15) say(`  … and ${examples.length - 15} more`);
  const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([what]) => what);
  say(failed.length === 0 ? 'PASS: every case closed, no duplicate delivery, no transition lost' : `FAIL: ${failed.join('; ')}`);
  return failed.length === 0;
}

async function main(): Promise<number> {
  const began = Date.now();
  if (!canRestart(redisDir())) {
    say('the chaos run restarts the bench\'s own Redis: run it through `npm run chaos` without REDIS_URL set');
    return 2;
  }
  const simKey = randomBytes(16).toString('hex');
  const stack = await startChaosStack({ root: ROOT, env, syncEveryMs: settings.syncEveryMs, logFile: process.env.CHAOS_LOG_FILE ?? path.join(ROOT, '.data', 'bench', 'chaos', 'services.log'), say, simKey });
  try {
    const specs = specsFor(settings.customers);
    say(`ready in ${((Date.now() - began) / 1_000).toFixed(1)} s; creating ${specs.filter((s) => s.story !== 2).length} delivered sales at Bosta`);
    await createSales(stack, specs, simKey);
    const api = new GatewayClient(stack.gatewayUrl, stack.keys);
    await setFaults(stack.sim.url, settings.faultRate);
    const chaos: Chaos = { killer: startKiller(stack, settings.killEveryMs), redis: [] };
    say(`driving ${specs.length} cases, ${settings.concurrency} at a time; faults ${settings.faultRate * 100} %, a SIGKILL every ~${settings.killEveryMs / 1_000} s, Redis ${settings.redisMode} at ${settings.redisAt * 100} % of the cases`);
    const started = Date.now();
    const results = await drive(stack, api, specs, chaos, started);
    const driveMs = Date.now() - started;
    chaos.killer.stop();
    await setFaults(stack.sim.url, 0);
    // Let the last restarted services come back before reading the figures through them.
    await sleep(2_000);
    const simStats = (await (await fetch(`${stack.sim.url}/__sim/stats`)).json()) as Record<string, unknown>;
    const figures = await collectFigures(results, api, stack.sim.url);
    const dead = await readDeadLetters(env.REDIS_URL, env.QUEUE_PREFIX);
    return print(figures, chaos, { timings: { driveMs, totalMs: Date.now() - began }, api, simStats, dead }) ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`chaos run crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
