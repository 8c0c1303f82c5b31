import { addressOf, receiverOf, type DemoCustomer } from './customer.js';
import { DELIVERY_NOTES } from './names.js';
import type { PlannedOrder } from './plan.js';
import { PRODUCTS } from './products.js';
import type { DemoDelivery, DemoRole } from './types.js';

/** Turns one planned order into the DemoDelivery the simulator consumes. */

const FOLLOW_UP_NOTES: Record<Exclude<DemoRole, 'main'>, readonly [string, string, string, string]> = {
  // [English with ref, Arabic with ref, English without, Arabic without]
  maintenance: ['Maintenance, follow-up to {ref}', 'صيانة - متابعة للطلب {ref}', 'Maintenance request', 'طلب صيانة'],
  service: ['Warranty service, follow-up to {ref}', 'خدمة ضمان - متابعة للطلب {ref}', 'Warranty service', 'خدمة ضمان'],
  refund: ['Refund for {ref}', 'استرداد مبلغ الطلب {ref}', 'Refund', 'استرداد مبلغ'],
  return_pickup: ['Return for inspection, {ref}', 'استرجاع للفحص - {ref}', 'Return for inspection, bought in store', 'استرجاع للفحص - مشترى من معرض'],
  exchange: ['Exchange for {ref}', 'استبدال الطلب {ref}', 'Exchange, bought in store', 'استبدال - مشترى من معرض'],
};

function noteOf(order: PlannedOrder, arabic: boolean, parentRef: string | undefined): string | undefined {
  if (order.role === 'main') {
    const note = order.note >= 0 ? DELIVERY_NOTES[order.note] : undefined;
    return note ? note[arabic ? 1 : 0] : undefined;
  }
  const texts = FOLLOW_UP_NOTES[order.role];
  const text = parentRef ? texts[arabic ? 1 : 0] : texts[arabic ? 3 : 2];
  return text.replace('{ref}', parentRef ?? '');
}

function productOf(order: PlannedOrder, arabic: boolean): DemoDelivery['product'] {
  const product = PRODUCTS[order.product] ?? PRODUCTS[0];
  if (!product) throw new Error('empty product catalogue');
  const part = order.part >= 0 ? product.parts[order.part] : undefined;
  const item = part ?? product;
  // Arabic-speaking customers' orders are often typed in Arabic by the agent.
  return { sku: item.sku, name: arabic && Math.floor(order.t / 1000) % 3 === 0 ? item.nameAr : item.name };
}

/** Everything render needs besides the planned order. */
export interface RenderContext {
  customerIndex: number;
  customer: DemoCustomer;
  reference: string;
  parentReference: string | undefined;
  parentRole: DemoRole | undefined;
  /** The parent was created before this order (only then can the note cite it). */
  parentBefore: boolean;
}

/** The DemoDelivery for one planned order. */
export function render(order: PlannedOrder, ctx: RenderContext): DemoDelivery {
  const { customer } = ctx;
  const arabic = customer.arabic !== order.flip;
  const product = productOf(order, arabic);
  const notes = noteOf(order, arabic, ctx.parentBefore ? ctx.parentReference : undefined);
  const level = order.role === 'main' ? 0 : ctx.parentRole !== undefined && ctx.parentRole !== 'main' ? 2 : 1;
  return {
    type: order.type,
    createdAt: new Date(order.t),
    codPiastres: order.cod,
    receiver: receiverOf(customer, arabic),
    address: addressOf(customer, order.alt),
    product,
    itemsCount: order.items,
    description: `${order.items} * ${product.name}`,
    ...(notes ? { notes } : {}),
    businessReference: ctx.reference,
    outcome: order.outcome,
    story: {
      customer: ctx.customerIndex,
      role: order.role,
      level,
      ...(ctx.parentReference ? { parentReference: ctx.parentReference } : {}),
    },
  };
}
