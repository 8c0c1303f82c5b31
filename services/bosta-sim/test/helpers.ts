import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../src/index.js';

/** Keys every test simulator accepts. */
export const KEYS = { full: 'full-key-0001', readWrite: 'rw-key-00001', read: 'read-key-0001' } as const;
/** Fixed sim start, so runs are reproducible. */
export const T0 = new Date('2026-11-01T10:00:00.000Z');

/** Starts a simulator on a random port with the test keys and a fixed clock. */
export function startTestSim(opts: Partial<SimulatorOptions> = {}): Promise<SimulatorHandle> {
  return startSimulator({
    port: 0,
    seed: 7,
    now: T0,
    speed: 0,
    keys: [
      { key: KEYS.full, scope: 'full' },
      { key: KEYS.readWrite, scope: 'read_write' },
      { key: KEYS.read, scope: 'read' },
    ],
    users: [{ email: 'ops@hvar.test', password: 'secret-pass' }],
    webhookRetryDelayMs: 10,
    ...opts,
  });
}

/** A JSON response: status, headers and parsed body. */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the simulator with an Authorization key (default: full) and a JSON body. */
export async function call<T = Record<string, unknown>>(url: string, opts: { method?: string; key?: string | null; body?: unknown } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = opts.key === undefined ? KEYS.full : opts.key;
  if (key !== null) headers.authorization = key;
  const res = await fetch(url, { method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'), headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** One webhook call as the test receiver saw it. */
export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A tiny real HTTP server that records webhook calls; `failFirst` answers 500 to the first n calls. */
export async function startReceiver(opts: { failFirst?: number } = {}): Promise<{ url: string; hooks: ReceivedHook[]; attempts: () => number; close(): Promise<void>; waitFor(n: number, ms?: number): Promise<ReceivedHook[]> }> {
  const hooks: ReceivedHook[] = [];
  let attempts = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      attempts++;
      if (attempts <= (opts.failFirst ?? 0)) {
        res.statusCode = 500;
        res.end();
        return;
      }
      hooks.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hooks,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(n, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (hooks.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return hooks;
    },
  };
}

/** A valid create body of a type, with a unique reference. */
export function createBody(type: 10 | 15 | 25 | 30, ref: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const address = { city: 'Cairo', districtName: 'Korba', firstLine: '12 Abbas El Akkad St', buildingNumber: '12', floor: '3', apartment: '7' };
  const base: Record<string, unknown> = {
    type,
    cod: type === 25 ? 0 : 1250,
    receiver: { firstName: 'Ahmed', lastName: 'Hassan', phone: '01001234567' },
    businessReference: ref,
    uniqueBusinessReference: `${ref}-u`,
    specs: { packageDetails: { itemsCount: 1, description: '1 * Hand blender 5057' } },
  };
  if (type === 10 || type === 30) base.dropOffAddress = address;
  else base.pickupAddress = address;
  if (type === 25 || type === 30) base.returnSpecs = { packageDetails: { itemsCount: 1, description: 'Hand blender 5057 - motor fault' } };
  return { ...base, ...extra };
}
