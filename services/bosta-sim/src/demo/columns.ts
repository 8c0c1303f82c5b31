import type { PlannedOrder } from './plan.js';
import type { DemoOutcome, DemoRole, DemoType } from './types.js';

/**
 * Planned orders of a whole generation stored column-wise in typed arrays (≈ 30 bytes per
 * delivery), so a million deliveries cost tens of megabytes and almost no garbage collection.
 */

const OUTCOMES: readonly DemoOutcome[] = ['delivered', 'returned', 'exception', 'terminated', 'in_transit', 'new'];
const ROLES: readonly DemoRole[] = ['main', 'maintenance', 'service', 'refund', 'return_pickup', 'exchange'];
const OUTCOME_CODE = new Map(OUTCOMES.map((o, i) => [o, i]));
const ROLE_CODE = new Map(ROLES.map((r, i) => [r, i]));

/** Column store of planned orders, indexed by delivery (customer-major order). */
export class OrderColumns {
  readonly t: Float64Array;
  readonly cod: Int32Array;
  readonly type: Uint8Array;
  readonly outcome: Uint8Array;
  readonly role: Uint8Array;
  /** Delivery index of the parent order, or -1. */
  readonly parent: Int32Array;
  readonly product: Uint16Array;
  readonly part: Int8Array;
  readonly items: Uint8Array;
  /** bit 0: alt address, bit 1: script flip. */
  readonly flags: Uint8Array;
  readonly note: Int8Array;
  /** Customer index of each delivery. */
  readonly owner: Uint32Array;

  /** Room for `size` deliveries. */
  constructor(size: number) {
    this.t = new Float64Array(size);
    this.cod = new Int32Array(size);
    this.type = new Uint8Array(size);
    this.outcome = new Uint8Array(size);
    this.role = new Uint8Array(size);
    this.parent = new Int32Array(size);
    this.product = new Uint16Array(size);
    this.part = new Int8Array(size);
    this.items = new Uint8Array(size);
    this.flags = new Uint8Array(size);
    this.note = new Int8Array(size);
    this.owner = new Uint32Array(size);
  }

  /** Stores customer `owner`'s order at delivery index `d`; `base` is the customer's first index. */
  set(d: number, o: PlannedOrder, owner: number, base: number): void {
    this.t[d] = o.t;
    this.cod[d] = o.cod;
    this.type[d] = o.type;
    this.outcome[d] = OUTCOME_CODE.get(o.outcome) ?? 0;
    this.role[d] = ROLE_CODE.get(o.role) ?? 0;
    this.parent[d] = o.parent >= 0 ? base + o.parent : -1;
    this.product[d] = o.product;
    this.part[d] = o.part;
    this.items[d] = o.items;
    this.flags[d] = (o.alt ? 1 : 0) | (o.flip ? 2 : 0);
    this.note[d] = o.note;
    this.owner[d] = owner;
  }

  /** The planned order at delivery index `d` (parent as a delivery index). */
  get(d: number): PlannedOrder {
    const flags = this.flags[d] ?? 0;
    return {
      t: this.t[d] ?? 0,
      cod: this.cod[d] ?? 0,
      type: (this.type[d] ?? 10) as DemoType,
      outcome: OUTCOMES[this.outcome[d] ?? 0] ?? 'delivered',
      role: this.roleAt(d),
      parent: this.parent[d] ?? -1,
      product: this.product[d] ?? 0,
      part: this.part[d] ?? -1,
      items: this.items[d] ?? 1,
      alt: (flags & 1) !== 0,
      flip: (flags & 2) !== 0,
      note: this.note[d] ?? -1,
    };
  }

  /** Role of the order at delivery index `d`. */
  roleAt(d: number): DemoRole {
    return ROLES[this.role[d] ?? 0] ?? 'main';
  }
}
