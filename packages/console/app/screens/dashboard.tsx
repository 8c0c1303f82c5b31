/**
 * The dashboard: the order book over a creation-date range kept in the URL (`?from=&to=`, applied
 * by `GET /orders/stats`), then the all-time figures composed by the gateway (`/analytics/dashboard`,
 * `/analytics/financial`, `/analytics/classification`). A part whose service did not answer is
 * shown as unavailable; the rest of the page stays.
 */
import type { DashboardAnalytics, OrderStats } from '@hvar/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useApi, withQuery } from '../api.js';
import { formatDate, formatMoney, formatNumber, formatPercent, messages, useT, type Translate } from '../i18n.js';
import { setQuery, useLocation } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { BarChart, LineChart } from '../ui/charts.js';
import { Async, Button, Empty, Field, Page, StatCard } from '../ui/kit.js';
import { categoryName, serviceTypeName, stateName } from '../ui/words.js';
import { CategoriesSection, HierarchySection, HubSection, MoneySection, ServiceSection } from './dashboard-sections.js';
import './dashboard.css';

const m = messages({
  en: {
    title: 'Dashboard', range: 'Orders created in a period', from: 'Created from', to: 'Created to', apply: 'Show', clear: 'All time',
    orders: 'Orders', allTime: 'All orders in the book', between: 'Created {from} – {to}', since: 'Created since {from}', until: 'Created until {to}',
    total: 'Orders', delivered: 'Delivered', returned: 'Returned', inProgress: 'In progress', cod: 'COD total', sla: 'SLA compliance',
    slaHint: '{n} over the SLA', deliveryTime: 'Average delivery time', hours: '{n} h', perDay: 'Orders per creation day', created: 'Created',
    deliveredOfDay: 'Of which delivered now', returnedOfDay: 'Of which returned now', movingOfDay: 'Of which still moving', perDayCategory: 'Orders per creation day, by business category', byState: 'Orders by current state', byServiceType: 'Orders by service type', noOrders: 'No orders in this period.',
    perDayNote: 'Each day counts the orders created that day, split by where they are now (delivered, returned, still moving) and by business category.',
  },
  ar: {
    title: 'لوحة المتابعة', range: 'الطلبات المنشأة في فترة', from: 'منشأة من', to: 'منشأة حتى', apply: 'عرض', clear: 'كل الفترات',
    orders: 'الطلبات', allTime: 'كل الطلبات في الدفتر', between: 'منشأة {from} – {to}', since: 'منشأة منذ {from}', until: 'منشأة حتى {to}',
    total: 'الطلبات', delivered: 'تم توصيلها', returned: 'مرتجعة', inProgress: 'قيد التنفيذ', cod: 'إجمالي الدفع عند الاستلام', sla: 'الالتزام بمستوى الخدمة',
    slaHint: '{n} تجاوزت مستوى الخدمة', deliveryTime: 'متوسط مدة التوصيل', hours: '{n} ساعة', perDay: 'الطلبات حسب يوم الإنشاء', created: 'منشأة',
    deliveredOfDay: 'منها تم توصيله الآن', returnedOfDay: 'منها مرتجع الآن', movingOfDay: 'منها ما زال في الطريق', perDayCategory: 'الطلبات حسب يوم الإنشاء وفئة العمل', byState: 'الطلبات حسب الحالة الحالية', byServiceType: 'الطلبات حسب نوع الخدمة', noOrders: 'لا توجد طلبات في هذه الفترة.',
    perDayNote: 'كل يوم يعدّ الطلبات المنشأة فيه، مقسّمة حسب مكانها الآن (تم التوصيل، مرتجع، ما زال في الطريق) وحسب فئة العمل.',
  },
});

export function Dashboard(_props: ScreenProps) {
  const t = useT(m);
  const { query } = useLocation();
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const stats = useApi<OrderStats>(withQuery('/api/v1/orders/stats', { created_from: from, created_to: to }));
  const dashboard = useApi<DashboardAnalytics>('/api/v1/analytics/dashboard');
  return (
    <Page title={t('title')} wide>
      <RangeForm from={from} to={to} />
      <section class="card" aria-labelledby="dash-orders">
        <h2 id="dash-orders">
          {t('orders')} <small class="dash-scope">{scope(t, from, to)}</small>
        </h2>
        <Async state={stats}>{(s) => <OrdersBody stats={s} />}</Async>
      </section>
      <div class="grid-2">
        <CategoriesSection />
        <MoneySection />
      </div>
      <Async state={dashboard}>
        {(d) => (
          <>
            <ServiceSection data={d} />
            <div class="grid-2">
              <HierarchySection data={d} />
              <HubSection data={d} />
            </div>
          </>
        )}
      </Async>
    </Page>
  );
}

/** A `YYYY-MM-DD` day in words; anything that is not a real day (the API refuses it) as typed, never rolled over. */
function dayLabel(day: string): string {
  const at = `${day}T12:00:00Z`;
  const real = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString().slice(0, 10) === day;
  return real ? formatDate(at, false) : day;
}

function scope(t: Translate<keyof typeof m.en>, from: string, to: string): string {
  if (from && to) return t('between', { from: dayLabel(from), to: dayLabel(to) });
  if (from) return t('since', { from: dayLabel(from) });
  if (to) return t('until', { to: dayLabel(to) });
  return t('allTime');
}

/** Creation-date range, written to the URL on submit (Enter in either field submits). */
function RangeForm({ from, to }: { from: string; to: string }) {
  const t = useT(m);
  const [start, setStart] = useState(from);
  const [end, setEnd] = useState(to);
  useEffect(() => {
    setStart(from);
    setEnd(to);
  }, [from, to]);
  const submit = (e: Event) => {
    e.preventDefault();
    // A new history entry: Back returns to the previous range.
    setQuery({ from: start, to: end }, { replace: false });
  };
  return (
    <form class="card filters" aria-label={t('range')} onSubmit={submit}>
      <Field id="dash-from" label={t('from')}>
        <input id="dash-from" type="date" value={start} max={end || undefined} onInput={(e) => setStart(e.currentTarget.value)} />
      </Field>
      <Field id="dash-to" label={t('to')}>
        <input id="dash-to" type="date" value={end} min={start || undefined} onInput={(e) => setEnd(e.currentTarget.value)} />
      </Field>
      <Button type="submit" kind="primary">
        {t('apply')}
      </Button>
      {(from || to) && (
        <button type="button" class="btn" onClick={() => setQuery({ from: null, to: null }, { replace: false })}>
          {t('clear')}
        </button>
      )}
    </form>
  );
}

/** Orders per creation day by where they are now, and by business category: lines over two days or more; a single day (no line to draw) as bars. */
function PerDay({ days }: { days: OrderStats['by_day'] }) {
  const t = useT(m);
  const states = [
    { name: t('created'), value: (d: OrderStats['by_day'][number]) => d.count },
    { name: t('deliveredOfDay'), value: (d: OrderStats['by_day'][number]) => d.delivered },
    { name: t('returnedOfDay'), value: (d: OrderStats['by_day'][number]) => d.returned },
    { name: t('movingOfDay'), value: (d: OrderStats['by_day'][number]) => d.in_progress },
  ];
  const categories = [...new Set(days.flatMap((d) => Object.keys(d.by_category)))];
  const only = days.length === 1 ? days[0] : undefined;
  if (only) {
    return (
      <>
        <BarChart title={`${t('perDay')}: ${dayLabel(only.day)}`} data={states.map((s) => ({ label: s.name, value: s.value(only) }))} />
        <BarChart title={`${t('perDayCategory')}: ${dayLabel(only.day)}`} data={categories.map((c) => ({ label: categoryName(c), value: only.by_category[c] ?? 0 }))} />
      </>
    );
  }
  const labels = days.map((d) => dayLabel(d.day));
  return (
    <>
      <LineChart title={t('perDay')} labels={labels} series={states.map((s) => ({ name: s.name, points: days.map(s.value) }))} />
      <LineChart title={t('perDayCategory')} labels={labels} series={categories.map((c) => ({ name: categoryName(c), points: days.map((d) => d.by_category[c] ?? 0) }))} />
    </>
  );
}

function OrdersBody({ stats: s }: { stats: OrderStats }) {
  const t = useT(m);
  if (s.total_orders === 0) return <Empty>{t('noOrders')}</Empty>;
  const compliance = s.total_orders > 0 ? (s.total_orders - s.sla_exceeded) / s.total_orders : null;
  const hours = s.average_delivery_time_hours;
  return (
    <>
      <div class="stats dash-stats">
        <StatCard label={t('total')} value={formatNumber(s.total_orders)} />
        <StatCard label={t('delivered')} value={formatNumber(s.delivered)} />
        <StatCard label={t('returned')} value={formatNumber(s.returned)} />
        <StatCard label={t('inProgress')} value={formatNumber(s.in_progress)} />
        <StatCard label={t('cod')} value={formatMoney(s.cod_total)} />
        <StatCard label={t('sla')} value={formatPercent(compliance)} hint={t('slaHint', { n: formatNumber(s.sla_exceeded) })} />
        <StatCard label={t('deliveryTime')} value={hours === null ? '—' : t('hours', { n: formatNumber(hours, { maximumFractionDigits: 1 }) })} />
      </div>
      <div class="grid-2">
        <div>
          <PerDay days={s.by_day} />
          <p class="dash-note">{t('perDayNote')}</p>
        </div>
        <div class="dash-charts">
          <BarChart title={t('byState')} data={s.by_state.map((b) => ({ label: stateName(b.state_code, b.state_value), value: b.count }))} />
          <BarChart title={t('byServiceType')} data={s.by_service_type.map((b) => ({ label: serviceTypeName(b.service_type), value: b.count }))} />
        </div>
      </div>
    </>
  );
}
