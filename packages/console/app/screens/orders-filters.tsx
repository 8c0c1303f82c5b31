/**
 * The order list's filter form. Its values are the `GET /api/v1/orders` query parameters and live in
 * the page's URL: choosing from a list applies at once, typed values apply with Enter or the button,
 * and every change starts again at the first page (the cursor is dropped).
 */
import { useEffect, useState } from 'preact/hooks';
import { messages, useT } from '../i18n.js';
import { setQuery } from '../router.js';
import { common } from '../ui/common-messages.js';
import { SelectField } from '../ui/forms.js';
import { Button, Field } from '../ui/kit.js';
import { SEGMENTS } from '../domain/customers.js';
import { BUSINESS_CATEGORIES, HIERARCHY_STATUSES, SERVICE_TYPES, STATE_CODES, TYPE_CODES } from '../domain/orders.js';
import { ACTION_STATUSES } from '../domain/service-actions.js';
import { actionStatusName, categoryName, hierarchyStatusName, levelName, segmentName, serviceTypeName, stateName, typeName } from '../ui/words.js';

/** Filters of the list, by API parameter name; the first ones are always shown, the rest under "more". */
const MAIN_FILTERS = ['q', 'phone', 'state', 'business_category', 'service_type', 'hierarchy_status', 'service_status', 'created_from', 'created_to'] as const;
const MORE_FILTERS = [
  'order_type', 'order_level', 'has_service_actions', 'customer_segment', 'cod_min', 'cod_max', 'city', 'zone', 'district',
  'delivered_from', 'delivered_to', 'has_returns', 'sla_exceeded', 'has_product_desc',
] as const;
export const FILTER_KEYS = [...MAIN_FILTERS, ...MORE_FILTERS] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

const m = messages({
  en: {
    filters: 'Filters', more: 'More filters', apply: 'Apply filters', any: 'Any',
    q: 'Search', qHint: 'Tracking number, reference, name, product, city', phone: 'Customer phone', state: 'State', business_category: 'Business category',
    service_type: 'Service type', hierarchy_status: 'Hierarchy', service_status: 'Service status', created_from: 'Created from', created_to: 'Created to',
    order_type: 'Order type', order_level: 'Order level', has_service_actions: 'Has service actions', customer_segment: 'Customer segment',
    cod_min: 'COD at least (EGP)', cod_max: 'COD at most (EGP)', city: 'City', zone: 'Zone', district: 'District', delivered_from: 'Delivered from',
    delivered_to: 'Delivered to', has_returns: 'Has a return leg', sla_exceeded: 'SLA exceeded', has_product_desc: 'Has a product description',
  },
  ar: {
    filters: 'الفلاتر', more: 'فلاتر إضافية', apply: 'تطبيق الفلاتر', any: 'الكل',
    q: 'بحث', qHint: 'رقم التتبع، المرجع، الاسم، المنتج، المدينة', phone: 'هاتف العميل', state: 'الحالة', business_category: 'التصنيف التجاري',
    service_type: 'نوع الخدمة', hierarchy_status: 'التسلسل', service_status: 'حالة الخدمة', created_from: 'تاريخ الإنشاء من', created_to: 'تاريخ الإنشاء إلى',
    order_type: 'نوع الطلب', order_level: 'مستوى الطلب', has_service_actions: 'له إجراءات خدمة', customer_segment: 'شريحة العميل',
    cod_min: 'الدفع عند الاستلام على الأقل (ج.م)', cod_max: 'الدفع عند الاستلام على الأكثر (ج.م)', city: 'المدينة', zone: 'المنطقة', district: 'الحي',
    delivered_from: 'تاريخ التوصيل من', delivered_to: 'تاريخ التوصيل إلى', has_returns: 'له شحنة مرتجعة', sla_exceeded: 'تجاوز مدة الخدمة',
    has_product_desc: 'له وصف منتج',
  },
});

type Option = [value: string, label: string];

/** The filters found in the URL. */
export function filtersOf(query: URLSearchParams): Filters {
  const f: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = query.get(key);
    if (v) f[key] = v;
  }
  return f;
}

/** Drops every filter and the cursor (sort and page size stay). */
export function clearFilters(): void {
  setQuery({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, null])), cursor: null });
}

export function OrderFilters({ applied }: { applied: Filters }) {
  const t = useT(m);
  const tc = useT(common);
  const [draft, setDraft] = useState<Filters>(applied);
  const signature = JSON.stringify(applied);
  // The URL is the truth: back/forward, "clear filters" or a shared link replace what is typed.
  useEffect(() => setDraft(applied), [signature]);

  const apply = (values: Filters) => setQuery({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, values[k]?.trim() || null])), cursor: null });
  const choose = (key: FilterKey, value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    apply(next);
  };
  const type = (key: FilterKey, value: string) => setDraft({ ...draft, [key]: value });
  const active = Object.keys(applied).length > 0;
  const moreActive = MORE_FILTERS.some((k) => applied[k]);

  const yesNo: Option[] = [['true', tc('yes')], ['false', tc('no')]];
  const select = (key: FilterKey, options: Option[]) => (
    <SelectField id={`of-${key}`} label={t(key)} value={draft[key] ?? ''} none={t('any')} options={options} onChange={(v) => choose(key, v)} />
  );
  const input = (key: FilterKey, kind: 'search' | 'text' | 'tel' | 'date' | 'number' = 'text', hint?: string) => (
    <Field id={`of-${key}`} label={t(key)} hint={hint}>
      <input
        id={`of-${key}`} type={kind} value={draft[key] ?? ''} step={kind === 'number' ? '0.01' : undefined} dir={kind === 'tel' ? 'ltr' : undefined}
        aria-describedby={hint ? `of-${key}-hint` : undefined} onInput={(e) => type(key, e.currentTarget.value)}
        onChange={kind === 'date' ? (e) => choose(key, e.currentTarget.value) : undefined}
      />
    </Field>
  );

  return (
    <form class="card order-filters" aria-label={t('filters')} onSubmit={(e) => (e.preventDefault(), apply(draft))}>
      <div class="filters">
        {input('q', 'search', t('qHint'))}
        {input('phone', 'tel')}
        {select('state', withCurrent(STATE_CODES.map((c) => [String(c), `${c} · ${stateName(c)}`]), draft.state))}
        {select('business_category', withCurrent(BUSINESS_CATEGORIES.map((c) => [c, categoryName(c)]), draft.business_category))}
        {select('service_type', SERVICE_TYPES.map((s) => [s, serviceTypeName(s)]))}
        {select('hierarchy_status', HIERARCHY_STATUSES.map((s) => [s, hierarchyStatusName(s)]))}
        {select('service_status', withCurrent(ACTION_STATUSES.map((s) => [s, actionStatusName(s)]), draft.service_status))}
        {input('created_from', 'date')}
        {input('created_to', 'date')}
      </div>
      <details class="more-filters" open={moreActive}>
        <summary>{t('more')}</summary>
        <div class="filters">
          {select('order_type', withCurrent(TYPE_CODES.map((c) => [String(c), `${c} · ${typeName(c)}`]), draft.order_type))}
          {select('order_level', [['0', levelName(0)], ['1', levelName(1)], ['2', levelName(2)]])}
          {select('has_service_actions', yesNo)}
          {select('customer_segment', SEGMENTS.map((s) => [s, segmentName(s)]))}
          {input('cod_min', 'number')}
          {input('cod_max', 'number')}
          {input('city')}
          {input('zone')}
          {input('district')}
          {input('delivered_from', 'date')}
          {input('delivered_to', 'date')}
          {select('has_returns', yesNo)}
          {select('sla_exceeded', yesNo)}
          {select('has_product_desc', yesNo)}
        </div>
      </details>
      <div class="filter-actions">
        <Button type="submit" kind="primary">
          {t('apply')}
        </Button>
        {active && <Button onClick={clearFilters}>{tc('clear')}</Button>}
      </div>
    </form>
  );
}

/** A value from the URL that is not one of the options (e.g. `state=45,46`) stays selectable as written. */
function withCurrent(options: Option[], current: string | undefined): Option[] {
  return current && !options.some(([v]) => v === current) ? [...options, [current, current]] : options;
}
