import {
  ActionStatusSchema, ActionTypeSchema, ConfirmationTypeSchema, CustomerDetailSchema, FamilyTreeSchema, RelationshipTypeSchema, ScanResultSchema,
  ServiceActionPageSchema, ServiceActionSchema, ServiceTypeSchema, type ActionType, type FamilyNode, type FamilyTree, type HubWorkflow, type ServiceAction,
} from '@hvar/contracts';
import { isAppError } from '@hvar/platform';
import { z } from 'zod';
import type { GatewayDeps } from '../../deps.js';
import { forwardGet, serviceClient } from '../../http/service-client.js';
import { seg } from '../order-ref.js';

/** An action as the scan screen lists it. */
const ActionSummarySchema = z.object({
  action_id: z.string(), case_number: z.string(), action_type: ActionTypeSchema, action_status: ActionStatusSchema, service_reason: z.string(), created_at: z.string(),
});
type ActionSummary = z.infer<typeof ActionSummarySchema>;

/** What the hub agent sees on one screen after a scan (domain.md §8), each part from its owner. */
export const ScanContextSchema = z
  .object({
    action_id: z.string(),
    case_number: z.string(),
    action_type: ActionTypeSchema,
    service_reason: z.string(),
    return_type: z.object({ action_type: ActionTypeSchema, confirmation_type: ConfirmationTypeSchema, label: z.string() }),
    action: ServiceActionSchema.nullable().meta({ description: 'The case (service-action); null when it could not be read' }),
    customer: CustomerDetailSchema.nullable().meta({ description: 'The customer and their analytics (service-action)' }),
    customer_history: z
      .object({ actions: z.array(ActionSummarySchema).meta({ description: "The customer's other cases, newest first" }), more: z.boolean() })
      .nullable(),
    order_hierarchy: z
      .object({
        main_order_id: z.string().nullable(), main_tracking_number: z.string().nullable(), sub_order_id: z.string().nullable(), sub_tracking_number: z.string().nullable(),
        relationship_type: RelationshipTypeSchema.nullable(), relationship_reason: z.string().nullable(),
      })
      .nullable()
      .meta({ description: "The case's orders and the link between them (the seed's order_hierarchy)" }),
    order_family: FamilyTreeSchema.nullable().meta({ description: "The main order's family tree (hierarchy); null for a case without an order" }),
    has_maintenance_ticket: z.boolean().nullable().meta({ description: 'A maintenance/service case of this customer, or a maintenance/service order in the family (null: unknown)' }),
    maintenance_tickets: z.object({
      actions: z.array(ActionSummarySchema),
      orders: z.array(z.object({ order_id: z.string(), tracking_number: z.string(), service_type: ServiceTypeSchema })),
    }),
    notes: z.array(z.object({ part: z.string(), note: z.string() })).meta({ description: 'Why a part is null (its owner is down, or it does not exist)' }),
  })
  .meta({ id: 'HubScanContext' });
/** The scan screen's context. */
export type ScanContext = z.infer<typeof ScanContextSchema>;

/** `POST /service-actions/hub-scan`: the hub's answer and the context the gateway composed. */
export const HubScanAnswerSchema = z
  .object({ scan: ScanResultSchema, message: z.string(), context: ScanContextSchema })
  .meta({ id: 'HubScanAnswer' });

const RETURN_LABEL: Record<ActionType, string> = {
  maintenance: 'Maintenance request',
  service: 'Service request',
  replace_part: 'Part replacement request',
  replace_full: 'Full replacement request',
  return_refund: 'Return refund request',
};
const TICKET_TYPES: readonly string[] = ['maintenance', 'service'];

type Note = ScanContext['notes'][number];
type Part<T> = { value: T | null; note?: Note };

/** Reads one part from its owner; any failure (owner down, not found, unexpected answer) is a null with a note, never a failed scan. */
async function part<T>(deps: GatewayDeps, name: string, owner: string, path: string, schema: z.ZodType<T>, query?: Record<string, string | number>): Promise<Part<T>> {
  try {
    const parsed = schema.safeParse(await forwardGet(serviceClient(deps), owner, path, query));
    if (parsed.success) return { value: parsed.data };
    deps.log.warn({ part: name, owner }, 'scan context: unexpected answer');
    return { value: null, note: { part: name, note: `The ${owner} service answered in an unexpected shape.` } };
  } catch (err) {
    if (!isAppError(err)) deps.log.warn({ err, part: name, owner }, 'scan context: read failed');
    const why = isAppError(err) && err.type === 'not_found' ? `not found (${err.message})` : isAppError(err) ? err.message : `The ${owner} service could not be read.`;
    return { value: null, note: { part: name, note: why } };
  }
}

const summary = (a: ServiceAction): ActionSummary => ({
  action_id: a.action_id, case_number: a.case_number, action_type: a.action_type, action_status: a.action_status, service_reason: a.service_reason, created_at: a.created_at,
});

function flatten(node: FamilyNode): FamilyNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

/** The seed's `order_hierarchy`: the case's main and sub orders, and the link between them from the family tree. */
function orderHierarchy(action: ServiceAction, family: FamilyTree | null): ScanContext['order_hierarchy'] {
  const link = family && action.sub_order_id ? flatten(family.root).find((n) => n.order_id === action.sub_order_id)?.link : undefined;
  return {
    main_order_id: action.main_order_id, main_tracking_number: action.main_tracking_number, sub_order_id: action.sub_order_id, sub_tracking_number: action.sub_tracking_number,
    relationship_type: link?.relationship_type ?? null, relationship_reason: link?.relationship_reason ?? null,
  };
}

/**
 * Composes the scan screen from the owners (architecture: composition in the gateway): the case and
 * the customer's other cases and profile (service-action), the order family (hierarchy), whether a
 * maintenance ticket exists, and the return type. Reads run in parallel where they can.
 */
export async function composeScanContext(deps: GatewayDeps, workflow: HubWorkflow): Promise<ScanContext> {
  const phone = seg(workflow.customer_phone);
  const [action, customer, history] = await Promise.all([
    part(deps, 'action', 'service-action', `/actions/${seg(workflow.action_id)}`, ServiceActionSchema),
    part(deps, 'customer', 'service-action', `/customers/${phone}`, CustomerDetailSchema),
    part(deps, 'customer_history', 'service-action', '/actions', ServiceActionPageSchema, { customer_phone: workflow.customer_phone, limit: 50 }),
  ]);
  const main = action.value?.main_order_id;
  const family: Part<FamilyTree> = main
    ? await part(deps, 'order_family', 'hierarchy', `/orders/${seg(main)}/tree`, FamilyTreeSchema)
    : { value: null, note: { part: 'order_family', note: action.value ? 'The case has no order (a customer without an order).' : 'Unknown while the case cannot be read.' } };
  const cases = history.value?.items ?? [];
  const ticketActions = cases.filter((a) => TICKET_TYPES.includes(a.action_type)).map(summary);
  const ticketOrders = family.value
    ? flatten(family.value.root).flatMap((n) => (n.order && TICKET_TYPES.includes(n.order.service_type) ? [{ order_id: n.order_id, tracking_number: n.order.tracking_number, service_type: n.order.service_type }] : []))
    : [];
  const known = history.value !== null || family.value !== null;
  return {
    action_id: workflow.action_id,
    case_number: workflow.case_number,
    action_type: workflow.action_type,
    service_reason: action.value?.service_reason ?? workflow.reason,
    return_type: { action_type: workflow.action_type, confirmation_type: workflow.confirmation_type, label: RETURN_LABEL[workflow.action_type] },
    action: action.value,
    customer: customer.value,
    customer_history: history.value && { actions: cases.filter((a) => a.action_id !== workflow.action_id).map(summary), more: history.value.next_cursor !== null },
    order_hierarchy: action.value && orderHierarchy(action.value, family.value),
    order_family: family.value,
    has_maintenance_ticket: ticketActions.length + ticketOrders.length > 0 ? true : known ? false : null,
    maintenance_tickets: { actions: ticketActions, orders: ticketOrders },
    notes: [action, customer, history, family].flatMap((p) => (p.note ? [p.note] : [])),
  };
}

/** The line the scan screen shows first. */
export function scanMessage(workflow: HubWorkflow, repeated: boolean): string {
  const label = RETURN_LABEL[workflow.action_type];
  if (repeated) return `Already scanned at ${workflow.hub_name ?? '?'} by ${workflow.hub_agent ?? '?'} (${workflow.scanned_at ?? '?'}); nothing changed. ${label}, case ${workflow.case_number}.`;
  return `Received at ${workflow.hub_name ?? '?'} by ${workflow.hub_agent ?? '?'}: ${label}, case ${workflow.case_number}. Inspect it next.`;
}
