import http from 'node:http';

/** One kind of request the load rotates over: a label for the report and its path with query. */
export interface Target {
  label: string;
  path: string;
}

/** What one load run measured. */
export interface LoadResult {
  /** Latencies (ms) of the measured window, per target label, non-200 answers included. */
  latencies: Map<string, number[]>;
  requests: number;
  errors: number;
  /** Up to five non-200 answers or network errors, as `label: status body`. */
  errorSamples: string[];
  /** From the end of the warm-up to the last recorded answer. */
  seconds: number;
}

/** Options of `runLoad`. */
export interface LoadOptions {
  baseUrl: string;
  apiKey: string;
  targets: readonly Target[];
  /** Requests in flight at every moment (closed loop: each finished request starts the next). */
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

interface Answer {
  status: number;
  body: string;
}

function get(agent: http.Agent, url: URL, apiKey: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: 'GET', headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Closed-loop HTTP load: `concurrency` requests in flight on keep-alive sockets, rotating over the
 * targets, for a warm-up (not recorded) and then a measured window. Every request's latency is kept
 * (send to last body byte), so percentiles are exact, not estimated.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies = new Map<string, number[]>(opts.targets.map((t) => [t.label, []]));
  const urls = opts.targets.map((t) => ({ label: t.label, url: new URL(t.path, opts.baseUrl) }));
  const result: LoadResult = { latencies, requests: 0, errors: 0, errorSamples: [], seconds: opts.durationMs / 1_000 };
  const started = performance.now();
  const measureFrom = started + opts.warmupMs;
  const stopAt = measureFrom + opts.durationMs;
  let next = 0;
  let lastDone = measureFrom;
  const loop = async (): Promise<void> => {
    while (performance.now() < stopAt) {
      const target = urls[next++ % urls.length];
      if (!target) return;
      const sent = performance.now();
      const answer = await get(agent, target.url, opts.apiKey).catch((err: unknown) => ({ status: 0, body: err instanceof Error ? err.message : String(err) }));
      const done = performance.now();
      // Requests sent during the warm-up are not recorded; those sent in the window are, even when they end after it.
      if (sent < measureFrom) continue;
      lastDone = Math.max(lastDone, done);
      result.requests += 1;
      latencies.get(target.label)?.push(done - sent);
      if (answer.status !== 200) {
        result.errors += 1;
        if (result.errorSamples.length < 5) result.errorSamples.push(`${target.label}: ${answer.status} ${answer.body.slice(0, 300)}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, loop));
  } finally {
    agent.destroy();
  }
  result.seconds = (lastDone - measureFrom) / 1_000;
  return result;
}

/** The q-quantile (0-1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Every latency of a result, sorted ascending. */
export function allLatencies(result: LoadResult): number[] {
  return [...result.latencies.values()].flat().sort((a, b) => a - b);
}
