/**
 * The three acceptance stories (domain.md §10) as small state machines driven through the public API
 * exactly like services/gateway/test/cycle.e2e.int.test.ts, but written to survive chaos: each step
 * first reads where the case is, issues its command only when the case is not past it yet, retries a
 * command that did not land (new Idempotency-Key), and then waits, bounded, on the public API.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActionStatus, ServiceAction } from '@hvar/contracts';
import type { CommandOutcome, GatewayClient } from './client.js';

/** Story 1 (maintenance with an order), 2 (full replacement without an order), 3 (refund). */
export type StoryId = 1 | 2 | 3;

/** The status history each story must leave (`transitions[].to_status`), once each. */
export const EXPECTED: Record<StoryId, readonly ActionStatus[]> = {
  1: ['requested', 'return_ordered', 'return_in_transit', 'return_received', 'hub_confirmed', 'in_progress', 'outbound_shipped', 'completed'],
  2: ['requested', 'return_ordered', 'return_in_transit', 'return_received', 'hub_confirmed', 'pending_review', 'hub_confirmed', 'in_progress', 'outbound_shipped', 'completed'],
  3: ['requested', 'return_ordered', 'return_in_transit', 'return_received', 'hub_confirmed', 'pending_review', 'hub_confirmed', 'in_progress', 'completed'],
};

/** Bosta legs each story creates (P = return pickup, O = outbound delivery). */
export const EXPECTED_LEGS: Record<StoryId, readonly ('P' | 'O')[]> = { 1: ['P', 'O'], 2: ['P', 'O'], 3: ['P'] };

/** One case to drive. */
export interface CaseSpec {
  story: StoryId;
  index: number;
  phone: string;
  /** Tracking number of the customer's delivered sale (stories 1 and 3). */
  sale?: string;
  cod?: number;
}

/** How a case ended. */
export interface CaseResult {
  spec: CaseSpec;
  actionId?: string;
  caseNumber?: string;
  ok: boolean;
  reason?: string;
  /** Commands refused or failed on the way (each was retried). */
  hiccups: string[];
  ms: number;
}

/** What the stories need: the gateway, the simulator's admin API, the bounds. */
export interface StoryContext {
  api: GatewayClient;
  /** Moves a parcel at the simulator (`POST /__sim/deliveries/{tn}/state`) unless it is there already. */
  move(trackingNumber: string, state: number): Promise<void>;
  /** A step not reached within this long fails the case. */
  stepTimeoutMs: number;
  /** The run's deadline (epoch ms): no step waits past it. */
  deadline: number;
  /** Unique per run, so Idempotency-Keys never collide with an earlier run's operations. */
  runId: string;
}

const address = (district: string | null) => ({ city: 'Cairo', zone: null, district, first_line: '12 Abbas El Akkad St, floor 3' });

/** Position of the action in its story's expected history (-1: a status the story never has). */
export function rankOf(story: StoryId, a: Pick<ServiceAction, 'action_status' | 'review_decision'>): number {
  const seq = EXPECTED[story];
  const first = seq.indexOf(a.action_status);
  if (a.action_status === 'hub_confirmed' && a.review_decision === 'approved') return seq.lastIndexOf('hub_confirmed');
  return first;
}

/** Index of the `occurrence`-th (0-based) `status` in the story's history. */
function target(story: StoryId, status: ActionStatus, occurrence = 0): number {
  let seen = -1;
  return EXPECTED[story].findIndex((s) => s === status && ++seen === occurrence);
}

const enc = encodeURIComponent;

interface LegRow { attempt: number; tracking_number: string | null; status: string; last_error: { message?: string } | null }

/** Drives one case from its creation to its final state. */
class CaseRun {
  readonly hiccups: string[] = [];
  action: ServiceAction | undefined;
  private readonly keyBase: string;

  constructor(
    readonly spec: CaseSpec,
    private readonly ctx: StoryContext,
    private readonly district: string | null,
  ) {
    this.keyBase = `chaos-${ctx.runId}-${spec.story}-${spec.index}`;
  }

  async drive(): Promise<void> {
    const { story } = this.spec;
    if (this.spec.sale) await this.until('the sale known to the customer service', async () => ((await this.ctx.api.read<{ total_orders?: number }>(`/api/v1/customers/${enc(this.spec.phone)}`))?.total_orders ?? 0) >= 1);
    this.action = await this.create();
    const pickup = await this.leg('pickup');
    await this.reach(target(story, 'return_ordered'), 'pickup ordered');
    await this.ctx.move(pickup, 23);
    await this.reach(target(story, 'return_in_transit'), 'picked up');
    await this.until('the hub expects the parcel', async () => Boolean(await this.ctx.api.read(`/api/v1/hub/workflows/${pickup}`, 'hub_agent')));
    await this.step('scan', target(story, 'return_received'), (key) =>
      this.ctx.api.command('/api/v1/service-actions/hub-scan', 'hub_agent', { return_tracking_number: pickup, hub_name: 'Cairo Hub', hub_agent: 'Ahmed Ali' }, key));
    await this.step('inspect', story === 1 ? target(story, 'hub_confirmed') : target(story, 'pending_review'), (key) =>
      this.ctx.api.command('/api/v1/service-actions/hub-inspection', 'hub_agent', { return_tracking_number: pickup, ...INSPECTIONS[story] }, key));
    if (story !== 1) {
      await this.step('review', target(story, 'hub_confirmed', 1), (key) =>
        this.ctx.api.command('/api/v1/service-actions/team-leader-review', 'team_leader', { return_tracking_number: pickup, team_leader: 'Sara Youssef', decision: 'approved', notes: 'approved by the chaos run' }, key));
    }
    if (story === 3) {
      await this.step('refund', target(story, 'completed'), (key) => this.ctx.api.command(`/api/v1/service-actions/${this.id}/refund`, 'agent', { amount: this.spec.cod ?? 0 }, key));
      await this.reach(target(story, 'completed'), 'refund verified', (a) => a.closure_verified && a.costs.refund_processed);
      return;
    }
    const execution = story === 1
      ? (key: string) => this.ctx.api.command(`/api/v1/service-actions/${this.id}/maintenance`, 'technician', { technician: 'Mohammed Hassan', maintenance_notes: 'Replaced motor bearings' }, key)
      : (key: string) => this.ctx.api.command(`/api/v1/service-actions/${this.id}/replace-full`, 'agent', { new_product_sku: 'BL-200', new_product_name: 'Blender 200' }, key);
    await this.step('execute', target(story, 'in_progress'), execution);
    const outbound = await this.leg('outbound');
    await this.reach(target(story, 'outbound_shipped'), 'outbound shipped');
    await this.ctx.move(outbound, 45);
    await this.reach(target(story, 'completed'), 'delivered and verified', (a) => a.closure_verified);
  }

  get id(): string {
    if (!this.action) throw new Error('no action yet');
    return this.action.action_id;
  }

  /** Opens the case; after a command that did not land, the customer's cases are looked at before trying again. */
  private async create(): Promise<ServiceAction> {
    const body = CREATE[this.spec.story](this.spec, this.district);
    const deadline = this.stepDeadline();
    for (let attempt = 1; ; attempt++) {
      const out = await this.ctx.api.command('/api/v1/service-actions', 'agent', body, `${this.keyBase}-create-${attempt}`);
      if (out.kind === 'done') return out.body as unknown as ServiceAction;
      this.hiccups.push(`create#${attempt}: ${out.status} ${out.problem}`);
      const existing = await this.ctx.api.read<{ items: ServiceAction[] }>(`/api/v1/service-actions?customer_phone=${enc(this.spec.phone)}`);
      const found = existing?.items[0];
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`create: not created (${out.status} ${out.problem})`);
      await sleep(Math.min(attempt, 5) * 1_000);
    }
  }

  /** Runs a command until the case is at `goal` or past it; a command that landed is not repeated. */
  private async step(name: string, goal: number, issue: (key: string) => Promise<CommandOutcome>): Promise<void> {
    const deadline = this.stepDeadline();
    for (let attempt = 1; ; attempt++) {
      const current = await this.current();
      if (current && rankOf(this.spec.story, current) >= goal) return;
      if (Date.now() > deadline) throw new Error(`${name}: the case stays ${describe(current)}`);
      const out = await issue(`${this.keyBase}-${name}-${attempt}`);
      if (out.kind === 'done') return void (await this.reach(goal, name));
      this.hiccups.push(`${name}#${attempt}: ${out.status} ${out.problem}`);
      await sleep(Math.min(attempt, 5) * 1_000);
    }
  }

  /** Waits until the case is at `goal` (or past it) and `extra` holds. */
  private async reach(goal: number, what: string, extra: (a: ServiceAction) => boolean = () => true): Promise<ServiceAction> {
    let last: ServiceAction | undefined;
    await this.until(what, async () => {
      last = await this.current();
      if (!last) return false;
      const rank = rankOf(this.spec.story, last);
      if (rank < 0) throw new Fatal(`${what}: the case went to ${describe(last)}, which the story never has`);
      return rank >= goal && extra(last);
    }, () => describe(last));
    return last as ServiceAction;
  }

  /** The leg's first attempt once it exists at Bosta (its tracking number). */
  private async leg(kind: 'pickup' | 'outbound'): Promise<string> {
    let tn: string | undefined;
    let seen: LegRow | undefined;
    await this.until(`the ${kind} created at Bosta`, async () => {
      const page = await this.ctx.api.read<{ items: LegRow[] }>(`/api/v1/returns?action_id=${this.id}&leg=${kind}`);
      seen = page?.items.find((l) => l.attempt === 1);
      tn = seen?.tracking_number ?? undefined;
      return tn !== undefined;
    }, () => (seen ? `leg ${seen.status}${seen.last_error ? ` (${seen.last_error.message ?? ''})` : ''}` : 'no leg'));
    return tn as string;
  }

  private async current(): Promise<ServiceAction | undefined> {
    if (!this.action) return undefined;
    const a = await this.ctx.api.read<ServiceAction>(`/api/v1/service-actions/${this.id}`);
    if (a) this.action = a;
    return a;
  }

  private stepDeadline(): number {
    return Math.min(Date.now() + this.ctx.stepTimeoutMs, this.ctx.deadline);
  }

  /** Polls `check` (300 ms growing to 2 s) until it holds; fails the case after the step timeout. */
  private async until(what: string, check: () => Promise<boolean>, state: () => string = () => ''): Promise<void> {
    const deadline = this.stepDeadline();
    let delay = 300;
    for (;;) {
      if (await check()) return;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(this.ctx.stepTimeoutMs / 1_000)} s${state() ? ` (${state()})` : ''}`);
      await sleep(delay);
      delay = Math.min(Math.round(delay * 1.5), 2_000);
    }
  }
}

/** A case that went somewhere its story never goes: no point waiting. */
class Fatal extends Error {}

function describe(a: ServiceAction | undefined): string {
  if (!a) return 'unreadable';
  return `${a.action_status}${a.review_decision ? ` (review ${a.review_decision})` : ''}${a.needs_attention ? `, needs attention: ${a.needs_attention}` : ''}`;
}

const CREATE: Record<StoryId, (spec: CaseSpec, district: string | null) => Record<string, unknown>> = {
  1: (spec) => ({ customer_phone: spec.phone, action_type: 'maintenance', service_reason: 'Product not working properly', main_order_id: spec.sale, link_to_hierarchy: true }),
  2: (spec, district) => ({ customer_phone: spec.phone, action_type: 'replace_full', service_reason: 'Unit arrived dead', pickup_address: address(district), customer_name: 'Mona Adel' }),
  3: (spec) => ({ customer_phone: spec.phone, action_type: 'return_refund', service_reason: 'Changed my mind', main_order_id: spec.sale }),
};

const INSPECTIONS: Record<StoryId, Record<string, unknown>> = {
  1: { product_condition: 'good', quality_score: 6, inspection_notes: 'Motor bearings worn', recommended_action: 'maintenance' },
  2: { product_condition: 'damaged', functionality_test: 'not_working', quality_score: 2, inspection_notes: 'defective', recommended_action: 'replace_full' },
  3: { product_condition: 'good', quality_score: 8, recommended_action: 'refund' },
};

/** Drives one case; never throws (the failure is the result). */
export async function runCase(spec: CaseSpec, ctx: StoryContext, district: string | null): Promise<CaseResult> {
  const started = Date.now();
  const run = new CaseRun(spec, ctx, district);
  const done = (ok: boolean, reason?: string): CaseResult => ({
    spec, actionId: run.action?.action_id, caseNumber: run.action?.case_number, ok, reason, hiccups: run.hiccups, ms: Date.now() - started,
  });
  try {
    await run.drive();
    return done(true);
  } catch (err) {
    return done(false, err instanceof Error ? err.message : String(err));
  }
}
