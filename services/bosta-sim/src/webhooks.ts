import type { Logger } from '@hvar/platform';
import type { WebhookTarget } from './domain/delivery.js';
import type { Rng } from './domain/rng.js';

/** Webhook fault rates (0..1), read at enqueue time. */
export interface WebhookFaults {
  webhookDrop: number;
  webhookDuplicate: number;
  webhookReorder: number;
}

/** Counters of the dispatcher (part of `GET /__sim/stats`). */
export interface WebhookCounters {
  queued: number;
  sent: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  failed: number;
  retried: number;
}

interface Outgoing {
  key: number;
  target: WebhookTarget;
  body: string;
}

interface Held extends Outgoing {
  releaseAfterSent: number;
}

/** Options of the dispatcher. */
export interface DispatcherOptions {
  faults: () => WebhookFaults;
  /** The fault random stream (may be replaced when faults are reseeded). */
  rng: () => Rng;
  log: Logger;
  concurrency?: number;
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Longest a reordered webhook is held when no later ones overtake it. */
  holdMs?: number;
}

/**
 * Sends webhooks asynchronously in the order they were queued, a few at a time but never two of
 * the same delivery at once, with retries; applies the drop / duplicate / reorder faults.
 */
export class WebhookDispatcher {
  readonly counters: WebhookCounters = { queued: 0, sent: 0, dropped: 0, duplicated: 0, reordered: 0, failed: 0, retried: 0 };
  private queue: (Outgoing | null)[] = [];
  private head = 0;
  private held: Held[] = [];
  private readonly busy = new Set<number>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly opts: DispatcherOptions) {}

  /** Queues one webhook for delivery `key` (a delivery seq); faults decide its fate. */
  enqueue(key: number, target: WebhookTarget, body: Record<string, unknown>): void {
    if (this.closed) return;
    const f = this.opts.faults();
    const item: Outgoing = { key, target, body: JSON.stringify(body) };
    if (this.opts.rng().chance(f.webhookDrop)) {
      this.counters.dropped++;
      return;
    }
    this.counters.queued++;
    if (this.opts.rng().chance(f.webhookReorder)) {
      this.counters.reordered++;
      const held: Held = { ...item, releaseAfterSent: this.counters.sent + this.opts.rng().int(2, 5) };
      this.held.push(held);
      // Without later traffic a held webhook still goes out, just late.
      setTimeout(() => {
        held.releaseAfterSent = Number.NEGATIVE_INFINITY;
        this.release(false);
        this.pump();
      }, this.opts.holdMs ?? 2_000).unref();
    } else {
      this.queue.push(item);
    }
    if (this.opts.rng().chance(f.webhookDuplicate)) {
      this.counters.duplicated++;
      this.counters.queued++;
      this.queue.push({ ...item });
    }
    this.pump();
  }

  /**
   * Releases every held webhook and resolves once nothing is queued or in flight (true), or when
   * `timeoutMs` passes first (false; a dead receiver would otherwise hold the caller forever).
   */
  async flush(timeoutMs = 30_000): Promise<boolean> {
    this.release(true);
    this.pump();
    if (this.isIdle()) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const done = await Promise.race([idle, late]);
    clearTimeout(timer);
    return done;
  }

  /** Stops sending: in-flight calls finish, the rest is discarded. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue = [];
    this.head = 0;
    this.held = [];
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Number of webhooks waiting (queued or held). */
  get pending(): number {
    return this.queue.length - this.head + this.held.length + this.active;
  }

  private isIdle(): boolean {
    return this.active === 0 && this.head >= this.queue.length && this.held.length === 0;
  }

  private release(all: boolean): void {
    if (this.held.length === 0) return;
    const ready = this.held.filter((h) => all || h.releaseAfterSent <= this.counters.sent);
    if (ready.length === 0) return;
    this.held = this.held.filter((h) => !ready.includes(h));
    this.queue.push(...ready);
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 4;
    while (this.active < limit) {
      const item = this.take();
      if (!item) break;
      this.active++;
      this.busy.add(item.key);
      void this.send(item).finally(() => {
        this.active--;
        this.busy.delete(item.key);
        this.release(this.closed);
        this.pump();
        if (this.isIdle() || (this.closed && this.active === 0)) this.wakeIdle();
      });
    }
    if (this.isIdle()) this.wakeIdle();
  }

  private take(): Outgoing | undefined {
    while (this.head < this.queue.length && this.queue[this.head] === null) this.head++;
    for (let i = this.head; i < Math.min(this.queue.length, this.head + 256); i++) {
      const item = this.queue[i];
      if (!item || this.busy.has(item.key)) continue;
      this.queue[i] = null;
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      return item;
    }
    return undefined;
  }

  private async send(item: Outgoing): Promise<void> {
    const attempts = this.opts.attempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (await this.post(item)) {
        this.counters.sent++;
        return;
      }
      if (attempt < attempts) {
        this.counters.retried++;
        await new Promise((r) => setTimeout(r, (this.opts.baseDelayMs ?? 100) * 2 ** (attempt - 1)));
      }
    }
    this.counters.failed++;
    this.opts.log.warn({ url: item.target.url, key: item.key }, 'webhook failed after retries');
  }

  private async post(item: Outgoing): Promise<boolean> {
    try {
      const res = await fetch(item.target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...item.target.headers },
        body: item.body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok;
    } catch {
      return false;
    }
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
