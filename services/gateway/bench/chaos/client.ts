/**
 * The chaos run's client of the public API: every call survives a gateway that is down or restarting
 * (network errors, 5xx, 429 are retried), commands carry an Idempotency-Key (a retry after a lost answer
 * runs nothing twice) and a 202 is followed through `GET /api/v1/operations/{id}`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The roles the stories act as. */
export type Role = 'agent' | 'hub_agent' | 'team_leader' | 'technician';

/** An answer of the gateway (the body parsed as JSON when it is JSON). */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** What a command came to: done (the result), refused (a 4xx problem) or failed in the owner (a 5xx problem). */
export type CommandOutcome = { kind: 'done'; body: Record<string, unknown> } | { kind: 'refused' | 'failed'; status: number; problem: string };

/** Counters the report prints (how rough the ride was for the client). */
export interface ClientStats {
  requests: number;
  retried: number;
  accepted202: number;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** A call is retried this long (the gateway restarting, Redis down) before the caller hears of it. */
const RETRY_FOR_MS = 90_000;
/** A 202's operation is polled this long; a command still pending after that is reported as failed. */
const OPERATION_WAIT_MS = 180_000;

const retryable = (status: number): boolean => status === 429 || status >= 500;

/** A gateway client holding one API key per role. */
export class GatewayClient {
  readonly stats: ClientStats = { requests: 0, retried: 0, accepted202: 0 };

  constructor(
    private readonly baseUrl: string,
    private readonly keys: Record<Role, string>,
  ) {}

  /** One request, without retries; `undefined` when no answer came (connection refused, reset, timeout). */
  async once<T>(method: string, path: string, role: Role, body?: unknown, idempotencyKey?: string): Promise<Answer<T> | undefined> {
    this.stats.requests++;
    const headers: Record<string, string> = { authorization: `Bearer ${this.keys[role]}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    try {
      const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        // Not JSON (a proxy's error page): kept as text.
      }
      return { status: res.status, body: parsed as T };
    } catch {
      return undefined;
    }
  }

  /** A request retried on no answer, 5xx and 429 (same Idempotency-Key) for up to 90 s; the last answer otherwise. */
  async call<T = Record<string, unknown>>(method: string, path: string, role: Role, body?: unknown, idempotencyKey?: string): Promise<Answer<T>> {
    const deadline = Date.now() + RETRY_FOR_MS;
    let delay = 200;
    for (;;) {
      const res = await this.once<T>(method, path, role, body, idempotencyKey);
      if (res && !retryable(res.status)) return res;
      if (Date.now() >= deadline) return res ?? { status: 599, body: { detail: 'no answer from the gateway' } as T };
      this.stats.retried++;
      await sleep(delay);
      delay = Math.min(delay * 2, 2_000);
    }
  }

  /** `GET` answering the body of a 200, or `undefined` for any other status. */
  async read<T>(path: string, role: Role = 'agent'): Promise<T | undefined> {
    const res = await this.call<T>('GET', path, role);
    return res.status === 200 ? res.body : undefined;
  }

  /**
   * A command with `key` as its Idempotency-Key: a 202 is followed to its operation's outcome. A
   * 503 problem that persists (the command failed for good in its owner) comes back as `failed`.
   */
  async command(path: string, role: Role, body: unknown, key: string, method = 'POST'): Promise<CommandOutcome> {
    const res = await this.call(method, path, role, body, key);
    if (res.status === 202) {
      this.stats.accepted202++;
      return this.followOperation(String(res.body.operation_id), role);
    }
    return outcomeOf(res);
  }

  private async followOperation(id: string, role: Role): Promise<CommandOutcome> {
    const deadline = Date.now() + OPERATION_WAIT_MS;
    let delay = 250;
    while (Date.now() < deadline) {
      const op = await this.call<{ status: string; result?: Record<string, unknown>; error?: { status?: number; detail?: string; title?: string } }>('GET', `/api/v1/operations/${id}`, role);
      if (op.status !== 200) return { kind: 'failed', status: op.status, problem: `operation ${id}: ${JSON.stringify(op.body).slice(0, 300)}` };
      if (op.body.status === 'completed') return { kind: 'done', body: op.body.result ?? {} };
      if (op.body.status === 'failed') {
        const status = op.body.error?.status ?? 500;
        return { kind: status < 500 ? 'refused' : 'failed', status, problem: op.body.error?.detail ?? op.body.error?.title ?? 'failed' };
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 2_000);
    }
    return { kind: 'failed', status: 504, problem: `operation ${id} still pending after ${OPERATION_WAIT_MS / 1_000} s` };
  }
}

function outcomeOf(res: Answer): CommandOutcome {
  if (res.status >= 200 && res.status < 300) return { kind: 'done', body: res.body };
  const body = res.body as { detail?: string; title?: string; code?: string } | string;
  const problem = typeof body === 'string' ? body : `${body.code ? `${body.code}: ` : ''}${body.detail ?? body.title ?? JSON.stringify(body)}`;
  return { kind: res.status < 500 ? 'refused' : 'failed', status: res.status, problem: problem.slice(0, 300) };
}
