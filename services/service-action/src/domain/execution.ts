import type { ActionStatus, ActionType, Part } from '@hvar/contracts';

/** Which execution a route asked for (`execute` dispatches by the action's type). */
export type ExecutionKind = 'execute' | 'replace_part' | 'replace_full' | 'maintenance' | 'refund';

/** The action as execution sees it (amounts in piastres). */
export interface ExecutableAction {
  case_number: string;
  action_type: ActionType;
  status: ActionStatus;
  on_site: boolean;
  review_required: boolean;
  review_decision: string | null;
  approved_refund_limit_piastres: number | null;
  estimated_cost_piastres: number;
}

/** The execution command's fields (amounts in EGP, as the API takes them). */
export interface ExecutionInput {
  kind: ExecutionKind;
  technician?: string;
  parts?: Part[];
  labour_cost?: number;
  notes?: string;
  new_product_sku?: string;
  new_product_name?: string;
  amount?: number;
}

/** What executing means for this action: ledger entries, refund, outbound delivery, final status. */
export interface ExecutionPlan {
  kind: 'replace_part' | 'maintenance' | 'service' | 'replace_full' | 'refund';
  technician: string | null;
  parts: Part[];
  notes: string | null;
  new_product_sku: string | null;
  ledger: { entry: string; amount_piastres: number; note: string | null }[];
  refund: { amount_piastres: number; original_cod_piastres: number | null; approved_limit_piastres: number | null } | null;
  /** The outbound delivery to request (null: nothing ships; the action completes now). */
  outbound: { kind: 'repaired' | 'replacement'; type_code: 10 | 30 } | null;
  /** Statuses to walk from the current one. */
  steps: ActionStatus[];
  /** Completed now and verified (a refund recorded, on-site work done). */
  closes: boolean;
}

/** Why an execution is refused: the error kind, a stable code, a message, and field errors for bad input. */
export interface ExecutionRefusal {
  type: 'invalid_data' | 'conflict' | 'unprocessable';
  code: string;
  message: string;
  errors?: { path: string; message: string }[];
}

/** Executions allowed per route for each action type. */
const KIND_TYPES: Record<Exclude<ExecutionKind, 'execute'>, ActionType[]> = {
  replace_part: ['replace_part'],
  maintenance: ['maintenance', 'service'],
  replace_full: ['replace_full'],
  refund: ['return_refund'],
};

const ROUTE_OF: Record<ActionType, string> = {
  replace_part: 'replace-part', maintenance: 'maintenance', service: 'maintenance', replace_full: 'replace-full', return_refund: 'refund',
};

const piastres = (egp: number) => Math.round(egp * 100);
const egp = (p: number) => (p / 100).toFixed(2);

/**
 * Plans an execution (domain.md §6) or refuses it. Guards, in order: the route suits the action type
 * (409 `wrong_execution`); the hub confirmed the product — or the work is on site (409
 * `hub_not_confirmed`); an approval exists when a review was required (409 `review_pending`); the
 * fields the type needs are there (400); a refund is not above the original COD unless a team leader
 * approved a higher limit (422 `refund_above_cod`).
 */
export function planExecution(action: ExecutableAction, input: ExecutionInput, labourPiastres: number, originalCodPiastres: number | null): ExecutionPlan | ExecutionRefusal {
  if (input.kind !== 'execute' && !KIND_TYPES[input.kind].includes(action.action_type)) {
    return {
      type: 'conflict', code: 'wrong_execution',
      message: `action ${action.case_number} is a ${action.action_type} action; use /${ROUTE_OF[action.action_type]} or /execute, not /${input.kind.replace('_', '-')}`,
    };
  }
  const statusRefusal = checkStatus(action);
  if (statusRefusal) return statusRefusal;
  const fieldErrors = missingFields(action.action_type, input);
  if (fieldErrors.length > 0) {
    return { type: 'invalid_data', code: 'execution_fields', message: `Invalid body: ${fieldErrors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors: fieldErrors };
  }
  const start: ActionStatus[] = ['in_progress'];
  const base = { technician: input.technician ?? null, notes: input.notes ?? null, parts: [] as Part[], new_product_sku: null, refund: null };
  switch (action.action_type) {
    case 'replace_part': {
      const parts = input.parts ?? [];
      const partsCost = parts.reduce((sum, p) => sum + p.qty * piastres(p.unit_cost), 0);
      const labour = input.labour_cost === undefined ? labourPiastres : piastres(input.labour_cost);
      return {
        ...base, kind: 'replace_part', parts,
        ledger: [
          { entry: 'parts', amount_piastres: partsCost, note: parts.map((p) => `${p.qty} × ${p.sku} ${p.name} @ ${egp(piastres(p.unit_cost))}`).join('; ') },
          { entry: 'labour', amount_piastres: labour, note: input.labour_cost === undefined ? 'default labour' : null },
        ],
        ...finish(action, { kind: 'repaired', type_code: 10 }),
      };
    }
    case 'maintenance':
    case 'service': {
      const labour = input.labour_cost === undefined ? (action.action_type === 'maintenance' ? labourPiastres : 0) : piastres(input.labour_cost);
      return {
        ...base, kind: action.action_type,
        ledger: labour > 0 ? [{ entry: 'labour', amount_piastres: labour, note: input.labour_cost === undefined ? 'default labour' : null }] : [],
        ...finish(action, { kind: 'repaired', type_code: 10 }),
      };
    }
    case 'replace_full': {
      // The old unit was not collected when the work is on site: the replacement goes as an EXCHANGE.
      const unit = input.amount === undefined ? action.estimated_cost_piastres : piastres(input.amount);
      return {
        ...base, kind: 'replace_full', new_product_sku: input.new_product_sku ?? null,
        ledger: [{ entry: 'replacement_unit', amount_piastres: unit, note: `replacement ${input.new_product_sku ?? ''}${input.new_product_name ? ` (${input.new_product_name})` : ''}`.trim() }],
        outbound: { kind: 'replacement', type_code: action.on_site ? 30 : 10 },
        steps: start, closes: false,
      };
    }
    case 'return_refund': {
      const amount = piastres(input.amount ?? 0);
      const limit = action.review_decision === 'approved' ? action.approved_refund_limit_piastres : null;
      const ceiling = Math.max(originalCodPiastres ?? 0, limit ?? 0);
      if (amount > ceiling) {
        const why = originalCodPiastres === null
          ? 'the case has no original order, so a refund needs a limit approved by a team leader'
          : `the original order's COD is ${egp(originalCodPiastres)}${limit === null ? ' and no team leader approved more' : ` and the approved limit is ${egp(limit)}`}`;
        return { type: 'unprocessable', code: 'refund_above_cod', message: `refund of ${egp(amount)} is above what is allowed: ${why}` };
      }
      return {
        ...base, kind: 'refund',
        ledger: [{ entry: 'refund', amount_piastres: amount, note: input.notes ?? null }],
        refund: { amount_piastres: amount, original_cod_piastres: originalCodPiastres, approved_limit_piastres: limit },
        outbound: null, steps: ['in_progress', 'completed'], closes: true,
      };
    }
  }
}

/** Repaired work ships back, except on site, where it is done now. */
function finish(action: ExecutableAction, outbound: NonNullable<ExecutionPlan['outbound']>): Pick<ExecutionPlan, 'outbound' | 'steps' | 'closes'> {
  if (action.on_site) return { outbound: null, steps: ['in_progress', 'completed'], closes: true };
  return { outbound, steps: ['in_progress'], closes: false };
}

function checkStatus(action: ExecutableAction): ExecutionRefusal | null {
  if (action.status === 'hub_confirmed') {
    if (action.review_required && action.review_decision !== 'approved') {
      return { type: 'conflict', code: 'review_pending', message: `action ${action.case_number} needs a team leader's approval before execution` };
    }
    return null;
  }
  if (action.on_site && action.status === 'requested') return null;
  if (action.status === 'pending_review') {
    return { type: 'conflict', code: 'review_pending', message: `action ${action.case_number} is waiting for a team-leader review; execution needs the approval` };
  }
  if (['requested', 'return_ordered', 'return_in_transit', 'return_received', 'return_failed'].includes(action.status)) {
    return { type: 'conflict', code: 'hub_not_confirmed', message: `action ${action.case_number} is ${action.status}: execution needs the product confirmed by the hub first` };
  }
  return { type: 'conflict', code: 'not_executable', message: `action ${action.case_number} is ${action.status}; it cannot be executed (again)` };
}

function missingFields(type: ActionType, input: ExecutionInput): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) errors.push({ path: `body.${path}`, message });
  };
  if (type === 'replace_part') {
    need(input.technician !== undefined, 'technician', `is required to replace a part`);
    need((input.parts?.length ?? 0) > 0, 'parts', 'needs at least one part (sku, name, qty, unit_cost)');
  } else if (type === 'maintenance' || type === 'service') {
    need(input.technician !== undefined, 'technician', `is required for ${type}`);
  } else if (type === 'replace_full') {
    need(input.new_product_sku !== undefined, 'new_product_sku', 'is required for a full replacement');
  } else {
    need(input.amount !== undefined && input.amount > 0, 'amount', 'is required for a refund and must be above 0');
  }
  return errors;
}

/** Whether a value is a refusal. */
export function isRefusal(value: ExecutionPlan | ExecutionRefusal): value is ExecutionRefusal {
  return 'code' in value && 'type' in value;
}
