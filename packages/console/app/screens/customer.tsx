/**
 * Customer 360: profile and totals, segment with its reason and history, explained analytics,
 * orders, order families, service actions and interactions. Every section loads (and fails) on
 * its own, so one unavailable service leaves the rest of the page usable.
 */
import type { SegmentHistory } from '@hvar/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApi, withQuery, type Loaded, type PageOf } from '../api.js';
import { displayName, type CustomerDetail } from '../domain/customers.js';
import type { Order } from '../domain/orders.js';
import { formatDate, formatMoney, formatNumber, formatPercent, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { can, useSession } from '../session.js';
import { SegmentBadge } from '../ui/badges.js';
import { ApiText, Async, Badge, Button, Fact, Page, PhoneText, StatCard } from '../ui/kit.js';
import { useCursors } from '../ui/paging.js';
import { segmentName } from '../ui/words.js';
import { EditProfileForm } from './customer-edit.js';
import { ActionsSection, FamiliesSection, OrdersSection } from './customer-history.js';
import { InteractionsSection } from './customer-interactions.js';
import './customers.css';

const m = messages({
  en: {
    back: 'All customers', newAction: 'New service action', profile: 'Profile', name: 'Name', phone: 'Phone', otherPhones: 'Other phones on orders', email: 'Email',
    address: 'Address', totalOrders: 'Orders', deliveredMain: 'Delivered main orders', returned: 'Returned orders', maintenance: 'Maintenance orders',
    serviceActions: 'Service actions', lifetimeValue: 'Lifetime value', avgOrder: 'Average order value', firstOrder: 'First order', lastOrder: 'Last order',
    returnRate: 'Return rate', satisfaction: 'Satisfaction', erased: 'This customer was erased: personal data is anonymized, totals are kept.', edit: 'Edit profile',
    segment: 'Segment', why: 'Why:', history: 'Segment history', noHistory: 'No segment changes recorded.', change: '{from} → {to}', start: 'Start',
    analytics: 'Analytics', health: 'Health score', churn: 'Churn risk', nextPurchase: 'Next purchase expected', frequency: 'Orders per month',
    sinceLast: 'Days since last order', interval: 'Usual days between orders', reasons: 'How these numbers were reached', outOf: '{n} / 100', unknown: 'not enough orders',
    churn_low: 'Low', churn_medium: 'Medium', churn_high: 'High',
  },
  ar: {
    back: 'كل العملاء', newAction: 'إجراء خدمة جديد', profile: 'البيانات', name: 'الاسم', phone: 'الهاتف', otherPhones: 'أرقام أخرى في الطلبات', email: 'البريد الإلكتروني',
    address: 'العنوان', totalOrders: 'الطلبات', deliveredMain: 'طلبات رئيسية مُسلَّمة', returned: 'طلبات مرتجعة', maintenance: 'طلبات صيانة',
    serviceActions: 'إجراءات الخدمة', lifetimeValue: 'القيمة الإجمالية', avgOrder: 'متوسط قيمة الطلب', firstOrder: 'أول طلب', lastOrder: 'آخر طلب',
    returnRate: 'نسبة المرتجعات', satisfaction: 'الرضا', erased: 'تم محو هذا العميل: البيانات الشخصية مجهولة، والإجماليات محفوظة.', edit: 'تعديل البيانات',
    segment: 'الفئة', why: 'السبب:', history: 'سجل الفئات', noHistory: 'لا توجد تغييرات مسجلة في الفئة.', change: '{from} ← {to}', start: 'البداية',
    analytics: 'التحليلات', health: 'مؤشر الصحة', churn: 'خطر فقدان العميل', nextPurchase: 'الشراء التالي المتوقع', frequency: 'الطلبات شهريًا',
    sinceLast: 'أيام منذ آخر طلب', interval: 'الأيام المعتادة بين الطلبات', reasons: 'كيف حُسبت هذه الأرقام', outOf: '{n} من 100', unknown: 'طلبات غير كافية',
    churn_low: 'منخفض', churn_medium: 'متوسط', churn_high: 'مرتفع',
  },
});

const CHURN_TONE = { low: 'good', medium: 'warn', high: 'bad' } as const;

export function CustomerPage({ params }: ScreenProps) {
  const phone = params.phone ?? '';
  // Keyed by phone: moving to another customer starts every section (pages, edit form) afresh.
  return <Customer360 key={phone} phone={phone} />;
}

function Customer360({ phone }: { phone: string }) {
  const t = useT(m);
  const { me } = useSession();
  const enc = encodeURIComponent(phone);
  const detail = useApi<CustomerDetail>(`/api/v1/customers/${enc}`);
  const orderPages = useCursors();
  const orders = useApi<PageOf<Order>>(withQuery(`/api/v1/orders/phone/${enc}`, { limit: 50, cursor: orderPages.cursor }));
  const writer = can(me.role, ['agent', 'team_leader']);
  const actions = (
    <>
      <Link href="/customers" class="btn">
        {t('back')}
      </Link>
      {writer && (
        <Link href={withQuery('/actions/new', { phone: detail.data?.phone ?? phone })} class="btn btn-primary">
          {t('newAction')}
        </Link>
      )}
    </>
  );
  return (
    <Page title={detail.data ? displayName(detail.data) : phone} actions={actions} wide>
      <div class="grid-2 c360-top">
        <ProfileSection detail={detail} orders={orders} writer={writer} />
        <div>
          <SegmentSection detail={detail} phone={phone} />
          <AnalyticsSection detail={detail} />
        </div>
      </div>
      <OrdersSection orders={orders} pages={orderPages} />
      <FamiliesSection phone={phone} />
      <ActionsSection phone={phone} />
      <InteractionsSection phone={phone} />
    </Page>
  );
}

function ProfileSection({ detail, orders, writer }: { detail: Loaded<CustomerDetail>; orders: Loaded<PageOf<Order>>; writer: boolean }) {
  const t = useT(m);
  const [editing, setEditing] = useState(false);
  // Saving or cancelling removes the form with the focus in it: back to the button that opened it.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) document.getElementById('c360-edit')?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const others = [...new Set((orders.data?.items ?? []).map((o) => o.receiver_second_phone).filter((p): p is string => !!p))];
  return (
    <section class="card" aria-labelledby="c360-profile">
      <div class="section-head">
        <h2 id="c360-profile">{t('profile')}</h2>
        {writer && detail.data && !detail.data.erased && !editing && (
          <Button id="c360-edit" onClick={() => setEditing(true)}>
            {t('edit')}
          </Button>
        )}
      </div>
      <Async state={detail}>
        {(c) =>
          editing ? (
            <EditProfileForm
              customer={c}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                detail.reload();
              }}
            />
          ) : (
            <>
              {c.erased && <p class="notice">{t('erased')}</p>}
              <dl class="facts">
                <Fact label={t('name')}>
                  <bdi>{displayName(c)}</bdi>
                </Fact>
                <Fact label={t('phone')}>
                  <PhoneText phone={c.phone} />
                </Fact>
                {others.length > 0 && (
                  <Fact label={t('otherPhones')}>
                    {others.map((p, i) => (
                      <span key={p}>
                        {i > 0 && ', '}
                        <PhoneText phone={p} />
                      </span>
                    ))}
                  </Fact>
                )}
                <Fact label={t('email')}>{c.email ?? '—'}</Fact>
                <Fact label={t('address')}>
                  {/* bdi: an address in English keeps its order inside the Arabic page (and the other way round) */}
                  <bdi>{[c.primary_address, c.primary_district, c.primary_zone, c.primary_city].filter(Boolean).join(', ') || '—'}</bdi>
                </Fact>
                <Fact label={t('totalOrders')}>{formatNumber(c.total_orders)}</Fact>
                <Fact label={t('deliveredMain')}>{formatNumber(c.delivered_main_orders)}</Fact>
                <Fact label={t('returned')}>{formatNumber(c.returned_orders)}</Fact>
                <Fact label={t('maintenance')}>{formatNumber(c.maintenance_orders)}</Fact>
                <Fact label={t('serviceActions')}>{formatNumber(c.service_actions)}</Fact>
                <Fact label={t('lifetimeValue')}>{formatMoney(c.analytics.lifetime_value)}</Fact>
                <Fact label={t('avgOrder')}>{formatMoney(c.avg_order_value)}</Fact>
                <Fact label={t('firstOrder')}>{formatDate(c.first_order_date)}</Fact>
                <Fact label={t('lastOrder')}>{formatDate(c.last_order_date)}</Fact>
                <Fact label={t('returnRate')}>{formatPercent(c.return_rate)}</Fact>
                <Fact label={t('satisfaction')}>{formatPercent(c.satisfaction_score)}</Fact>
              </dl>
            </>
          )
        }
      </Async>
    </section>
  );
}

function SegmentSection({ detail, phone }: { detail: Loaded<CustomerDetail>; phone: string }) {
  const t = useT(m);
  const history = useApi<SegmentHistory>(`/api/v1/customers/${encodeURIComponent(phone)}/segments`);
  return (
    <section class="card" aria-labelledby="c360-segment">
      <h2 id="c360-segment">{t('segment')}</h2>
      <Async state={detail}>
        {(c) => (
          <p class="segment-now">
            <SegmentBadge segment={c.customer_segment} /> <span>
              {t('why')} <ApiText>{c.segment_reason}</ApiText>
            </span>
          </p>
        )}
      </Async>
      <h3>{t('history')}</h3>
      <Async state={history}>
        {(h) =>
          h.items.length === 0 ? (
            <p class="state state-empty">{t('noHistory')}</p>
          ) : (
            <ol class="timeline">
              {[...h.items].reverse().map((s, i) => (
                <li key={`${s.at}-${i}`}>
                  <strong>{t('change', { from: s.from_segment ? segmentName(s.from_segment) : t('start'), to: segmentName(s.to_segment) })}</strong> · {formatDate(s.at)}
                  <br />
                  <ApiText>{s.reason}</ApiText>
                </li>
              ))}
            </ol>
          )
        }
      </Async>
    </section>
  );
}

function AnalyticsSection({ detail }: { detail: Loaded<CustomerDetail> }) {
  const t = useT(m);
  return (
    <section class="card" aria-labelledby="c360-analytics">
      <h2 id="c360-analytics">{t('analytics')}</h2>
      <Async state={detail}>
        {({ analytics: a }) => (
          <>
            <div class="stats c360-stats">
              <StatCard label={t('health')} value={t('outOf', { n: formatNumber(a.health_score) })} />
              <StatCard
                label={t('churn')}
                value={a.churn_risk === null ? '—' : formatPercent(a.churn_risk)}
                hint={a.churn_level ? <Badge tone={CHURN_TONE[a.churn_level]}>{t(`churn_${a.churn_level}`)}</Badge> : t('unknown')}
              />
              <StatCard label={t('nextPurchase')} value={a.next_purchase_date ? formatDate(a.next_purchase_date, false) : '—'} hint={a.next_purchase_date ? undefined : t('unknown')} />
            </div>
            <dl class="facts">
              <Fact label={t('frequency')}>{formatNumber(a.order_frequency_per_month, { maximumFractionDigits: 2 })}</Fact>
              <Fact label={t('sinceLast')}>{formatNumber(a.days_since_last_order)}</Fact>
              <Fact label={t('interval')}>{formatNumber(a.median_interval_days, { maximumFractionDigits: 1 })}</Fact>
            </dl>
            <h3 class="reasons-title">{t('reasons')}</h3>
            <ul class="reasons">
              {a.reasons.map((r) => (
                <li key={r}>
                  <ApiText>{r}</ApiText>
                </li>
              ))}
            </ul>
          </>
        )}
      </Async>
    </section>
  );
}
