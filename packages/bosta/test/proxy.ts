import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request seen by the proxy. */
export interface ProxiedRequest {
  method: string;
  path: string;
  status: number | null;
  dropped: boolean;
}

/** A running test proxy. */
export interface TestProxy {
  url: string;
  requests: ProxiedRequest[];
  /** The next request matching `match` is forwarded, but its answer is thrown away and the connection cut. */
  dropNextAnswer(match: (method: string, path: string) => boolean): void;
  close(): Promise<void>;
}

/**
 * A tiny real HTTP proxy in front of the simulator: records every request and can lose an answer
 * after the simulator has acted on the request (the ambiguous-failure case of a create).
 */
export async function startProxy(target: string): Promise<TestProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  const drops: ((method: string, path: string) => boolean)[] = [];
  const server = createServer((req, res) => {
    const seen: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', status: null, dropped: false };
    requests.push(seen);
    const dropAt = drops.findIndex((m) => m(seen.method, seen.path));
    if (dropAt >= 0) drops.splice(dropAt, 1);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
      const out = request({ host: upstream.hostname, port: upstream.port, method: seen.method, path: seen.path, headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          seen.status = up.statusCode ?? null;
          if (dropAt >= 0) {
            seen.dropped = true;
            req.socket.destroy();
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(body));
        });
      });
      out.on('error', () => req.socket.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    dropNextAnswer: (match) => void drops.push(match),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
