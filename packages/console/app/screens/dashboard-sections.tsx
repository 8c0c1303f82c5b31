/**
 * The all-time sections of the dashboard. Each reads its part of a composed answer; a part that is
 * null (its service did not answer) is shown as unavailable with the part's name, never as zero.
 */
import type { ClassificationDistribution, DashboardAnalytics, FinancialAnalytics } from '@hvar/contracts';
import type { ComponentChildren } from 'preact';
import { useApi } from '../api.js';
import { formatMoney, formatNumber, formatPercent, messages, useLang, useT } from '../i18n.js';
import { BarChart, StackBar } from '../ui/charts.js';
import { Async, Empty, StatCard } from '../ui/kit.js';
import { actionStatusName, actionTypeName, categoryName, workflowStatusName } from '../ui/words.js';

const m = messages({
  en: {
    unavailable: 'Unavailable: {parts} did not answer. The other figures on this page are current.',
    part_orders: 'the order book', part_order_states: 'the order states', part_classification: 'the classifier', part_hierarchy: 'the hierarchy',
    part_service: 'service analytics', part_service_dashboard: 'the service dashboard', part_customers: 'customers', part_hub: 'the hub',
    categories: 'Business categories', byCategory: 'Classified orders by business category', noCategories: 'No classified orders yet.',
    hierarchy: 'Hierarchy coverage', coverage: 'Sub orders linked to a main', coverageHint: '{linked} of {subs} sub orders', linked: 'Linked', notLinked: 'Not linked',
    noSubs: 'No sub orders yet.',
    service: 'Service actions', open: 'Open', attention: 'Need attention', review: 'Pending review', execution: 'Awaiting execution',
    resolution: 'Average resolution', days: '{n} days', completion: 'Completion rate', last7: '{created} opened, {completed} completed in 7 days',
    byStatus: 'Service actions by status', byType: 'Service actions by type', noActions: 'No service actions yet.',
    hub: 'Hub quality', quality: 'Average quality score', reviewRate: 'Review rate', reviewsPending: 'Reviews pending', scanToConfirm: 'Scan to confirmation',
    minutes: '{n} min', workflows: 'Hub workflows by status', noWorkflows: 'No hub workflows yet.',
    money: 'Revenue and costs', codRevenue: 'COD revenue', serviceCosts: 'Service costs (parts, labour, units)', courierFees: 'Courier fees of service actions',
    refunds: 'Refunds', bostaFees: 'Bosta fees', net: 'Net after service', moneyChart: 'COD revenue vs service costs and refunds',
  },
  ar: {
    unavailable: 'غير متاح: لم يستجب {parts}. بقية الأرقام في هذه الصفحة محدّثة.',
    part_orders: 'دفتر الطلبات', part_order_states: 'حالات الطلبات', part_classification: 'المصنِّف', part_hierarchy: 'التسلسل الهرمي',
    part_service: 'تحليلات الخدمة', part_service_dashboard: 'لوحة الخدمة', part_customers: 'العملاء', part_hub: 'المستودع',
    categories: 'فئات الأعمال', byCategory: 'الطلبات المصنفة حسب فئة العمل', noCategories: 'لا توجد طلبات مصنفة بعد.',
    hierarchy: 'تغطية التسلسل الهرمي', coverage: 'الطلبات الفرعية المرتبطة بطلب رئيسي', coverageHint: '{linked} من {subs} طلب فرعي', linked: 'مرتبط', notLinked: 'غير مرتبط',
    noSubs: 'لا توجد طلبات فرعية بعد.',
    service: 'إجراءات الخدمة', open: 'مفتوحة', attention: 'تحتاج إلى متابعة', review: 'في انتظار المراجعة', execution: 'في انتظار التنفيذ',
    resolution: 'متوسط مدة الحل', days: '{n} يوم', completion: 'نسبة الإنجاز', last7: 'فُتح {created} وأُنجز {completed} خلال 7 أيام',
    byStatus: 'إجراءات الخدمة حسب الحالة', byType: 'إجراءات الخدمة حسب النوع', noActions: 'لا توجد إجراءات خدمة بعد.',
    hub: 'جودة المستودع', quality: 'متوسط درجة الجودة', reviewRate: 'نسبة المراجعة', reviewsPending: 'مراجعات معلّقة', scanToConfirm: 'من المسح إلى التأكيد',
    minutes: '{n} دقيقة', workflows: 'مهام المستودع حسب الحالة', noWorkflows: 'لا توجد مهام مستودع بعد.',
    money: 'الإيرادات والتكاليف', codRevenue: 'إيراد الدفع عند الاستلام', serviceCosts: 'تكاليف الخدمة (قطع، عمالة، أجهزة)', courierFees: 'رسوم الشحن لإجراءات الخدمة',
    refunds: 'المبالغ المستردة', bostaFees: 'رسوم بوسطة', net: 'الصافي بعد الخدمة', moneyChart: 'إيراد الدفع عند الاستلام مقابل تكاليف الخدمة والمبالغ المستردة',
  },
});

type Part = 'orders' | 'order_states' | 'classification' | 'hierarchy' | 'service' | 'service_dashboard' | 'customers' | 'hub';
const PARTS: readonly string[] = ['orders', 'order_states', 'classification', 'hierarchy', 'service', 'service_dashboard', 'customers', 'hub'];

/** The note for parts a composed answer could not fill. */
function Unavailable({ parts }: { parts: string[] }) {
  const t = useT(m);
  const lang = useLang();
  if (parts.length === 0) return null;
  const names = parts.map((p) => (PARTS.includes(p) ? t(`part_${p as Part}`) : p));
  return <p class="notice dash-unavailable">{t('unavailable', { parts: names.join(lang === 'ar' ? '، ' : ', ') })}</p>;
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function CategoriesSection() {
  const t = useT(m);
  const state = useApi<ClassificationDistribution>('/api/v1/analytics/classification');
  return (
    <Section id="dash-categories" title={t('categories')}>
      <Async state={state}>
        {(c) =>
          c.by_business_category.length === 0 ? (
            <Empty>{t('noCategories')}</Empty>
          ) : (
            <BarChart title={t('byCategory')} data={c.by_business_category.map((b) => ({ label: categoryName(b.value), value: b.count }))} />
          )
        }
      </Async>
    </Section>
  );
}

export function MoneySection() {
  const t = useT(m);
  const state = useApi<FinancialAnalytics>('/api/v1/analytics/financial');
  return (
    <Section id="dash-money" title={t('money')}>
      <Async state={state}>
        {(f) => {
          const rows = [
            { label: t('codRevenue'), value: f.cod_total },
            { label: t('serviceCosts'), value: f.service_costs },
            { label: t('courierFees'), value: f.service_courier_fees },
            { label: t('refunds'), value: f.refunds },
            { label: t('bostaFees'), value: f.bosta_fees },
          ].filter((r): r is { label: string; value: number } => r.value !== null);
          return (
            <>
              <Unavailable parts={f.unavailable} />
              <div class="stats dash-stats">
                <StatCard label={t('codRevenue')} value={formatMoney(f.cod_total)} />
                <StatCard label={t('refunds')} value={formatMoney(f.refunds)} />
                <StatCard label={t('net')} value={formatMoney(f.net_after_service)} />
              </div>
              {rows.length > 0 && <BarChart title={t('moneyChart')} data={rows} format={formatMoney} />}
            </>
          );
        }}
      </Async>
    </Section>
  );
}

export function HierarchySection({ data }: { data: DashboardAnalytics }) {
  const t = useT(m);
  const h = data.hierarchy;
  return (
    <Section id="dash-hierarchy" title={t('hierarchy')}>
      {h === null ? (
        <Unavailable parts={['hierarchy']} />
      ) : (
        <>
          <div class="stats dash-stats">
            <StatCard label={t('coverage')} value={formatPercent(h.coverage)} hint={t('coverageHint', { linked: formatNumber(h.linked_subs), subs: formatNumber(h.subs) })} />
          </div>
          {h.subs === 0 ? (
            <Empty>{t('noSubs')}</Empty>
          ) : (
            <StackBar title={t('coverage')} data={[{ label: t('linked'), value: h.linked_subs }, { label: t('notLinked'), value: h.subs - h.linked_subs }]} />
          )}
        </>
      )}
    </Section>
  );
}

export function ServiceSection({ data }: { data: DashboardAnalytics }) {
  const t = useT(m);
  const s = data.service;
  const a = data.service_analytics;
  const missing = data.unavailable.filter((p) => p === 'service' || p === 'service_dashboard');
  const counts = (record: Record<string, number>, name: (value: string) => string) =>
    Object.entries(record).filter(([, n]) => n > 0).map(([k, n]) => ({ label: name(k), value: n }));
  return (
    <Section id="dash-service" title={t('service')}>
      <Unavailable parts={missing} />
      <div class="stats dash-stats">
        {s && (
          <>
            <StatCard label={t('open')} value={formatNumber(s.open)} hint={t('last7', { created: formatNumber(s.created_last_7_days), completed: formatNumber(s.completed_last_7_days) })} />
            <StatCard label={t('attention')} value={formatNumber(s.needs_attention)} />
            <StatCard label={t('review')} value={formatNumber(s.pending_review)} />
            <StatCard label={t('execution')} value={formatNumber(s.awaiting_execution)} />
          </>
        )}
        {a && (
          <>
            <StatCard label={t('resolution')} value={a.average_resolution_days === null ? '—' : t('days', { n: formatNumber(a.average_resolution_days, { maximumFractionDigits: 1 }) })} />
            <StatCard label={t('completion')} value={formatPercent(a.completion_rate)} />
          </>
        )}
      </div>
      {a &&
        (a.total === 0 ? (
          <Empty>{t('noActions')}</Empty>
        ) : (
          <div class="grid-2">
            <BarChart title={t('byStatus')} data={counts(a.by_status, actionStatusName)} />
            <BarChart title={t('byType')} data={counts(a.by_type, actionTypeName)} />
          </div>
        ))}
    </Section>
  );
}

export function HubSection({ data }: { data: DashboardAnalytics }) {
  const t = useT(m);
  const h = data.hub;
  if (h === null) {
    return (
      <Section id="dash-hub" title={t('hub')}>
        <Unavailable parts={['hub']} />
      </Section>
    );
  }
  const o = h.overall;
  const minutes = o.average_scan_to_confirm_minutes;
  return (
    <Section id="dash-hub" title={t('hub')}>
      <div class="stats dash-stats">
        <StatCard label={t('quality')} value={formatNumber(o.average_quality_score, { maximumFractionDigits: 2 })} />
        <StatCard label={t('reviewRate')} value={formatPercent(o.review_rate)} />
        <StatCard label={t('reviewsPending')} value={formatNumber(h.reviews.pending)} />
        <StatCard label={t('scanToConfirm')} value={minutes === null ? '—' : t('minutes', { n: formatNumber(minutes, { maximumFractionDigits: 0 }) })} />
      </div>
      {h.total === 0 ? (
        <Empty>{t('noWorkflows')}</Empty>
      ) : (
        <BarChart title={t('workflows')} data={Object.entries(h.by_status).filter(([, n]) => n > 0).map(([k, n]) => ({ label: workflowStatusName(k), value: n }))} />
      )}
    </Section>
  );
}
