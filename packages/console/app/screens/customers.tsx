/**
 * Customers: the seed's filters (kept in the address, so a filtered list is a link), a stats strip,
 * a page of customers linking to their 360 page, and for agents a form for a customer who has no
 * orders yet.
 */
import type { CustomerStats } from '@hvar/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useApi, withQuery, type PageOf } from '../api.js';
import { customerHref, displayName, SEGMENTS, type Customer } from '../domain/customers.js';
import { formatDate, formatMoney, formatNumber, formatPercent, messages, useT } from '../i18n.js';
import { Link, setQuery, useLocation } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { can, useSession } from '../session.js';
import { SegmentBadge } from '../ui/badges.js';
import { common } from '../ui/common-messages.js';
import { SelectField } from '../ui/forms.js';
import { Async, Button, Field, Page, PhoneText, StatCard, Table, type Column } from '../ui/kit.js';
import { CursorPager, useUrlCursor } from '../ui/paging.js';
import { segmentName } from '../ui/words.js';
import { NewCustomerForm } from './customer-create.js';
import './customers.css';

const m = messages({
  en: {
    title: 'Customers', filters: 'Filters', segment: 'Segment', returnRate: 'Return rate at least (%)', orderCount: 'Orders at least',
    lastOrderDays: 'Last order within (days)', satisfaction: 'Satisfaction at least (0–1)', city: 'City', zone: 'Zone', maintenance: 'Maintenance orders',
    withMaintenance: 'Has maintenance orders', withoutMaintenance: 'No maintenance orders', sort: 'Sort by', apply: 'Apply filters',
    sort_last: 'Last order, newest first', sort_last_asc: 'Last order, oldest first', sort_value: 'Lifetime value, highest first',
    sort_value_asc: 'Lifetime value, lowest first', sort_orders: 'Orders, most first', sort_orders_asc: 'Orders, fewest first',
    sort_rate: 'Return rate, highest first', sort_rate_asc: 'Return rate, lowest first',
    stats: 'Customer totals', customers: 'Customers', withOrders: '{n} with orders', totalValue: 'Lifetime value (all)', avgOrder: 'Average order value',
    avgReturn: 'Average return rate', avgSatisfaction: 'Average satisfaction', withMaintenanceStat: 'With maintenance orders', orders: '{n} orders',
    list: 'Customers matching the filters', name: 'Customer', phone: 'Phone', place: 'City / zone', orderCol: 'Orders', value: 'Lifetime value',
    rate: 'Return rate', last: 'Last order', actionsCol: 'Service actions', noMatch: 'No customer matches these filters.', newCustomer: 'New customer',
  },
  ar: {
    title: 'العملاء', filters: 'الفلاتر', segment: 'الفئة', returnRate: 'نسبة المرتجعات على الأقل (%)', orderCount: 'عدد الطلبات على الأقل',
    lastOrderDays: 'آخر طلب خلال (أيام)', satisfaction: 'الرضا على الأقل (0–1)', city: 'المدينة', zone: 'المنطقة', maintenance: 'طلبات الصيانة',
    withMaintenance: 'لديه طلبات صيانة', withoutMaintenance: 'بدون طلبات صيانة', sort: 'الترتيب حسب', apply: 'تطبيق الفلاتر',
    sort_last: 'آخر طلب، الأحدث أولًا', sort_last_asc: 'آخر طلب، الأقدم أولًا', sort_value: 'القيمة الإجمالية، الأعلى أولًا',
    sort_value_asc: 'القيمة الإجمالية، الأقل أولًا', sort_orders: 'الطلبات، الأكثر أولًا', sort_orders_asc: 'الطلبات، الأقل أولًا',
    sort_rate: 'نسبة المرتجعات، الأعلى أولًا', sort_rate_asc: 'نسبة المرتجعات، الأقل أولًا',
    stats: 'إجماليات العملاء', customers: 'العملاء', withOrders: '{n} لديهم طلبات', totalValue: 'القيمة الإجمالية (للكل)', avgOrder: 'متوسط قيمة الطلب',
    avgReturn: 'متوسط نسبة المرتجعات', avgSatisfaction: 'متوسط الرضا', withMaintenanceStat: 'لديهم طلبات صيانة', orders: '{n} طلب',
    list: 'العملاء المطابقون للفلاتر', name: 'العميل', phone: 'الهاتف', place: 'المدينة / المنطقة', orderCol: 'الطلبات', value: 'القيمة الإجمالية',
    rate: 'نسبة المرتجعات', last: 'آخر طلب', actionsCol: 'إجراءات الخدمة', noMatch: 'لا يوجد عميل يطابق هذه الفلاتر.', newCustomer: 'عميل جديد',
  },
});

/** The query parameters of `GET /customers` this screen sets (the API's own names). */
const FILTER_KEYS = ['segment', 'return_rate_min', 'order_count_min', 'last_order_days', 'satisfaction_min', 'city', 'zone', 'has_maintenance_orders', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

const SORTS = [
  ['-last_order_at', 'sort_last'], ['last_order_at', 'sort_last_asc'], ['-total_value', 'sort_value'], ['total_value', 'sort_value_asc'],
  ['-total_orders', 'sort_orders'], ['total_orders', 'sort_orders_asc'], ['-return_rate', 'sort_rate'], ['return_rate', 'sort_rate_asc'],
] as const;

function readFilters(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Filters;
}

export function CustomersList(_props: ScreenProps) {
  const t = useT(m);
  const { me } = useSession();
  const { query } = useLocation();
  const [creating, setCreating] = useState(false);
  const filters = readFilters(query);
  const writer = can(me.role, ['agent', 'team_leader']);
  return (
    <Page
      title={t('title')}
      wide
      actions={
        writer && (
          <Button id="new-customer-toggle" kind="primary" aria-expanded={creating} aria-controls="new-customer" onClick={() => setCreating((v) => !v)}>
            {t('newCustomer')}
          </Button>
        )
      }
    >
      {writer && creating && (
        <NewCustomerForm
          onCancel={() => {
            setCreating(false);
            // The form goes away with the focus in it: back to the button that opened it.
            document.getElementById('new-customer-toggle')?.focus();
          }}
        />
      )}
      <StatsStrip />
      <FilterForm current={filters} />
      <CustomerTable filters={filters} />
    </Page>
  );
}

function StatsStrip() {
  const t = useT(m);
  const stats = useApi<CustomerStats>('/api/v1/customers/stats');
  return (
    <section aria-labelledby="customer-stats">
      <h2 id="customer-stats" class="sr-only">
        {t('stats')}
      </h2>
      <Async state={stats}>
        {(s) => (
          <div class="stats">
            <StatCard label={t('customers')} value={formatNumber(s.total_customers)} hint={t('withOrders', { n: formatNumber(s.with_orders) })} />
            {SEGMENTS.map((seg) => (
              <StatCard key={seg} label={segmentName(seg)} value={formatNumber(s.by_segment[seg])} />
            ))}
            <StatCard label={t('totalValue')} value={formatMoney(s.total_value)} hint={t('orders', { n: formatNumber(s.total_orders) })} />
            <StatCard label={t('avgOrder')} value={formatMoney(s.avg_order_value)} />
            <StatCard label={t('avgReturn')} value={formatPercent(s.avg_return_rate)} />
            <StatCard label={t('avgSatisfaction')} value={formatPercent(s.avg_satisfaction)} />
            <StatCard label={t('withMaintenanceStat')} value={formatNumber(s.with_maintenance_orders)} />
          </div>
        )}
      </Async>
    </section>
  );
}

/** The filters are edited here and applied together (Enter or the button), replacing the page cursor. */
function FilterForm({ current }: { current: Filters }) {
  const t = useT(m);
  const c = useT(common);
  const [draft, setDraft] = useState<Filters>(current);
  const key = FILTER_KEYS.map((k) => current[k]).join('|');
  // Follow the address (back/forward, clear): the draft starts again from what is applied.
  useEffect(() => setDraft(current), [key]);
  const set = (k: FilterKey) => (ev: { currentTarget: { value: string } }) => setDraft((d) => ({ ...d, [k]: ev.currentTarget.value }));
  const apply = (values: Filters) => setQuery({ ...values, cursor: null });
  const submit = (ev: Event) => {
    ev.preventDefault();
    apply(draft);
  };
  /** Selects apply at once: there is nothing more to type. */
  const choose = (k: FilterKey) => (value: string) => apply({ ...draft, [k]: value });
  const number = (k: FilterKey, label: string, attrs: { min: number; max: number; step: number | string }) => (
    <Field id={`cf-${k}`} label={label}>
      <input id={`cf-${k}`} type="number" inputMode="decimal" {...attrs} value={draft[k]} onInput={set(k)} />
    </Field>
  );
  return (
    <form class="card filters customer-filters" role="search" aria-label={t('filters')} onSubmit={submit}>
      <SelectField id="cf-segment" label={t('segment')} value={draft.segment} onChange={choose('segment')} none={c('all')}
        options={SEGMENTS.map((s) => [s, segmentName(s)] as const)} />
      {number('return_rate_min', t('returnRate'), { min: 0, max: 100, step: 'any' })}
      {number('order_count_min', t('orderCount'), { min: 0, max: 1_000_000, step: 1 })}
      {number('last_order_days', t('lastOrderDays'), { min: 1, max: 36_500, step: 1 })}
      {number('satisfaction_min', t('satisfaction'), { min: 0, max: 1, step: 'any' })}
      <Field id="cf-city" label={t('city')}>
        <input id="cf-city" type="text" value={draft.city} onInput={set('city')} />
      </Field>
      <Field id="cf-zone" label={t('zone')}>
        <input id="cf-zone" type="text" value={draft.zone} onInput={set('zone')} />
      </Field>
      <SelectField id="cf-maintenance" label={t('maintenance')} value={draft.has_maintenance_orders} onChange={choose('has_maintenance_orders')} none={c('all')}
        options={[['true', t('withMaintenance')], ['false', t('withoutMaintenance')]]} />
      <SelectField id="cf-sort" label={t('sort')} value={draft.sort || '-last_order_at'} onChange={choose('sort')}
        options={SORTS.map(([value, label]) => [value, t(label)] as const)} />
      <div class="filter-buttons">
        <Button type="submit" kind="primary">
          {t('apply')}
        </Button>
        <Button onClick={() => apply(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as Filters)}>{c('clear')}</Button>
      </div>
    </form>
  );
}

function CustomerTable({ filters }: { filters: Filters }) {
  const t = useT(m);
  const pages = useUrlCursor(FILTER_KEYS.map((k) => filters[k]).join('|'));
  const page = useApi<PageOf<Customer>>(withQuery('/api/v1/customers', { ...filters, cursor: pages.cursor, limit: 50 }));
  const columns: Column<Customer>[] = [
    { key: 'name', label: t('name'), render: (c) => <Link href={customerHref(c.phone)}>{displayName(c)}</Link> },
    { key: 'phone', label: t('phone'), render: (c) => <PhoneText phone={c.phone} /> },
    { key: 'segment', label: t('segment'), render: (c) => <SegmentBadge segment={c.customer_segment} /> },
    { key: 'place', label: t('place'), render: (c) => [c.primary_city, c.primary_zone].filter(Boolean).join(' / ') || '—' },
    { key: 'orders', label: t('orderCol'), numeric: true, render: (c) => formatNumber(c.total_orders) },
    { key: 'value', label: t('value'), numeric: true, render: (c) => formatMoney(c.total_value) },
    { key: 'rate', label: t('rate'), numeric: true, render: (c) => formatPercent(c.return_rate) },
    { key: 'last', label: t('last'), render: (c) => formatDate(c.last_order_date, false) },
    { key: 'actions', label: t('actionsCol'), numeric: true, render: (c) => formatNumber(c.service_actions) },
  ];
  return (
    <section aria-labelledby="customer-list">
      <h2 id="customer-list" class="sr-only">
        {t('list')}
      </h2>
      <Async state={page}>
        {(p) => (
          <>
            <Table caption={t('list')} columns={columns} rows={p.items} rowKey={(c) => c.phone} empty={t('noMatch')} />
            <CursorPager pages={pages} nextCursor={p.next_cursor} />
          </>
        )}
      </Async>
    </section>
  );
}
