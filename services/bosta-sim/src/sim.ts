import type { Logger } from '@hvar/platform';
import type { CreateInput } from './domain/create-input.js';
import { WAREHOUSE_ADDRESS } from './domain/business.js';
import { currentStep, type SimDelivery, type WebhookTarget } from './domain/delivery.js';
import { ERR } from './domain/errors.js';
import { API_SEQ_BASE, deliveryIdOf, styleOf, trackingNumberOf } from './domain/identity.js';
import { buildLivePlan, continuePlan, EXCEPTIONS, type PlanStep } from './domain/plan.js';
import { createRng, mixSeed, type Rng } from './domain/rng.js';
import { TERMINABLE_STATES, TYPE_ENUMS, UPDATABLE_STATES } from './domain/states.js';
import { webhookBody } from './domain/webhook-body.js';
import { FaultsSchema, type Faults } from './faults.js';
import { SimClock } from './clock.js';
import { DeliveryStore } from './store/store.js';
import { WebhookDispatcher } from './webhooks.js';

/** API key scopes (bosta-api.md §1). */
export type KeyScope = 'read' | 'read_write' | 'full';

/** Everything the simulator core needs. */
export interface SimCoreOptions {
  seed: number;
  now: number;
  speed: number;
  keys: { key: string; scope: KeyScope }[];
  users: { email: string; password: string }[];
  webhook?: WebhookTarget;
  log: Logger;
  webhookRetryDelayMs?: number;
}

/**
 * The simulated Bosta: deliveries, the sim clock, webhooks, faults and credentials. HTTP routes
 * are thin adapters over this.
 */
export class Simulator {
  readonly store = new DeliveryStore();
  readonly clock: SimClock;
  readonly dispatcher: WebhookDispatcher;
  readonly keys = new Map<string, KeyScope>();
  readonly counters = { requests: 0, faultsInjected: 0 };
  faults: Faults = FaultsSchema.parse({});
  faultRng: Rng;
  private hookRng: Rng;
  webhook: WebhookTarget | undefined;
  nextDemoSeq = 0;
  nextApiSeq = API_SEQ_BASE;
  readonly pickups: Record<string, unknown>[] = [];

  constructor(readonly opts: SimCoreOptions) {
    this.clock = new SimClock(opts.now, opts.speed);
    this.faultRng = createRng(mixSeed(opts.seed, 99));
    this.webhook = opts.webhook;
    for (const k of opts.keys) this.keys.set(k.key, k.scope);
    this.hookRng = createRng(mixSeed(opts.seed, 97));
    this.dispatcher = new WebhookDispatcher({
      faults: () => this.faults,
      rng: () => this.hookRng,
      log: opts.log,
      baseDelayMs: opts.webhookRetryDelayMs,
    });
  }

  /** Replaces fault settings; a `seed` restarts the fault random streams (deterministic runs). */
  setFaults(next: Faults): void {
    this.faults = next;
    if (next.seed !== undefined) {
      this.faultRng = createRng(mixSeed(next.seed, 99));
      this.hookRng = createRng(mixSeed(next.seed, 97));
    }
  }

  /** Moves every delivery to the current sim time; webhooks fire for each state reached. */
  tick(): number {
    return this.store.advanceTo(this.clock.now(), (d, step, reached) => this.notify(d, step, reached));
  }

  /** Same as tick, silently (catching up after a restart). */
  catchUp(): number {
    return this.store.advanceTo(this.clock.now(), () => undefined);
  }

  private notify(d: SimDelivery, step: PlanStep, reached: number): void {
    const target = d.webhook ?? this.webhook;
    if (target) this.dispatcher.enqueue(d.seq, target, webhookBody(d, step, reached));
  }

  /** A delivery by tracking number or `_id`, or 404/1066. */
  get(tnOrId: string): SimDelivery {
    const d = this.store.find(tnOrId);
    if (!d) throw ERR.notFound();
    return d;
  }

  /** Creates a delivery from a validated payload (400/1079 on a reused uniqueBusinessReference). */
  create(input: CreateInput): SimDelivery {
    if (input.uniqueBusinessReference && this.store.byUbr.has(input.uniqueBusinessReference)) throw ERR.duplicateUbr();
    const seq = this.nextApiSeq++;
    const now = this.clock.now();
    const { webhook, ...fields } = input;
    const d: SimDelivery = {
      seq,
      id: deliveryIdOf(this.opts.seed, seq),
      trackingNumber: trackingNumberOf(this.opts.seed, seq),
      createdAt: now,
      source: 'api',
      ...fields,
      ...this.defaultAddresses(input),
      plan: buildLivePlan(input.type, now, mixSeed(this.opts.seed, seq, 5)),
      reached: 1,
      touchedAt: 0,
      updatedAt: now,
      style: styleOf(this.opts.seed, seq),
    };
    if (webhook) d.webhook = webhook;
    this.store.add(d);
    return d;
  }

  private defaultAddresses(input: CreateInput): Partial<SimDelivery> {
    if (input.type === 10 || input.type === 30) return { pickupAddress: WAREHOUSE_ADDRESS };
    if (input.type === 25) return { dropOffAddress: WAREHOUSE_ADDRESS };
    return {};
  }

  /** Applies a business update (`PUT`), only in the updatable states. */
  update(d: SimDelivery, change: (d: SimDelivery) => void): void {
    if (!UPDATABLE_STATES.has(currentStep(d).state)) throw ERR.updateTooLate();
    const now = this.clock.now();
    this.store.mutate(d, () => {
      change(d);
      d.touchedAt = Math.max(now, d.touchedAt);
    });
  }

  /** Terminates a delivery (state 48, webhook), only in states 10/11/20. */
  terminate(d: SimDelivery): void {
    if (!TERMINABLE_STATES.has(currentStep(d).state)) throw ERR.terminateTooLate();
    this.moveTo(d, 48, {});
  }

  /**
   * Moves a delivery to `state` now (admin API, terminate). Unless `hold`, the rest of its type's
   * timeline follows from there. Fires the webhook like any state change.
   */
  moveTo(d: SimDelivery, state: number, extra: { exceptionReason?: string; exceptionCode?: number; hold?: boolean }): PlanStep {
    const at = Math.max(this.clock.now(), currentStep(d).at);
    const step: PlanStep = { state, at };
    if (state === 47) {
      const fallback = EXCEPTIONS[0] as { code: number; reason: string };
      step.exceptionReason = extra.exceptionReason ?? fallback.reason;
      step.exceptionCode = extra.exceptionCode ?? fallback.code;
    }
    const rest = extra.hold ? [] : continuePlan(d.type, state, at, mixSeed(this.opts.seed, d.seq, d.plan.length));
    this.store.replan(d, [step, ...rest]);
    this.tick();
    return step;
  }

  /** Ground-truth counts for `GET /__sim/stats`. */
  stats(): Record<string, unknown> {
    const byState: Record<string, number> = {};
    const byType: Record<string, number> = {};
    for (const d of this.store.bySeq.values()) {
      const state = String(currentStep(d).state);
      byState[state] = (byState[state] ?? 0) + 1;
      byType[TYPE_ENUMS[d.type]] = (byType[TYPE_ENUMS[d.type]] ?? 0) + 1;
    }
    return {
      now: new Date(this.clock.now()).toISOString(),
      deliveries: this.store.size,
      byState,
      byType,
      webhooks: { ...this.dispatcher.counters, pending: this.dispatcher.pending },
      requests: this.counters.requests,
      faultsInjected: this.counters.faultsInjected,
    };
  }
}
