/**
 * One order: its facts (sync), timeline (sync), classification with the rule that made it
 * (classifier), family tree with manual link/unlink (hierarchy) and the service actions of its family
 * (service-action). Each section loads on its own, so one service being down leaves the rest readable.
 */
import type { FamilyActions, OrderClassificationView, OrderTimeline } from '@hvar/contracts';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, useApi, type Loaded } from '../api.js';
import { orderHref, type FamilyTree, type Order } from '../domain/orders.js';
import type { ServiceAction } from '../domain/service-actions.js';
import { formatDate, formatMoney, formatNumber, messages, useLang, useT } from '../i18n.js';
import { Link } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { StatusBadge } from '../ui/badges.js';
import { ApiText, Async, Badge, Empty, FactList, Page, PhoneText, Table, type Column } from '../ui/kit.js';
import {
  actionTypeName, categoryName, hierarchyStatusName, hierarchyTone, levelName, segmentName, serviceTypeName, stateName, stateTone, typeName,
} from '../ui/words.js';
import { FamilySection } from './order-family.js';
import { ClassificationSection } from './order-classification.js';
import './orders.css';

const m = messages({
  en: {
    title: 'Order {tn}', facts: 'Order facts', timeline: 'Timeline', actions: 'Service actions of the family', back: 'All orders',
    tracking: 'Tracking number', bostaId: 'Bosta id', reference: 'Business reference', state: 'State', since: 'since {at}', type: 'Order type', cod: 'COD',
    fees: 'Bosta fees', customer: 'Customer', phone: 'Phone', secondPhone: 'Second phone', segment: 'Customer segment', address: 'Address', product: 'Product',
    created: 'Created', pickedUp: 'Picked up', delivered: 'Delivered', returned: 'Returned', attempts: 'Delivery attempts', sla: 'SLA',
    slaExceeded: 'Exceeded', slaOk: 'Within SLA', category: 'Business category', serviceType: 'Service type', level: 'Order level', hierarchy: 'Hierarchy',
    main: 'Main order', service: 'Service status', synced: 'Last synced', noEvents: 'No timeline events yet.', expected: 'expected', source_rest: 'from the Bosta API', source_webhook: 'from a Bosta webhook', source: 'from {source}',
    noActions: 'No service action names an order of this family.', caption: 'Service actions of the family',
    c_case: 'Case', c_type: 'Type', c_status: 'Status', c_order: 'Order', c_created: 'Opened', c_reason: 'Reason', auto: 'automatic',
    notInActions: 'The service-action service does not know this order yet.',
  },
  ar: {
    title: 'الطلب {tn}', facts: 'بيانات الطلب', timeline: 'السجل الزمني', actions: 'إجراءات الخدمة للعائلة', back: 'كل الطلبات',
    tracking: 'رقم التتبع', bostaId: 'معرّف بوسطة', reference: 'مرجع التاجر', state: 'الحالة', since: 'منذ {at}', type: 'نوع الطلب', cod: 'الدفع عند الاستلام',
    fees: 'رسوم بوسطة', customer: 'العميل', phone: 'الهاتف', secondPhone: 'هاتف آخر', segment: 'شريحة العميل', address: 'العنوان', product: 'المنتج',
    created: 'تاريخ الإنشاء', pickedUp: 'تاريخ الاستلام', delivered: 'تاريخ التوصيل', returned: 'تاريخ الإرجاع', attempts: 'محاولات التوصيل', sla: 'مدة الخدمة',
    slaExceeded: 'تم التجاوز', slaOk: 'ضمن المدة', category: 'التصنيف التجاري', serviceType: 'نوع الخدمة', level: 'مستوى الطلب', hierarchy: 'التسلسل',
    main: 'الطلب الرئيسي', service: 'حالة الخدمة', synced: 'آخر مزامنة', noEvents: 'لا توجد أحداث بعد.', expected: 'متوقع', source_rest: 'من واجهة بوسطة', source_webhook: 'من إشعار بوسطة', source: 'من {source}',
    noActions: 'لا يوجد إجراء خدمة يخص أي طلب في هذه العائلة.', caption: 'إجراءات الخدمة للعائلة',
    c_case: 'الملف', c_type: 'النوع', c_status: 'الحالة', c_order: 'الطلب', c_created: 'تاريخ الفتح', c_reason: 'السبب', auto: 'تلقائي',
    notInActions: 'خدمة الإجراءات لا تعرف هذا الطلب بعد.',
  },
});

const seg = encodeURIComponent;

/** The order by Bosta `_id`, else by tracking number (the page's address may hold either). */
function useOrder(ref: string): Loaded<Order> {
  const byId = useApi<Order>(`/api/v1/orders/${seg(ref)}`);
  const tryTracking = byId.error?.status === 404 && /^[A-Za-z0-9-]{1,40}$/.test(ref);
  const byTracking = useApi<Order>(tryTracking ? `/api/v1/orders/tracking/${seg(ref)}` : null);
  return tryTracking ? { ...byTracking, reload: byId.reload } : byId;
}

export function OrderPage({ params }: ScreenProps) {
  const t = useT(m);
  const ref = params.id ?? '';
  const order = useOrder(ref);
  // The timeline is keyed by Bosta id: known once the order is found (or tried as written if not).
  const timelineId = order.data?.id ?? (order.error ? ref : null);
  const timeline = useApi<OrderTimeline>(timelineId === null ? null : `/api/v1/orders/${seg(timelineId)}/timeline`);
  const classification = useApi<OrderClassificationView>(`/api/v1/orders/${seg(ref)}/classification`);
  const tree = useApi<FamilyTree>(`/api/v1/orders/hierarchy/${seg(ref)}`);
  const actions = useApi<FamilyActions>(`/api/v1/service-actions/hierarchy/${seg(ref)}`);

  // After a link or unlink the tree is current at once; the order's facts and the cases follow
  // through the services' messages, so they are read again now and a moment later.
  const later = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(later.current), []);
  const changed = () => {
    tree.reload();
    const again = () => (order.reload(), actions.reload());
    again();
    clearTimeout(later.current);
    later.current = setTimeout(again, 2_000);
  };

  return (
    <Page title={t('title', { tn: order.data?.tracking_number ?? ref })} wide actions={<Link href="/orders" class="btn">{t('back')}</Link>}>
      <div class="order-grid order-section">
        <section class="card" aria-labelledby="order-facts">
          <h2 id="order-facts">{t('facts')}</h2>
          <Async state={order}>{(o) => <Facts order={o} />}</Async>
        </section>
        <section class="card" aria-labelledby="order-timeline">
          <h2 id="order-timeline">{t('timeline')}</h2>
          <Async state={timeline}>{(tl) => <Timeline events={tl.events} />}</Async>
        </section>
      </div>
      <div class="order-grid order-section">
        <ClassificationSection state={classification} />
        <FamilySection state={tree} orderRef={ref} orderId={order.data?.id} onChanged={changed} />
      </div>
      <section class="card" aria-labelledby="order-actions">
        <h2 id="order-actions">{t('actions')}</h2>
        {actions.error instanceof ApiError && actions.error.status === 404 ? (
          <Empty>{t('notInActions')}</Empty>
        ) : (
          <Async state={actions}>{(a) => <ActionsTable rows={a.items} />}</Async>
        )}
      </section>
    </Page>
  );
}

function Facts({ order: o }: { order: Order }) {
  const t = useT(m);
  const lang = useLang();
  const place = (en: string | null, ar: string | null) => (lang === 'ar' ? (ar ?? en) : (en ?? ar));
  const address = [o.dropoff_first_line, place(o.dropoff_district_name, o.dropoff_district_name_ar), place(o.dropoff_zone_name, o.dropoff_zone_name_ar), place(o.dropoff_city_name, o.dropoff_city_name_ar)]
    .filter(Boolean)
    .join(lang === 'ar' ? '، ' : ', ');
  const sla = o.order_sla_exceeded === null && o.e2e_sla_exceeded === null ? null : o.order_sla_exceeded || o.e2e_sla_exceeded;
  const rows: [string, ComponentChildren][] = [
    [t('tracking'), <span class="tracking">{o.tracking_number}</span>],
    [t('bostaId'), <code dir="ltr">{o.id}</code>],
    [t('reference'), o.business_reference],
    [t('state'), <><Badge tone={stateTone(o.state_code)}>{stateName(o.state_code, o.state_value)}</Badge> <span class="cell-sub">{t('since', { at: formatDate(o.state_at) })}</span></>],
    [t('type'), typeName(o.order_type_code, o.order_type_value)],
    [t('cod'), formatMoney(o.cod)],
    [t('fees'), o.bosta_fees === null ? null : formatMoney(o.bosta_fees)],
    [t('customer'), o.receiver_name],
    [t('phone'), <PhoneText phone={o.receiver_phone} />],
    [t('secondPhone'), o.receiver_second_phone && <PhoneText phone={o.receiver_second_phone} />],
    [t('segment'), o.customer_segment && segmentName(o.customer_segment)],
    [t('address'), address || null],
    [t('product'), o.product_name ? `${o.product_name}${o.product_count && o.product_count > 1 ? ` × ${formatNumber(o.product_count)}` : ''}` : o.specs_description],
    [t('created'), formatDate(o.created_at)],
    [t('pickedUp'), o.picked_up_at && formatDate(o.picked_up_at)],
    [t('delivered'), o.delivered_at && formatDate(o.delivered_at)],
    [t('returned'), o.returned_at && formatDate(o.returned_at)],
    [t('attempts'), o.attempts_count === null ? null : formatNumber(o.attempts_count)],
    [t('sla'), sla === null ? null : sla ? <Badge tone="bad">{t('slaExceeded')}</Badge> : <Badge tone="good">{t('slaOk')}</Badge>],
    [t('category'), categoryName(o.business_category)],
    [t('serviceType'), serviceTypeName(o.service_type)],
    [t('level'), levelName(o.order_level)],
    [t('hierarchy'), <Badge tone={hierarchyTone(o.hierarchy_status)}>{hierarchyStatusName(o.hierarchy_status)}</Badge>],
    [t('main'), o.main_order_id && <Link href={orderHref(o.main_order_id)}>{o.main_tracking_number ?? o.main_order_id}</Link>],
    [t('service'), o.service_status && <StatusBadge status={o.service_status} />],
    [t('synced'), formatDate(o.last_synced)],
  ];
  return <FactList rows={rows} />;
}

function Timeline({ events }: { events: OrderTimeline['events'] }) {
  const t = useT(m);
  if (events.length === 0) return <Empty>{t('noEvents')}</Empty>;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li key={e.seq} class={e.done ? undefined : 'upcoming'}>
          <strong>{e.code === null ? <ApiText>{e.value}</ApiText> : stateName(e.code, e.value)}</strong>
          {e.at ? <time dateTime={e.at}>{formatDate(e.at)}</time> : !e.done && <span class="cell-sub">{t('expected')}</span>}
          <span class="cell-sub">{e.source === 'rest' || e.source === 'webhook' ? t(`source_${e.source}`) : t('source', { source: e.source })}</span>
        </li>
      ))}
    </ol>
  );
}

function ActionsTable({ rows }: { rows: ServiceAction[] }) {
  const t = useT(m);
  const columns: Column<ServiceAction>[] = [
    { key: 'case', label: t('c_case'), render: (a) => <Link href={`/actions/${seg(a.action_id)}`}>{a.case_number}</Link> },
    { key: 'type', label: t('c_type'), render: (a) => <>{actionTypeName(a.action_type)}{a.auto_detected && <span class="cell-sub block">{t('auto')}</span>}</> },
    { key: 'status', label: t('c_status'), render: (a) => <StatusBadge status={a.action_status} /> },
    { key: 'order', label: t('c_order'), render: (a) => a.sub_tracking_number ?? a.main_tracking_number ?? a.source_tracking_number ?? '—' },
    { key: 'created', label: t('c_created'), render: (a) => formatDate(a.created_at) },
    { key: 'reason', label: t('c_reason'), render: (a) => a.service_reason },
  ];
  return <Table caption={t('caption')} columns={columns} rows={rows} rowKey={(a) => a.action_id} empty={t('noActions')} />;
}
