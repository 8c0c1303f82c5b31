/**
 * The agent's forms on an action page: edit the editable fields (`PUT`), link a main order, request
 * the return pickup again, cancel with a reason (`DELETE` with a body). Each sends its command with an
 * Idempotency-Key and shows the API's answer: field errors beside the fields, a 409 with the statuses
 * allowed from the current one.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, command as runCommand, useApi, useIdempotencyKey, withQuery, type PageOf } from '../api.js';
import type { Order } from '../domain/orders.js';
import { ACTION_SUBTYPES, actionPath, type Address, type ServiceAction } from '../domain/service-actions.js';
import { formatDate, formatMoney, messages, useT } from '../i18n.js';
import { StatusBadge } from '../ui/badges.js';
import { focusProblem, invalidProps, numberOrUndefined, SelectField, submitOnEnter, TextField, textOrNull } from '../ui/forms.js';
import { Button, Field, ProblemBox, fieldError } from '../ui/kit.js';
import { actionStatusName, actionSubtypeName } from '../ui/words.js';

const m = messages({
  en: {
    edit: 'Edit the case', subtype: 'Subtype', noSubtype: 'None', notes: 'Notes', product: 'Product', sku: 'Product SKU', description: 'Product description',
    technician: 'Assigned technician', warranty: 'Warranty applies', estimated: 'Estimated cost (EGP)', contribution: 'Customer contribution (EGP)',
    pickup: 'Pickup address', city: 'City', zone: 'Zone', district: 'District', firstLine: 'Street and building', save: 'Save changes', saved: 'Saved.',
    link: 'Link to an order', relink: 'Link to another order', order: "Customer's order", chooseOrder: 'Choose an order…',
    noOrders: 'No orders are known for this customer.', linkSubmit: 'Link the order', linked: 'Linked.', retry: 'Request the pickup again', retryReason: 'Reason',
    retrySubmit: 'Request the pickup again', retried: 'The pickup was requested again.', cancel: 'Cancel the case', cancelReason: 'Reason for cancelling',
    cancelHint: 'Allowed until the product is received.', cancelSubmit: 'Cancel the case', cancelled: 'The case was cancelled.', allowedNow: 'Allowed from {status}:',
    allowedNone: 'no further status', orderLine: '#{tn} · {product} · {date} · {cod}', noProduct: 'product not named',
  },
  ar: {
    edit: 'تعديل الحالة', subtype: 'النوع الفرعي', noSubtype: 'لا شيء', notes: 'ملاحظات', product: 'المنتج', sku: 'رمز المنتج (SKU)', description: 'وصف المنتج',
    technician: 'الفني المكلف', warranty: 'يشمله الضمان', estimated: 'التكلفة التقديرية (ج.م)', contribution: 'مساهمة العميل (ج.م)',
    pickup: 'عنوان الاستلام', city: 'المدينة', zone: 'المنطقة', district: 'الحي', firstLine: 'الشارع والمبنى', save: 'حفظ التغييرات', saved: 'تم الحفظ.',
    link: 'ربط بطلب', relink: 'ربط بطلب آخر', order: 'طلب العميل', chooseOrder: 'اختر طلبًا…',
    noOrders: 'لا توجد طلبات معروفة لهذا العميل.', linkSubmit: 'ربط الطلب', linked: 'تم الربط.', retry: 'طلب الاستلام مرة أخرى', retryReason: 'السبب',
    retrySubmit: 'طلب الاستلام مرة أخرى', retried: 'تم طلب الاستلام مرة أخرى.', cancel: 'إلغاء الحالة', cancelReason: 'سبب الإلغاء',
    cancelHint: 'مسموح به حتى استلام المنتج.', cancelSubmit: 'إلغاء الحالة', cancelled: 'تم إلغاء الحالة.', allowedNow: 'المسموح به من {status}:',
    allowedNone: 'لا توجد حالة تالية', orderLine: '#{tn} · {product} · {date} · {cod}', noProduct: 'المنتج غير مسمى',
  },
});

export interface FormProps {
  action: ServiceAction;
  /** The action changed (reload it); with a 409, the case moved on: the page shows the conflict where it stays visible. */
  changed: (conflict?: ApiError) => void;
}

/** A command form's state: send once at a time, with its key; errors kept for the fields. */
export function useCommand(changed: FormProps['changed']) {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const sending = useRef(false);
  const idempotency = useIdempotencyKey();
  const container = useRef<HTMLFormElement>(null);
  const run = async (method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown): Promise<ServiceAction | null> => {
    if (sending.current) return null;
    sending.current = true;
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      const result = await runCommand<ServiceAction>(method, path, body, { idempotencyKey: idempotency.keyFor({ method, path, body }) });
      setDone(true);
      changed();
      return result;
    } catch (failure) {
      idempotency.settled(failure);
      // A 409 means the case moved on (this form may no longer apply): the page shows it with what is allowed now.
      if (failure instanceof ApiError && failure.status === 409) {
        changed(failure);
        return null;
      }
      setError(failure);
      focusProblem(container.current);
      return null;
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  return { run, error, busy, done, container, err: (path: string) => fieldError(error, path) };
}

/** The API's problem; for a 409 also the statuses the transition table allows from the current one. */
export function CommandProblem({ error, action }: { error: unknown; action: ServiceAction }) {
  const t = useT(m);
  if (!error) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <div class="problem-anchor sa-conflict" tabIndex={-1}>
      <ProblemBox error={error} />
      {conflict && (
        <p class="sa-allowed" data-conflict-allowed={action.allowed_transitions.join(',')}>
          <span>{t('allowedNow', { status: actionStatusName(action.action_status) })}</span>
          {action.allowed_transitions.length === 0 ? t('allowedNone') : action.allowed_transitions.map((s) => <StatusBadge key={s} status={s} />)}
        </p>
      )}
    </div>
  );
}

/** One form card: heading, problem, fields, submit, and a polite "done" line. */
export function CommandCard(props: {
  id: string;
  title: string;
  action: ServiceAction;
  command: ReturnType<typeof useCommand>;
  onSubmit: () => void;
  submit: string;
  doneText: string;
  danger?: boolean;
  children: ComponentChildren;
}) {
  const { command } = props;
  return (
    <form ref={command.container} class="card sa-command-form" id={props.id} aria-labelledby={`${props.id}-title`} noValidate onKeyDown={submitOnEnter}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <CommandProblem error={command.error} action={props.action} />
      {props.children}
      <div class="sa-form-actions">
        <Button type="submit" kind={props.danger ? 'danger' : 'primary'} busy={command.busy}>
          {props.submit}
        </Button>
        <span role="status">{command.done && !command.error ? props.doneText : ''}</span>
      </div>
    </form>
  );
}

/** Whether the pickup can be requested again: after it failed, or while still requested after Bosta refused it. */
export function isRetryable(a: ServiceAction): boolean {
  return !a.on_site && (a.action_status === 'return_failed' || (a.action_status === 'requested' && a.needs_attention !== null));
}

export function EditForm({ action, changed }: FormProps) {
  const t = useT(m);
  const command = useCommand(changed);
  // Changes are taken against what the form showed (not the polled action), so a field someone else
  // changed meanwhile is not overwritten with this form's stale value.
  const shown = useRef(action);
  const a = shown.current;
  const [subtype, setSubtype] = useState(a.action_subtype ?? '');
  const [notes, setNotes] = useState(a.service_notes ?? '');
  const [product, setProduct] = useState(a.product_name ?? '');
  const [sku, setSku] = useState(a.product_sku ?? '');
  const [description, setDescription] = useState(a.product_description ?? '');
  const [technician, setTechnician] = useState(a.assigned_technician ?? '');
  const [warranty, setWarranty] = useState(a.warranty_applies);
  const [estimated, setEstimated] = useState(String(a.costs.estimated_cost));
  const [contribution, setContribution] = useState(String(a.costs.customer_contribution));
  const addressEditable = action.action_status === 'requested' || action.action_status === 'return_failed';
  const [address, setAddress] = useState(toForm(a.pickup_address));
  const setAddressField = (field: keyof typeof address) => (value: string) => setAddress((x) => ({ ...x, [field]: value }));

  const changes = () => {
    const c: Record<string, unknown> = {};
    const diff = (key: string, now: unknown, before: unknown) => {
      if (now !== before) c[key] = now;
    };
    diff('action_subtype', subtype || null, a.action_subtype);
    diff('service_notes', textOrNull(notes), a.service_notes);
    diff('product_name', textOrNull(product), a.product_name);
    diff('product_sku', textOrNull(sku), a.product_sku);
    diff('product_description', textOrNull(description), a.product_description);
    diff('assigned_technician', textOrNull(technician), a.assigned_technician);
    diff('warranty_applies', warranty, a.warranty_applies);
    diff('estimated_cost', numberOrUndefined(estimated), a.costs.estimated_cost);
    diff('customer_contribution', numberOrUndefined(contribution), a.costs.customer_contribution);
    if (addressEditable && JSON.stringify(address) !== JSON.stringify(toForm(a.pickup_address))) c.pickup_address = fromForm(address);
    return c;
  };
  const save = async () => {
    const saved = await command.run('PUT', actionPath(a.action_id), changes());
    if (saved) shown.current = saved;
  };
  const { err } = command;
  return (
    <CommandCard id="edit-form" title={t('edit')} action={action} command={command} submit={t('save')} doneText={t('saved')}
      onSubmit={() => void save()}>
      <SelectField id="edit-subtype" label={t('subtype')} value={subtype} onChange={setSubtype} none={t('noSubtype')} error={err('action_subtype')}
        options={ACTION_SUBTYPES.map((s) => [s, actionSubtypeName(s)] as const)} />
      <TextField id="edit-notes" label={t('notes')} multiline value={notes} onValue={setNotes} error={err('service_notes')} />
      <div class="form-row">
        <TextField id="edit-product" label={t('product')} value={product} onValue={setProduct} error={err('product_name')} />
        <TextField id="edit-sku" label={t('sku')} dir="ltr" value={sku} onValue={setSku} error={err('product_sku')} />
      </div>
      <TextField id="edit-description" label={t('description')} value={description} onValue={setDescription} error={err('product_description')} />
      <TextField id="edit-technician" label={t('technician')} value={technician} onValue={setTechnician} error={err('assigned_technician')} />
      <div class="form-row">
        <TextField id="edit-estimated" label={t('estimated')} type="number" step="0.01" value={estimated} onValue={setEstimated} error={err('estimated_cost')} />
        <TextField id="edit-contribution" label={t('contribution')} type="number" step="0.01" value={contribution} onValue={setContribution} error={err('customer_contribution')} />
      </div>
      <label class="sa-check" for="edit-warranty">
        <input id="edit-warranty" type="checkbox" checked={warranty} onChange={(e) => setWarranty(e.currentTarget.checked)} />
        {t('warranty')}
      </label>
      {addressEditable && <AddressFields prefix="edit" legend={t('pickup')} value={address} set={setAddressField} err={err} />}
    </CommandCard>
  );
}

type AddressForm = { city: string; zone: string; district: string; first_line: string };
const toForm = (a: Address | null): AddressForm => ({ city: a?.city ?? '', zone: a?.zone ?? '', district: a?.district ?? '', first_line: a?.first_line ?? '' });
const fromForm = (a: AddressForm): Address => ({ city: a.city.trim(), zone: textOrNull(a.zone), district: textOrNull(a.district), first_line: a.first_line.trim() });

function AddressFields(props: { prefix: string; legend: string; value: AddressForm; set: (f: keyof AddressForm) => (v: string) => void; err: (p: string) => string | undefined }) {
  const t = useT(m);
  const { prefix, value, set, err } = props;
  return (
    <fieldset class="sa-choices">
      <legend>{props.legend}</legend>
      <div class="form-row">
        <TextField id={`${prefix}-city`} label={t('city')} value={value.city} onValue={set('city')} error={err('pickup_address.city')} />
        <TextField id={`${prefix}-zone`} label={t('zone')} value={value.zone} onValue={set('zone')} error={err('pickup_address.zone')} />
        <TextField id={`${prefix}-district`} label={t('district')} value={value.district} onValue={set('district')} error={err('pickup_address.district')} />
      </div>
      <TextField id={`${prefix}-first-line`} label={t('firstLine')} value={value.first_line} onValue={set('first_line')} error={err('pickup_address.first_line')} />
    </fieldset>
  );
}

export function LinkOrderForm({ action: a, changed }: FormProps) {
  const t = useT(m);
  const command = useCommand(changed);
  const orders = useApi<PageOf<Order>>(withQuery(`/api/v1/orders/phone/${encodeURIComponent(a.customer_phone)}`, { limit: 50 }));
  const [orderId, setOrderId] = useState('');
  // Main orders (or not classified yet); a sub is linked through its main.
  const items = (orders.data?.items ?? []).filter((o) => o.id !== a.main_order_id && o.order_level !== 1);
  const title = a.main_order_id ? t('relink') : t('link');
  if (orders.data && items.length === 0) return null;
  const error = command.err('order_id');
  return (
    <CommandCard id="link-form" title={title} action={a} command={command} submit={t('linkSubmit')} doneText={t('linked')}
      onSubmit={() => void command.run('POST', `${actionPath(a.action_id)}/link-order`, { order_id: orderId })}>
      <ProblemBox error={orders.error} onRetry={orders.reload} />
      <Field id="link-order" label={t('order')} error={error}>
        <select id="link-order" value={orderId} {...invalidProps('link-order', error)} onChange={(e) => setOrderId(e.currentTarget.value)}>
          <option value="">{t('chooseOrder')}</option>
          {items.map((o) => (
            <option key={o.id} value={o.id}>
              {t('orderLine', { tn: o.tracking_number, product: o.product_name ?? o.specs_description ?? t('noProduct'), date: formatDate(o.created_at, false), cod: formatMoney(o.cod) })}
            </option>
          ))}
        </select>
      </Field>
    </CommandCard>
  );
}

export function RetryReturnForm({ action: a, changed }: FormProps) {
  const t = useT(m);
  const command = useCommand(changed);
  const [reason, setReason] = useState('');
  const [address, setAddress] = useState(toForm(a.pickup_address));
  const setAddressField = (field: keyof AddressForm) => (value: string) => setAddress((x) => ({ ...x, [field]: value }));
  const changedAddress = JSON.stringify(address) !== JSON.stringify(toForm(a.pickup_address));
  return (
    <CommandCard id="retry-form" title={t('retry')} action={a} command={command} submit={t('retrySubmit')} doneText={t('retried')}
      onSubmit={() => void command.run('POST', `${actionPath(a.action_id)}/retry-return`, { reason: reason.trim(), pickup_address: changedAddress ? fromForm(address) : undefined })}>
      <TextField id="retry-reason" label={t('retryReason')} multiline value={reason} onValue={setReason} error={command.err('reason')} required />
      <AddressFields prefix="retry" legend={t('pickup')} value={address} set={setAddressField} err={command.err} />
    </CommandCard>
  );
}

export function CancelForm({ action: a, changed }: FormProps) {
  const t = useT(m);
  const command = useCommand(changed);
  const [reason, setReason] = useState('');
  return (
    <CommandCard id="cancel-form" title={t('cancel')} action={a} command={command} submit={t('cancelSubmit')} doneText={t('cancelled')} danger
      onSubmit={() => void command.run('DELETE', actionPath(a.action_id), { reason: reason.trim() })}>
      <TextField id="cancel-reason" label={t('cancelReason')} hint={t('cancelHint')} multiline value={reason} onValue={setReason} error={command.err('reason')} required />
    </CommandCard>
  );
}
