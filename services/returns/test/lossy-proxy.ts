import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP hop between the Bosta client and the simulator that can lose answers: a create is
 * forwarded and applied by the simulator, then the connection is cut before its answer gets back
 * (what a timeout or a reset after sending looks like to the client); searches can be failed with a
 * 503 meanwhile, so the lookup of that try fails too.
 */
export interface LossyProxy {
  /** `http://127.0.0.1:port/api/v2`. */
  apiBase: string;
  /** Cuts the connection after forwarding the next `n` creates. */
  loseCreateAnswers(n: number): void;
  /** Answers 503 to every search while on (nothing forwarded). */
  failSearches(on: boolean): void;
  /** Runs `fn` after the next create was applied by the simulator and before its answer is sent back. */
  beforeNextCreateAnswer(fn: () => Promise<void>): void;
  /** Creates forwarded so far. */
  creates(): number;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the proxy in front of `targetUrl` (the simulator's base URL). */
export async function startLossyProxy(targetUrl: string): Promise<LossyProxy> {
  let lose = 0;
  let failSearch = false;
  let creates = 0;
  let hook: (() => Promise<void>) | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      const body = await bodyOf(req);
      if (failSearch && path === '/api/v2/deliveries/search') {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, message: 'unavailable', errorCode: 503 }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
      const answer = await fetch(`${targetUrl}${req.url ?? '/'}`, { method: req.method, headers, body: body.length > 0 ? body : undefined });
      const text = Buffer.from(await answer.arrayBuffer());
      if (req.method === 'POST' && path === '/api/v2/deliveries') {
        creates += 1;
        const run = hook;
        hook = undefined;
        if (run) await run();
        if (lose > 0) {
          lose -= 1;
          req.socket.destroy();
          return;
        }
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiBase: `http://127.0.0.1:${port}/api/v2`,
    loseCreateAnswers: (n) => {
      lose = n;
    },
    failSearches: (on) => {
      failSearch = on;
    },
    beforeNextCreateAnswer: (fn) => {
      hook = fn;
    },
    creates: () => creates,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
