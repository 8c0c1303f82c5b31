/**
 * Opening a service action: the customer is found by phone as the agent types (debounced
 * `GET /customers/:phone` and `GET /orders/phone/:phone`), their orders are offered as the main
 * order, and the form posts `POST /service-actions` with one Idempotency-Key per form and body, so
 * a double submit opens one case. The API judges every field; its field errors show beside them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { command, useApi, useIdempotencyKey, withQuery, type Loaded, type PageOf } from '../api.js';
import { looksLikePhone, type Customer } from '../domain/customers.js';
import type { Order } from '../domain/orders.js';
import { ACTION_SUBTYPES, ACTION_TYPES, type ServiceAction } from '../domain/service-actions.js';
import { formatDate, formatMoney, formatNumber, messages, useT } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { SegmentBadge } from '../ui/badges.js';
import { focusProblem, SelectField, TextField, textOrUndefined } from '../ui/forms.js';
import { Button, Loading, Page, ProblemBox, fieldError } from '../ui/kit.js';
import { actionSubtypeName, actionTypeName, stateName } from '../ui/words.js';
import './actions.css';

const m = messages({
  en: {
    title: 'New service action', back: 'Back to the board', customer: 'Customer', phone: 'Customer phone', phoneHint: 'Any spelling: 01001234567 or +20 100 123 4567',
    typeWhole: 'Type the whole mobile number to find the customer.', looking: 'Looking up the customer…', found: 'Customer found: {name}', noName: 'name not recorded',
    orders: 'Orders: {n}', newCustomer: 'No customer with this number: a new customer will be created.', customerName: 'Customer name (new customer)',
    mainOrder: 'Main order', noOrder: 'No order (the customer has none, or it is not known)', noOrders: 'No orders are known for this number.',
    ordersFailed: 'The orders of this number could not be loaded.', orderLine: '#{tn} · {product} · {state} · {date} · {cod}', noProduct: 'product not named',
    service: 'The service', type: 'Type', chooseType: 'Choose a type…', subtype: 'Subtype', noSubtype: 'None', reason: 'Reason', reasonHint: 'Required: what the customer reports',
    notes: 'Notes', product: 'Product', productHint: 'Taken from the main order when left empty', productSku: 'Product SKU', onSite: 'Work at the customer (no return pickup)',
    pickup: 'Pickup address', pickupHint: "Leave empty to use the customer's primary address.", city: 'City', zone: 'Zone', district: 'District', firstLine: 'Street and building',
    submit: 'Open the service action', cancel: 'Cancel',
  },
  ar: {
    title: 'إجراء خدمة جديد', back: 'العودة إلى اللوحة', customer: 'العميل', phone: 'هاتف العميل', phoneHint: 'بأي صيغة: 01001234567 أو ‎+20 100 123 4567',
    typeWhole: 'اكتب رقم الهاتف كاملًا للعثور على العميل.', looking: 'جارٍ البحث عن العميل…', found: 'تم العثور على العميل: {name}', noName: 'الاسم غير مسجل',
    orders: 'الطلبات: {n}', newCustomer: 'لا يوجد عميل بهذا الرقم: سيتم إنشاء عميل جديد.', customerName: 'اسم العميل (عميل جديد)',
    mainOrder: 'الطلب الرئيسي', noOrder: 'بدون طلب (ليس لدى العميل طلب أو الطلب غير معروف)', noOrders: 'لا توجد طلبات معروفة لهذا الرقم.',
    ordersFailed: 'تعذر تحميل طلبات هذا الرقم.', orderLine: '#{tn} · {product} · {state} · {date} · {cod}', noProduct: 'المنتج غير مسمى',
    service: 'الخدمة', type: 'النوع', chooseType: 'اختر النوع…', subtype: 'النوع الفرعي', noSubtype: 'لا شيء', reason: 'السبب', reasonHint: 'مطلوب: ما يبلغ عنه العميل',
    notes: 'ملاحظات', product: 'المنتج', productHint: 'يؤخذ من الطلب الرئيسي إذا ترك فارغًا', productSku: 'رمز المنتج (SKU)', onSite: 'العمل لدى العميل (بدون استلام مرتجع)',
    pickup: 'عنوان الاستلام', pickupHint: 'اتركه فارغًا لاستخدام العنوان الأساسي للعميل.', city: 'المدينة', zone: 'المنطقة', district: 'الحي', firstLine: 'الشارع والمبنى',
    submit: 'فتح إجراء الخدمة', cancel: 'إلغاء',
  },
});

const LOOKUP_DELAY_MS = 350;
const EMPTY_ADDRESS = { city: '', zone: '', district: '', first_line: '' };

const compactPhone = (phone: string) => phone.replace(/[\s().-]/g, '');

/** The phone the lookups use: typed text once it looks whole, after a pause in typing. */
function useDebouncedPhone(phone: string): string | null {
  const [settled, setSettled] = useState<string | null>(looksLikePhone(phone) ? compactPhone(phone) : null);
  useEffect(() => {
    if (!looksLikePhone(phone)) return setSettled(null);
    const timer = setTimeout(() => setSettled(compactPhone(phone)), LOOKUP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [phone]);
  return settled;
}

export function CreateAction(_props: ScreenProps) {
  const t = useT(m);
  const { query } = useLocation();
  const [phone, setPhone] = useState(query.get('phone') ?? '');
  const lookup = useDebouncedPhone(phone);
  const customer = useApi<Customer>(lookup ? `/api/v1/customers/${encodeURIComponent(lookup)}` : null);
  const orders = useApi<PageOf<Order>>(lookup ? withQuery(`/api/v1/orders/phone/${encodeURIComponent(lookup)}`, { limit: 50 }) : null);
  const [orderId, setOrderId] = useState('');
  const [type, setType] = useState('');
  const [subtype, setSubtype] = useState('');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [productName, setProductName] = useState('');
  const [productSku, setProductSku] = useState('');
  const [customerName, setCustomerName] = useState('');
  const [onSite, setOnSite] = useState(false);
  const [address, setAddress] = useState(EMPTY_ADDRESS);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const idempotency = useIdempotencyKey();

  useEffect(() => setOrderId(''), [lookup]);
  const isNew = customer.error?.status === 404;
  const err = (path: string) => fieldError(error, path);
  const setAddressField = (field: keyof typeof EMPTY_ADDRESS) => (value: string) => setAddress((a) => ({ ...a, [field]: value }));

  const body = () => {
    const text = textOrUndefined;
    const hasAddress = !orderId && !onSite && Object.values(address).some((v) => v.trim());
    return {
      customer_phone: phone.trim(), action_type: type, action_subtype: subtype || undefined, service_reason: reason.trim(), service_notes: text(notes),
      main_order_id: orderId || undefined, product_name: text(productName), product_sku: text(productSku), customer_name: isNew ? text(customerName) : undefined,
      pickup_address: hasAddress ? { city: address.city.trim(), zone: text(address.zone) ?? null, district: text(address.district) ?? null, first_line: address.first_line.trim() } : undefined,
      on_site: onSite,
    };
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(undefined);
    const payload = body();
    try {
      const created = await command<ServiceAction>('POST', '/api/v1/service-actions', payload, { idempotencyKey: idempotency.keyFor(payload) });
      navigate(`/actions/${created.action_id}`);
    } catch (failure) {
      idempotency.settled(failure);
      setError(failure);
      focusProblem(form.current);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <Page title={t('title')} actions={<Link href="/actions">{t('back')}</Link>}>
      <form ref={form} class="card sa-create-action" noValidate onSubmit={(e) => void submit(e)}>
        <div class="problem-anchor" tabIndex={-1}>
          <ProblemBox error={error} />
        </div>
        <h2>{t('customer')}</h2>
        <TextField id="action-phone" label={t('phone')} type="tel" dir="ltr" value={phone} onValue={setPhone} hint={t('phoneHint')} error={err('customer_phone')} required autoFocus />
        <div class="sa-lookup" aria-live="polite">
          <Lookup phone={phone} lookup={lookup} customer={customer} />
        </div>
        {isNew && <TextField id="action-customer-name" label={t('customerName')} value={customerName} onValue={setCustomerName} error={err('customer_name')} />}
        {lookup && !customer.error && <OrderChoice orders={orders} value={orderId} onChange={setOrderId} error={err('main_order_id')} />}

        <h2>{t('service')}</h2>
        <div class="form-row">
          <SelectField id="action-type" label={t('type')} value={type} onChange={setType} none={t('chooseType')} error={err('action_type')}
            options={ACTION_TYPES.map((a) => [a, actionTypeName(a)] as const)} />
          <SelectField id="action-subtype" label={t('subtype')} value={subtype} onChange={setSubtype} none={t('noSubtype')} error={err('action_subtype')}
            options={ACTION_SUBTYPES.map((s) => [s, actionSubtypeName(s)] as const)} />
        </div>
        <TextField id="action-reason" label={t('reason')} multiline value={reason} onValue={setReason} hint={t('reasonHint')} error={err('service_reason')} required />
        <TextField id="action-notes" label={t('notes')} multiline value={notes} onValue={setNotes} error={err('service_notes')} />
        <div class="form-row">
          <TextField id="action-product" label={t('product')} value={productName} onValue={setProductName} hint={t('productHint')} error={err('product_name')} />
          <TextField id="action-sku" label={t('productSku')} dir="ltr" value={productSku} onValue={setProductSku} error={err('product_sku')} />
        </div>
        <label class="sa-check" for="action-on-site">
          <input id="action-on-site" type="checkbox" checked={onSite} onChange={(e) => setOnSite(e.currentTarget.checked)} />
          {t('onSite')}
        </label>
        {!orderId && !onSite && (
          <fieldset class="sa-choices" aria-describedby="action-pickup-hint">
            <legend>{t('pickup')}</legend>
            <p id="action-pickup-hint" class="sa-muted">
              {t('pickupHint')}
            </p>
            <div class="form-row">
              <TextField id="action-city" label={t('city')} value={address.city} onValue={setAddressField('city')} error={err('pickup_address.city')} />
              <TextField id="action-zone" label={t('zone')} value={address.zone} onValue={setAddressField('zone')} error={err('pickup_address.zone')} />
              <TextField id="action-district" label={t('district')} value={address.district} onValue={setAddressField('district')} error={err('pickup_address.district')} />
            </div>
            <TextField id="action-first-line" label={t('firstLine')} value={address.first_line} onValue={setAddressField('first_line')} error={err('pickup_address.first_line')} />
          </fieldset>
        )}
        <div class="sa-form-actions">
          <Button type="submit" kind="primary" busy={busy}>
            {t('submit')}
          </Button>
          <Link href="/actions" class="btn">
            {t('cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}

/** What the lookup found: the customer (name, segment, orders), a new customer, or why not. */
function Lookup({ phone, lookup, customer }: { phone: string; lookup: string | null; customer: Loaded<Customer> }) {
  const t = useT(m);
  if (!phone.trim()) return null;
  if (!lookup) return <p class="sa-muted">{t('typeWhole')}</p>;
  if (customer.error) {
    if (customer.error.status === 404) return <p class="notice">{t('newCustomer')}</p>;
    return <ProblemBox error={customer.error} onRetry={customer.reload} />;
  }
  if (!customer.data) return <Loading label={t('looking')} />;
  const c = customer.data;
  return (
    <p class="sa-found-customer">
      <strong>{t('found', { name: c.full_name ?? t('noName') })}</strong>
      <SegmentBadge segment={c.customer_segment} />
      <span> · {t('orders', { n: formatNumber(c.total_orders) })}</span>
      {c.primary_city && <span> · {[c.primary_address, c.primary_city].filter(Boolean).join(', ')}</span>}
    </p>
  );
}

/** The customer's orders as the main-order choice (or none). */
function OrderChoice(props: { orders: Loaded<PageOf<Order>>; value: string; onChange: (id: string) => void; error?: string }) {
  const t = useT(m);
  const { orders } = props;
  if (orders.error) {
    return (
      <div>
        <p>{t('ordersFailed')}</p>
        <ProblemBox error={orders.error} onRetry={orders.reload} />
      </div>
    );
  }
  if (!orders.data) return <Loading />;
  // The main orders (or orders not classified yet): a sub order is reached through its main.
  const mains = orders.data.items.filter((o) => o.order_level !== 1);
  const line = (o: Order) =>
    t('orderLine', {
      tn: o.tracking_number, product: o.product_name ?? o.specs_description ?? t('noProduct'), state: stateName(o.state_code, o.state_value),
      date: formatDate(o.created_at, false), cod: formatMoney(o.cod),
    });
  return (
    <fieldset class={props.error ? 'sa-choices field-error' : 'sa-choices'} aria-describedby={props.error ? 'action-order-error' : undefined}>
      <legend>{t('mainOrder')}</legend>
      {mains.length === 0 && <p class="sa-muted">{t('noOrders')}</p>}
      <label>
        <input type="radio" name="main-order" value="" checked={props.value === ''} onChange={() => props.onChange('')} />
        <span>{t('noOrder')}</span>
      </label>
      {mains.map((o) => (
        <label key={o.id} data-order={o.tracking_number}>
          <input type="radio" name="main-order" value={o.id} checked={props.value === o.id} onChange={() => props.onChange(o.id)} />
          <span dir="auto">{line(o)}</span>
        </label>
      ))}
      {props.error && (
        <small id="action-order-error" class="field-problem">
          {props.error}
        </small>
      )}
    </fieldset>
  );
}
