/**
 * Customer 360, what happened with the customer: their orders, the order families (main orders
 * and the orders linked below them) and their service actions. Each section loads on its own.
 */
import { useApi, withQuery, type Loaded } from '../api.js';
import { formatDate, formatMoney, formatPercent, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import { Async, Badge, Empty, Loading, Pager, ProblemBox, Table, type Column } from '../ui/kit.js';
import { useCursors, type Cursors } from './customers-common.js';

const m = messages({
  en: {
    orders: 'Orders', ordersCaption: 'Orders of the customer, newest first', tracking: 'Tracking number', created: 'Created', type: 'Bosta type', service: 'Service type',
    state: 'State', product: 'Product', cod: 'COD', hierarchy: 'Family', noOrders: 'No orders for this customer yet.', subOf: 'sub of {n}', isMain: 'main order',
    families: 'Order families', noFamilies: 'No order families yet.', unlinked: 'Orders without a main order', confidence: 'confidence {p}',
    actions: 'Service actions', actionsCaption: 'Service actions of the customer, newest first', caseNumber: 'Case', actionType: 'Type', status: 'Status',
    reason: 'Reason', mainOrder: 'Main order', noActions: 'No service actions for this customer.',
    st_main: 'Main', st_maintenance: 'Maintenance', st_service: 'Service', st_return: 'Return', st_return_pickup: 'Return pickup', st_exchange: 'Exchange', st_operational: 'Operational',
    rel_maintenance: 'maintenance', rel_service: 'service', rel_return: 'return', rel_refund: 'refund', rel_other: 'other',
    at_maintenance: 'Maintenance', at_service: 'Service', at_replace_part: 'Replace part', at_replace_full: 'Replace unit', at_return_refund: 'Return and refund',
    as_requested: 'Requested', as_return_ordered: 'Return ordered', as_return_in_transit: 'Return in transit', as_return_received: 'Return received',
    as_hub_confirmed: 'Hub confirmed', as_pending_review: 'Pending review', as_rejected: 'Rejected', as_in_progress: 'In progress',
    as_outbound_shipped: 'Shipped back', as_completed: 'Completed', as_return_failed: 'Return failed', as_cancelled: 'Cancelled',
  },
  ar: {
    orders: 'الطلبات', ordersCaption: 'طلبات العميل، الأحدث أولًا', tracking: 'رقم التتبع', created: 'تاريخ الإنشاء', type: 'نوع بوسطة', service: 'نوع الخدمة',
    state: 'الحالة', product: 'المنتج', cod: 'الدفع عند الاستلام', hierarchy: 'العائلة', noOrders: 'لا توجد طلبات لهذا العميل بعد.', subOf: 'فرعي من {n}', isMain: 'طلب رئيسي',
    families: 'عائلات الطلبات', noFamilies: 'لا توجد عائلات طلبات بعد.', unlinked: 'طلبات بدون طلب رئيسي', confidence: 'الثقة {p}',
    actions: 'إجراءات الخدمة', actionsCaption: 'إجراءات خدمة العميل، الأحدث أولًا', caseNumber: 'الحالة', actionType: 'النوع', status: 'الوضع',
    reason: 'السبب', mainOrder: 'الطلب الرئيسي', noActions: 'لا توجد إجراءات خدمة لهذا العميل.',
    st_main: 'رئيسي', st_maintenance: 'صيانة', st_service: 'خدمة', st_return: 'مرتجع', st_return_pickup: 'استلام مرتجع', st_exchange: 'استبدال', st_operational: 'تشغيلي',
    rel_maintenance: 'صيانة', rel_service: 'خدمة', rel_return: 'مرتجع', rel_refund: 'استرداد', rel_other: 'أخرى',
    at_maintenance: 'صيانة', at_service: 'خدمة', at_replace_part: 'استبدال قطعة', at_replace_full: 'استبدال الجهاز', at_return_refund: 'إرجاع واسترداد',
    as_requested: 'مطلوب', as_return_ordered: 'تم طلب الإرجاع', as_return_in_transit: 'المرتجع في الطريق', as_return_received: 'تم استلام المرتجع',
    as_hub_confirmed: 'أكده المستودع', as_pending_review: 'بانتظار المراجعة', as_rejected: 'مرفوض', as_in_progress: 'قيد التنفيذ',
    as_outbound_shipped: 'تم الشحن للعميل', as_completed: 'مكتمل', as_return_failed: 'فشل الإرجاع', as_cancelled: 'ملغى',
  },
});
type Key = keyof (typeof m)['en'];
/** The message of an API enum value, or the value itself when this screen does not know it yet. */
const word = (t: (k: Key) => string, prefix: string, value: string | null) => (value === null ? '—' : (m.en as Record<string, string>)[`${prefix}${value}`] ? t(`${prefix}${value}` as Key) : value);

/** `Order` fields the table shows. */
export interface Order {
  id: string;
  tracking_number: string;
  created_at: string;
  order_type_value: string | null;
  service_type: string | null;
  state_value: string | null;
  masked_state: string | null;
  product_name: string | null;
  cod: number;
  receiver_second_phone: string | null;
  hierarchy_status: string;
  main_tracking_number: string | null;
}

export interface OrderPage {
  items: Order[];
  next_cursor: string | null;
}

function SectionPager({ pages, nextCursor }: { pages: Cursors; nextCursor: string | null }) {
  if (!pages.hasPrevious && nextCursor === null) return null;
  return <Pager hasPrevious={pages.hasPrevious} hasNext={nextCursor !== null} onPrevious={pages.previous} onNext={() => nextCursor !== null && pages.next(nextCursor)} />;
}

const orderLink = (id: string, text: string) => <Link href={`/orders/${encodeURIComponent(id)}`}>{text}</Link>;

/** The orders section; `orders` is loaded by the page (the profile reads the other phones from it). */
export function OrdersSection({ orders, pages }: { orders: Loaded<OrderPage>; pages: Cursors }) {
  const t = useT(m);
  const columns: Column<Order>[] = [
    { key: 'tracking', label: t('tracking'), render: (o) => orderLink(o.id, o.tracking_number) },
    { key: 'created', label: t('created'), render: (o) => formatDate(o.created_at) },
    { key: 'type', label: t('type'), render: (o) => o.order_type_value ?? '—' },
    { key: 'service', label: t('service'), render: (o) => word(t, 'st_', o.service_type) },
    { key: 'state', label: t('state'), render: (o) => o.masked_state ?? o.state_value ?? '—' },
    { key: 'product', label: t('product'), render: (o) => o.product_name ?? '—' },
    { key: 'cod', label: t('cod'), numeric: true, render: (o) => formatMoney(o.cod) },
    {
      key: 'family', label: t('hierarchy'),
      render: (o) => (o.main_tracking_number ? t('subOf', { n: o.main_tracking_number }) : o.hierarchy_status === 'main' ? t('isMain') : '—'),
    },
  ];
  return (
    <section class="card" aria-labelledby="c360-orders">
      <h2 id="c360-orders">{t('orders')}</h2>
      <Async state={orders}>
        {(p) => (
          <>
            <Table caption={t('ordersCaption')} columns={columns} rows={p.items} rowKey={(o) => o.id} empty={t('noOrders')} />
            <SectionPager pages={pages} nextCursor={p.next_cursor} />
          </>
        )}
      </Async>
    </section>
  );
}

interface HierarchyOrder {
  order_id: string;
  tracking_number: string;
  service_type: string;
  created_at: string;
  cod: number;
  product_name: string | null;
}

interface FamilyNode {
  order_id: string;
  order: HierarchyOrder | null;
  link: { relationship_type: string; confidence: number } | null;
  children: FamilyNode[];
}

interface CustomerFamilies {
  families: FamilyNode[];
  unlinked: HierarchyOrder[];
}

function OrderLine({ id, order }: { id: string; order: HierarchyOrder | null }) {
  const t = useT(m);
  if (!order) return orderLink(id, id);
  return (
    <>
      {orderLink(order.order_id, order.tracking_number)} · {word(t, 'st_', order.service_type)} · {order.product_name ?? '—'} · {formatMoney(order.cod)} · {formatDate(order.created_at, false)}
    </>
  );
}

function FamilyTree({ node }: { node: FamilyNode }) {
  const t = useT(m);
  return (
    <li>
      <OrderLine id={node.order_id} order={node.order} />
      {node.link && (
        <>
          {' '}
          <Badge tone="info">{word(t, 'rel_', node.link.relationship_type)}</Badge> <small>{t('confidence', { p: formatPercent(node.link.confidence) })}</small>
        </>
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <FamilyTree key={c.order_id} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** A customer without orders is a 404 of the hierarchy: that is "no families", not an error. */
export function FamiliesSection({ phone }: { phone: string }) {
  const t = useT(m);
  const families = useApi<CustomerFamilies>(`/api/v1/orders/hierarchy/customer/${encodeURIComponent(phone)}`);
  let body;
  if (families.error?.status === 404) body = <Empty>{t('noFamilies')}</Empty>;
  else if (families.error) body = <ProblemBox error={families.error} onRetry={families.reload} />;
  else if (!families.data) body = <Loading />;
  else if (families.data.families.length + families.data.unlinked.length === 0) body = <Empty>{t('noFamilies')}</Empty>;
  else {
    const f = families.data;
    body = (
      <>
        <ul class="tree family-tree">
          {f.families.map((n) => (
            <FamilyTree key={n.order_id} node={n} />
          ))}
        </ul>
        {f.unlinked.length > 0 && (
          <>
            <h3>{t('unlinked')}</h3>
            <ul class="tree">
              {f.unlinked.map((o) => (
                <li key={o.order_id}>
                  <OrderLine id={o.order_id} order={o} />
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <section class="card" aria-labelledby="c360-families">
      <h2 id="c360-families">{t('families')}</h2>
      {body}
    </section>
  );
}

interface ServiceAction {
  action_id: string;
  case_number: string;
  action_type: string;
  action_status: string;
  service_reason: string;
  main_tracking_number: string | null;
  main_order_id: string | null;
  created_at: string;
  needs_attention: string | null;
}

export function ActionsSection({ phone }: { phone: string }) {
  const t = useT(m);
  const pages = useCursors();
  const actions = useApi<{ items: ServiceAction[]; next_cursor: string | null }>(withQuery('/api/v1/service-actions', { customer_phone: phone, limit: 50, cursor: pages.cursor }));
  const columns: Column<ServiceAction>[] = [
    { key: 'case', label: t('caseNumber'), render: (a) => <Link href={`/actions/${encodeURIComponent(a.action_id)}`}>{a.case_number}</Link> },
    { key: 'type', label: t('actionType'), render: (a) => word(t, 'at_', a.action_type) },
    {
      key: 'status', label: t('status'),
      render: (a) => <Badge tone={a.needs_attention ? 'warn' : a.action_status === 'completed' ? 'good' : 'neutral'}>{word(t, 'as_', a.action_status)}</Badge>,
    },
    { key: 'reason', label: t('reason'), render: (a) => a.service_reason },
    { key: 'main', label: t('mainOrder'), render: (a) => (a.main_order_id ? orderLink(a.main_order_id, a.main_tracking_number ?? a.main_order_id) : '—') },
    { key: 'created', label: t('created'), render: (a) => formatDate(a.created_at) },
  ];
  return (
    <section class="card" aria-labelledby="c360-actions">
      <h2 id="c360-actions">{t('actions')}</h2>
      <Async state={actions}>
        {(p) => (
          <>
            <Table caption={t('actionsCaption')} columns={columns} rows={p.items} rowKey={(a) => a.action_id} empty={t('noActions')} />
            <SectionPager pages={pages} nextCursor={p.next_cursor} />
          </>
        )}
      </Async>
    </section>
  );
}
