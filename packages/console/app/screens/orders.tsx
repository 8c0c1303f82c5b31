/**
 * The order book: `GET /api/v1/orders` with its filters, sort and cursor pagination. Everything the
 * view shows is in the URL (filters, sort, page size, cursor), so a reload or a shared link shows the
 * same page; one API call per view, and only the page the API returns is rendered.
 */
import { useApi, withQuery, type PageOf } from '../api.js';
import { customerHref } from '../domain/customers.js';
import { orderHref, type Order } from '../domain/orders.js';
import { formatDate, formatMoney, formatNumber, messages, useT } from '../i18n.js';
import { Link, setQuery, useLocation } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { can, useSession } from '../session.js';
import { StatusBadge } from '../ui/badges.js';
import { common } from '../ui/common-messages.js';
import { Badge, Button, Field, Loading, Page, Pager, PhoneText, ProblemBox, Table, type Column } from '../ui/kit.js';
import { useUrlCursor } from '../ui/paging.js';
import { categoryName, hierarchyStatusName, hierarchyTone, levelName, serviceTypeName, stateName, stateTone } from '../ui/words.js';
import { clearFilters, filtersOf, OrderFilters } from './orders-filters.js';
import './orders.css';

const SORTS = ['created_at', 'updated_at', 'cod', 'state', 'tracking_number', 'business_category', 'service_type', 'order_level', 'hierarchy_status'] as const;
const LIMITS = ['25', '50', '100', '200'] as const;
const DEFAULT_SORT = '-created_at';
const DEFAULT_LIMIT = '50';

const m = messages({
  en: {
    title: 'Orders', caption: 'Orders, one page', sort: 'Sort by', limit: 'Rows per page', asc: 'ascending', desc: 'descending',
    s_created_at: 'Created', s_updated_at: 'Updated', s_cod: 'COD', s_state: 'State', s_tracking_number: 'Tracking number', s_business_category: 'Business category',
    s_service_type: 'Service type', s_order_level: 'Order level', s_hierarchy_status: 'Hierarchy',
    c_tracking: 'Tracking number', c_created: 'Created', c_customer: 'Customer', c_state: 'State', c_cod: 'COD', c_category: 'Business category',
    c_hierarchy: 'Level / hierarchy', c_service: 'Service status', underMain: 'under {tn}', actions: 'Cases: {n}', noMatch: 'No orders match these filters.',
    noOrders: 'No orders yet: they appear here once the sync has read them from Bosta.', shown: 'Orders on this page: {n}', more: 'More orders follow on the next pages.',
    pageOf: 'Page {n}', unnamed: 'No name',
  },
  ar: {
    title: 'الطلبات', caption: 'الطلبات، صفحة واحدة', sort: 'الترتيب حسب', limit: 'عدد الصفوف في الصفحة', asc: 'تصاعدي', desc: 'تنازلي',
    s_created_at: 'تاريخ الإنشاء', s_updated_at: 'آخر تحديث', s_cod: 'الدفع عند الاستلام', s_state: 'الحالة', s_tracking_number: 'رقم التتبع',
    s_business_category: 'التصنيف التجاري', s_service_type: 'نوع الخدمة', s_order_level: 'مستوى الطلب', s_hierarchy_status: 'التسلسل',
    c_tracking: 'رقم التتبع', c_created: 'تاريخ الإنشاء', c_customer: 'العميل', c_state: 'الحالة', c_cod: 'الدفع عند الاستلام', c_category: 'التصنيف التجاري',
    c_hierarchy: 'المستوى / التسلسل', c_service: 'حالة الخدمة', underMain: 'تابع لـ {tn}', actions: 'ملفات الخدمة: {n}', noMatch: 'لا توجد طلبات تطابق هذه الفلاتر.',
    noOrders: 'لا توجد طلبات بعد: تظهر هنا بعد أن تقرأها المزامنة من بوسطة.', shown: 'الطلبات في هذه الصفحة: {n}', more: 'توجد طلبات أخرى في الصفحات التالية.',
    pageOf: 'الصفحة {n}', unnamed: 'بدون اسم',
  },
});

export function OrdersList(_props: ScreenProps) {
  const t = useT(m);
  const tc = useT(common);
  const { query } = useLocation();
  const filters = filtersOf(query);
  const sort = query.get('sort') ?? DEFAULT_SORT;
  const limit = query.get('limit') ?? DEFAULT_LIMIT;
  // A new filter set (or sort, or page size) starts a new trail of pages.
  const pages = useUrlCursor(JSON.stringify([filters, sort, limit]));
  const { cursor } = pages;
  const list = useApi<PageOf<Order>>(withQuery('/api/v1/orders', { ...filters, sort: query.get('sort'), limit: query.get('limit'), cursor }));
  const filtered = Object.keys(filters).length > 0;

  return (
    <Page title={t('title')} wide>
      <OrderFilters applied={filters} />
      <div class="orders-toolbar">
        <Field id="orders-sort" label={t('sort')}>
          <select id="orders-sort" value={sort} onChange={(e) => setQuery({ sort: e.currentTarget.value === DEFAULT_SORT ? null : e.currentTarget.value, cursor: null })}>
            {SORTS.flatMap((f) => [`-${f}`, f]).map((s) => (
              <option key={s} value={s}>
                {t(`s_${s.replace(/^-/, '')}` as `s_${(typeof SORTS)[number]}`)} ({s.startsWith('-') ? t('desc') : t('asc')})
              </option>
            ))}
          </select>
        </Field>
        <Field id="orders-limit" label={t('limit')}>
          <select id="orders-limit" value={limit} onChange={(e) => setQuery({ limit: e.currentTarget.value === DEFAULT_LIMIT ? null : e.currentTarget.value, cursor: null })}>
            {(LIMITS.includes(limit as (typeof LIMITS)[number]) ? LIMITS : [...LIMITS, limit]).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {list.error ? (
        <>
          <ProblemBox error={list.error} onRetry={list.reload} />
          {filtered && <Button onClick={clearFilters}>{tc('clear')}</Button>}
        </>
      ) : list.data === undefined ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <div class="card state-empty-box">
          <p class="state state-empty">{filtered || cursor ? t('noMatch') : t('noOrders')}</p>
          {filtered && (
            <Button kind="primary" onClick={clearFilters}>
              {tc('clear')}
            </Button>
          )}
        </div>
      ) : (
        <>
          <p class="orders-count" role="status">
            {pages.page !== undefined && `${t('pageOf', { n: formatNumber(pages.page) })} · `}
            {t('shown', { n: formatNumber(list.data.items.length) })}
            {list.data.next_cursor ? ` · ${t('more')}` : ''}
          </p>
          <OrdersTable rows={list.data.items} />
          <Pager hasPrevious={pages.hasPrevious} hasNext={list.data.next_cursor !== null} onPrevious={pages.previous} onNext={() => list.data?.next_cursor && pages.next(list.data.next_cursor)} />
        </>
      )}
    </Page>
  );
}

function OrdersTable({ rows }: { rows: Order[] }) {
  const t = useT(m);
  const { me } = useSession();
  const seesCustomers = can(me.role, ['agent', 'viewer', 'team_leader']);
  const columns: Column<Order>[] = [
    { key: 'tn', label: t('c_tracking'), render: (o) => <Link href={orderHref(o.id)} class="tracking">{o.tracking_number}</Link> },
    { key: 'created', label: t('c_created'), render: (o) => formatDate(o.created_at) },
    {
      key: 'customer', label: t('c_customer'),
      render: (o) => (
        <>
          {seesCustomers ? <Link href={customerHref(o.receiver_phone)}>{o.receiver_name ?? t('unnamed')}</Link> : (o.receiver_name ?? t('unnamed'))}
          <br />
          <span class="cell-sub">
            <PhoneText phone={o.receiver_phone} />
          </span>
        </>
      ),
    },
    { key: 'state', label: t('c_state'), render: (o) => <Badge tone={stateTone(o.state_code)}>{stateName(o.state_code, o.state_value)}</Badge> },
    { key: 'cod', label: t('c_cod'), numeric: true, render: (o) => formatMoney(o.cod) },
    {
      key: 'category', label: t('c_category'),
      render: (o) => (
        <>
          {categoryName(o.business_category)}
          {o.service_type && <span class="cell-sub block">{serviceTypeName(o.service_type)}</span>}
        </>
      ),
    },
    {
      key: 'hierarchy', label: t('c_hierarchy'),
      render: (o) => (
        <>
          {levelName(o.order_level)} <Badge tone={hierarchyTone(o.hierarchy_status)}>{hierarchyStatusName(o.hierarchy_status)}</Badge>
          {o.main_order_id && (
            <span class="cell-sub block">
              <Link href={orderHref(o.main_order_id)}>{t('underMain', { tn: o.main_tracking_number ?? o.main_order_id })}</Link>
            </span>
          )}
        </>
      ),
    },
    {
      key: 'service', label: t('c_service'),
      render: (o) =>
        o.service_status ? (
          <>
            <StatusBadge status={o.service_status} />
            <span class="cell-sub block">{t('actions', { n: formatNumber(o.service_actions_count) })}</span>
          </>
        ) : (
          '—'
        ),
    },
  ];
  return <Table caption={t('caption')} columns={columns} rows={rows} rowKey={(o) => o.id} />;
}
