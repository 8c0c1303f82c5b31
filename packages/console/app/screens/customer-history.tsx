/**
 * Customer 360, what happened with the customer: their orders, the order families (main orders
 * and the orders linked below them) and their service actions. Each section loads on its own.
 */
import type { CustomerFamilies } from '@hvar/contracts';
import { useApi, withQuery, type Loaded, type PageOf } from '../api.js';
import { orderHref, type FamilyNode, type HierarchyOrder, type Order } from '../domain/orders.js';
import type { ServiceAction } from '../domain/service-actions.js';
import { formatDate, formatMoney, formatPercent, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import { StatusBadge } from '../ui/badges.js';
import { Async, Badge, Empty, Loading, ProblemBox, Table, type Column } from '../ui/kit.js';
import { CursorPager, useCursors, type Cursors } from '../ui/paging.js';
import { actionTypeName, relationshipName, serviceTypeName, stateName, typeName } from '../ui/words.js';

const m = messages({
  en: {
    orders: 'Orders', ordersCaption: 'Orders of the customer, newest first', tracking: 'Tracking number', created: 'Created', type: 'Bosta type', service: 'Service type',
    state: 'State', product: 'Product', cod: 'COD', hierarchy: 'Family', noOrders: 'No orders for this customer yet.', subOf: 'sub of {n}', isMain: 'main order',
    families: 'Order families', noFamilies: 'No order families yet.', unlinked: 'Orders without a main order', confidence: 'confidence {p}',
    actions: 'Service actions', actionsCaption: 'Service actions of the customer, newest first', caseNumber: 'Case', actionType: 'Type', status: 'Status',
    reason: 'Reason', mainOrder: 'Main order', noActions: 'No service actions for this customer.', attention: 'Needs attention',
  },
  ar: {
    orders: 'الطلبات', ordersCaption: 'طلبات العميل، الأحدث أولًا', tracking: 'رقم التتبع', created: 'تاريخ الإنشاء', type: 'نوع بوسطة', service: 'نوع الخدمة',
    state: 'الحالة', product: 'المنتج', cod: 'الدفع عند الاستلام', hierarchy: 'العائلة', noOrders: 'لا توجد طلبات لهذا العميل بعد.', subOf: 'فرعي من {n}', isMain: 'طلب رئيسي',
    families: 'عائلات الطلبات', noFamilies: 'لا توجد عائلات طلبات بعد.', unlinked: 'طلبات بدون طلب رئيسي', confidence: 'الثقة {p}',
    actions: 'إجراءات الخدمة', actionsCaption: 'إجراءات خدمة العميل، الأحدث أولًا', caseNumber: 'الحالة', actionType: 'النوع', status: 'الوضع',
    reason: 'السبب', mainOrder: 'الطلب الرئيسي', noActions: 'لا توجد إجراءات خدمة لهذا العميل.', attention: 'يحتاج إلى متابعة',
  },
});

const orderLink = (id: string, text: string) => <Link href={orderHref(id)}>{text}</Link>;

/** The orders section; `orders` is loaded by the page (the profile reads the other phones from it). */
export function OrdersSection({ orders, pages }: { orders: Loaded<PageOf<Order>>; pages: Cursors }) {
  const t = useT(m);
  const columns: Column<Order>[] = [
    { key: 'tracking', label: t('tracking'), render: (o) => orderLink(o.id, o.tracking_number) },
    { key: 'created', label: t('created'), render: (o) => formatDate(o.created_at) },
    { key: 'type', label: t('type'), render: (o) => typeName(o.order_type_code, o.order_type_value) },
    { key: 'service', label: t('service'), render: (o) => serviceTypeName(o.service_type) },
    { key: 'state', label: t('state'), render: (o) => stateName(o.state_code, o.state_value) },
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
            <CursorPager pages={pages} nextCursor={p.next_cursor} />
          </>
        )}
      </Async>
    </section>
  );
}

function OrderLine({ id, order }: { id: string; order: HierarchyOrder | null }) {
  if (!order) return orderLink(id, id);
  return (
    <>
      {orderLink(order.order_id, order.tracking_number)} · {serviceTypeName(order.service_type)} · {order.product_name ?? '—'} · {formatMoney(order.cod)} · {formatDate(order.created_at, false)}
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
          <Badge tone="info">{relationshipName(node.link.relationship_type)}</Badge> <small>{t('confidence', { p: formatPercent(node.link.confidence) })}</small>
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

export function ActionsSection({ phone }: { phone: string }) {
  const t = useT(m);
  const pages = useCursors();
  const actions = useApi<PageOf<ServiceAction>>(withQuery('/api/v1/service-actions', { customer_phone: phone, limit: 50, cursor: pages.cursor }));
  const columns: Column<ServiceAction>[] = [
    { key: 'case', label: t('caseNumber'), render: (a) => <Link href={`/actions/${encodeURIComponent(a.action_id)}`}>{a.case_number}</Link> },
    { key: 'type', label: t('actionType'), render: (a) => actionTypeName(a.action_type) },
    {
      key: 'status', label: t('status'),
      render: (a) => (
        <>
          <StatusBadge status={a.action_status} />
          {a.needs_attention && (
            <>
              {' '}
              <Badge tone="warn">{t('attention')}</Badge>
            </>
          )}
        </>
      ),
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
            <CursorPager pages={pages} nextCursor={p.next_cursor} />
          </>
        )}
      </Async>
    </section>
  );
}
