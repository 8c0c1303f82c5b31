/**
 * The scan screen's context (`POST /api/v1/service-actions/hub-scan` → `context`, composed by the
 * gateway in `services/gateway/src/routes/hub/scan-context.ts`): the case, the customer and their
 * other cases, the order family, maintenance tickets, and which parts could not be read.
 */
import type {
  ActionStatus, ActionType, ConfirmationType, CustomerDetail, FamilyNode, FamilyTree, RelationshipType, ScanResult, ServiceAction, ServiceType,
} from '@hvar/contracts';
import { orderHref } from '../domain/orders.js';
import { formatDate, formatMoney, formatNumber, formatPercent, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import { SegmentBadge, StatusBadge } from '../ui/badges.js';
import { ApiText, Badge, Fact, PhoneText } from '../ui/kit.js';
import { actionTypeName, legStatusName, relationshipName, serviceTypeName } from '../ui/words.js';
import { HubMoment } from './hub-common.js';

interface ActionSummary {
  action_id: string;
  case_number: string;
  action_type: ActionType;
  action_status: ActionStatus;
  service_reason: string;
  created_at: string;
}

/** The composed context of a scan (its schema is the gateway's `ScanContextSchema`, not a contract; its parts are the contracts' types). */
export interface ScanContext {
  action_id: string;
  case_number: string;
  action_type: ActionType;
  service_reason: string;
  return_type: { confirmation_type: ConfirmationType };
  action: ServiceAction | null;
  customer: CustomerDetail | null;
  customer_history: { actions: ActionSummary[]; more: boolean } | null;
  order_hierarchy: { main_tracking_number: string | null; sub_tracking_number: string | null; relationship_type: RelationshipType | null } | null;
  order_family: FamilyTree | null;
  has_maintenance_ticket: boolean | null;
  maintenance_tickets: { actions: ActionSummary[]; orders: { order_id: string; tracking_number: string; service_type: ServiceType }[] };
  notes: { part: string; note: string }[];
}

/** The scan's answer. */
export interface ScanAnswer {
  scan: ScanResult;
  message: string;
  context: ScanContext;
}

const m = messages({
  en: {
    caseTitle: 'Case {case}', conf_return_inspection: 'Return inspection', conf_maintenance_verification: 'Maintenance verification',
    conf_exchange_verification: 'Exchange verification', reason: 'Reason', product: 'Product', tracking: 'Return tracking number', pickup: 'Pickup status',
    received: 'Received', notes: 'Case notes',
    customer: 'Customer', name: 'Name', phone: 'Phone', segment: 'Segment', orders: 'Orders', returnRate: 'Return rate', cases: 'Service cases', value: 'Lifetime value',
    noCustomer: 'The customer could not be read.',
    history: 'Other cases of this customer', noHistory: 'No other cases.', moreHistory: 'Older cases are not listed.',
    family: 'Order family', mainOrder: 'Main order', subOrder: 'Sub order', link: 'Link', noFamily: 'No order family (a case without an order).', familySize: '{count} orders',
    thisCase: 'this case',
    tickets: 'Maintenance ticket', ticketYes: 'Yes', ticketNo: 'No', ticketUnknown: 'Unknown', unread: 'Not available',
  },
  ar: {
    caseTitle: 'الحالة {case}', conf_return_inspection: 'فحص مرتجع', conf_maintenance_verification: 'تحقق صيانة',
    conf_exchange_verification: 'تحقق استبدال', reason: 'السبب', product: 'المنتج', tracking: 'رقم تتبع المرتجع', pickup: 'حالة الاستلام',
    received: 'الاستلام', notes: 'ملاحظات الحالة',
    customer: 'العميل', name: 'الاسم', phone: 'الهاتف', segment: 'الفئة', orders: 'الطلبات', returnRate: 'نسبة الإرجاع', cases: 'حالات الخدمة', value: 'القيمة الإجمالية',
    noCustomer: 'تعذّرت قراءة بيانات العميل.',
    history: 'حالات أخرى لهذا العميل', noHistory: 'لا توجد حالات أخرى.', moreHistory: 'الحالات الأقدم غير معروضة.',
    family: 'عائلة الطلب', mainOrder: 'الطلب الرئيسي', subOrder: 'الطلب الفرعي', link: 'الارتباط', noFamily: 'لا توجد عائلة طلبات (حالة بدون طلب).', familySize: '{count} طلبات',
    thisCase: 'هذه الحالة',
    tickets: 'تذكرة صيانة', ticketYes: 'نعم', ticketNo: 'لا', ticketUnknown: 'غير معروف', unread: 'غير متاح',
  },
});

/** Everything the agent needs to know about the scanned parcel, next to the inspection form. */
export function ScanContextView({ answer }: { answer: ScanAnswer }) {
  const t = useT(m);
  const { context: c, scan } = answer;
  const w = scan.workflow;
  // A case without an order has no family: the section says so already.
  const notes = c.notes.filter((n) => !(n.part === 'order_family' && c.action && !c.action.main_tracking_number));
  return (
    <section class="card hub-context" aria-labelledby="hub-context-title">
      <h2 id="hub-context-title">{t('caseTitle', { case: c.case_number })}</h2>
      <p class="hub-badges">
        <Badge tone="info">{actionTypeName(c.action_type)}</Badge> <Badge>{t(`conf_${c.return_type.confirmation_type}`)}</Badge>{' '}
        {c.action && <StatusBadge status={c.action.action_status} />}
      </p>
      <dl class="facts">
        <Fact label={t('reason')}>{c.service_reason}</Fact>
        <Fact label={t('product')}>{c.action?.product_name ?? w.product_name}</Fact>
        <Fact label={t('notes')}>{c.action?.service_notes}</Fact>
        <Fact label={t('tracking')}>
          <bdi dir="ltr">{w.return_tracking_number}</bdi>
        </Fact>
        <Fact label={t('pickup')}>{legStatusName(w.return_status)}</Fact>
        <Fact label={t('received')}>{w.scanned_at ? <HubMoment hub={w.hub_name} agent={w.hub_agent} at={w.scanned_at} /> : null}</Fact>
        <Fact label={t('tickets')}>
          <Tickets context={c} />
        </Fact>
      </dl>
      <CustomerFacts context={c} phone={w.customer_phone} />
      <History context={c} />
      <Family context={c} />
      {notes.length > 0 && (
        <ul class="hub-notes">
          {notes.map((n) => (
            <li key={n.part}>
              {t('unread')}: <ApiText>{n.note}</ApiText>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Tickets({ context: c }: { context: ScanContext }) {
  const t = useT(m);
  const answer = c.has_maintenance_ticket === null ? t('ticketUnknown') : c.has_maintenance_ticket ? t('ticketYes') : t('ticketNo');
  const refs = [...c.maintenance_tickets.actions.map((a) => a.case_number), ...c.maintenance_tickets.orders.map((o) => o.tracking_number)];
  return (
    <>
      <Badge tone={c.has_maintenance_ticket ? 'warn' : 'neutral'}>{answer}</Badge>
      {refs.length > 0 && <> {refs.join(', ')}</>}
    </>
  );
}

function CustomerFacts({ context: c, phone }: { context: ScanContext; phone: string }) {
  const t = useT(m);
  const cu = c.customer;
  return (
    <>
      <h3>{t('customer')}</h3>
      {!cu && <p class="notice">{t('noCustomer')}</p>}
      <dl class="facts">
        <Fact label={t('name')}>{c.action?.customer_name ?? cu?.full_name}</Fact>
        <Fact label={t('phone')}>
          <PhoneText phone={phone} />
        </Fact>
        {cu && (
          <>
            <Fact label={t('segment')}>
              <SegmentBadge segment={cu.customer_segment} />
            </Fact>
            <Fact label={t('orders')}>{formatNumber(cu.total_orders)}</Fact>
            <Fact label={t('returnRate')}>{formatPercent(cu.return_rate)}</Fact>
            <Fact label={t('cases')}>{formatNumber(cu.service_actions)}</Fact>
            <Fact label={t('value')}>{cu.analytics ? formatMoney(cu.analytics.lifetime_value) : null}</Fact>
          </>
        )}
      </dl>
    </>
  );
}

function History({ context: c }: { context: ScanContext }) {
  const t = useT(m);
  const h = c.customer_history;
  return (
    <>
      <h3>{t('history')}</h3>
      {!h ? (
        <p>{t('unread')}</p>
      ) : h.actions.length === 0 ? (
        <p>{t('noHistory')}</p>
      ) : (
        <ul class="hub-history">
          {h.actions.map((a) => (
            <li key={a.action_id}>
              <Link href={`/actions/${a.action_id}`}>{a.case_number}</Link> · {actionTypeName(a.action_type)} · <StatusBadge status={a.action_status} /> · {formatDate(a.created_at, false)}
              <br />
              <span class="hub-muted">{a.service_reason}</span>
            </li>
          ))}
        </ul>
      )}
      {h?.more && <p class="hub-muted">{t('moreHistory')}</p>}
    </>
  );
}

function Family({ context: c }: { context: ScanContext }) {
  const t = useT(m);
  const h = c.order_hierarchy;
  return (
    <>
      <h3>{t('family')}</h3>
      {h && (h.main_tracking_number || h.sub_tracking_number) && (
        <dl class="facts">
          <Fact label={t('mainOrder')}>{h.main_tracking_number && <bdi dir="ltr">{h.main_tracking_number}</bdi>}</Fact>
          <Fact label={t('subOrder')}>{h.sub_tracking_number && <bdi dir="ltr">{h.sub_tracking_number}</bdi>}</Fact>
          <Fact label={t('link')}>{h.relationship_type && relationshipName(h.relationship_type)}</Fact>
        </dl>
      )}
      {c.order_family ? (
        <>
          <p class="hub-muted">{t('familySize', { count: formatNumber(c.order_family.size) })}</p>
          <ul class="tree">
            <FamilyItem node={c.order_family.root} mine={[h?.main_tracking_number, h?.sub_tracking_number]} />
          </ul>
        </>
      ) : (
        !h?.main_tracking_number && <p>{t('noFamily')}</p>
      )}
    </>
  );
}

function FamilyItem({ node, mine }: { node: FamilyNode; mine: (string | null | undefined)[] }) {
  const t = useT(m);
  const o = node.order;
  return (
    <li>
      {o ? (
        <>
          <Link href={orderHref(node.order_id)}>
            <bdi dir="ltr">{o.tracking_number}</bdi>
          </Link>{' '}
          · {serviceTypeName(o.service_type)} · {o.product_name ?? '—'} · {formatMoney(o.cod)}
          {node.link && <> · {relationshipName(node.link.relationship_type)}</>}
          {mine.includes(o.tracking_number) && (
            <>
              {' '}
              <Badge tone="info">{t('thisCase')}</Badge>
            </>
          )}
        </>
      ) : (
        <bdi dir="ltr">{node.order_id}</bdi>
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <FamilyItem key={child.order_id} node={child} mine={mine} />
          ))}
        </ul>
      )}
    </li>
  );
}
