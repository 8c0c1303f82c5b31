/**
 * One service action: its facts, the full transition history (from → to, actor, time, reason), the
 * cost ledger and refund, the return and outbound legs, links to its orders, and only the forms that
 * can apply to its current status and type for the signed-in role (the API stays the judge; its 409
 * answers show with the statuses allowed from here).
 */
import type { ReturnLeg } from '@hvar/contracts';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApi, withQuery, type ApiError, type PageOf } from '../api.js';
import { customerHref } from '../domain/customers.js';
import { orderHref } from '../domain/orders.js';
import { actionPath, CANCELLABLE, FINAL, isExecutable, type Address, type ServiceAction } from '../domain/service-actions.js';
import { formatDate, formatNumber, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { can, useSession, type Role } from '../session.js';
import { StatusBadge } from '../ui/badges.js';
import { common } from '../ui/common-messages.js';
import { ApiText, Async, FactList, Page, PhoneText } from '../ui/kit.js';
import { actionStatusName, actionSubtypeName, actionTypeName, decisionName, legStatusName, recommendedName } from '../ui/words.js';
import { Costs, Legs } from './action-costs.js';
import { ExecuteForm } from './action-execute.js';
import { CancelForm, CommandProblem, EditForm, LinkOrderForm, RetryReturnForm, isRetryable } from './action-forms.js';
import './actions.css';

const m = messages({
  en: {
    title: 'Service action', back: 'All service actions', facts: 'Case', type: 'Type', subtype: 'Subtype', status: 'Status', reason: 'Reason', notes: 'Notes',
    product: 'Product', onSite: 'On site', auto: 'Detected automatically', warranty: 'Warranty applies', technician: 'Technician', created: 'Opened',
    createdBy: 'Opened by', updated: 'Updated', completed: 'Completed', cancelledReason: 'Cancellation reason', review: 'Review', reviewNone: 'not required',
    reviewPending: 'required, not decided yet', quality: 'Hub quality score', recommended: 'Hub recommendation', closure: 'Closure verified',
    customerOrders: 'Customer and orders', customer: 'Customer', mainOrder: 'Main order', subOrder: 'Sub order', sourceOrder: 'Source order', none: '—',
    pickup: 'Pickup address', returnLeg: 'Return pickup', outboundLeg: 'Outbound delivery', allowed: 'Allowed next statuses', allowedNone: 'none (final status)',
    history: 'History', created_move: 'opened as {to}', move: '{from} → {to}', by: 'by {actor}', work: 'Work on this case',
    nothingToDo: 'Nothing can be done on this case now by your role.', now: 'The case is now: {status}.',
  },
  ar: {
    title: 'إجراء خدمة', back: 'كل إجراءات الخدمة', facts: 'الحالة', type: 'النوع', subtype: 'النوع الفرعي', status: 'الوضع', reason: 'السبب', notes: 'ملاحظات',
    product: 'المنتج', onSite: 'لدى العميل', auto: 'مكتشف تلقائيًا', warranty: 'يشمله الضمان', technician: 'الفني', created: 'تاريخ الفتح',
    createdBy: 'فتحه', updated: 'آخر تحديث', completed: 'تاريخ الإكمال', cancelledReason: 'سبب الإلغاء', review: 'المراجعة', reviewNone: 'غير مطلوبة',
    reviewPending: 'مطلوبة ولم يُتخذ قرار بعد', quality: 'تقييم الجودة في المستودع', recommended: 'توصية المستودع', closure: 'تم التحقق من الإغلاق',
    customerOrders: 'العميل والطلبات', customer: 'العميل', mainOrder: 'الطلب الرئيسي', subOrder: 'الطلب الفرعي', sourceOrder: 'الطلب المصدر', none: '—',
    pickup: 'عنوان الاستلام', returnLeg: 'استلام المرتجع', outboundLeg: 'الشحنة الصادرة', allowed: 'الحالات التالية المسموح بها', allowedNone: 'لا شيء (حالة نهائية)',
    history: 'السجل', created_move: 'فُتح بحالة {to}', move: '{from} ← {to}', by: 'بواسطة {actor}', work: 'العمل على هذه الحالة',
    nothingToDo: 'لا يمكن لدورك القيام بأي شيء على هذه الحالة الآن.', now: 'وضع الحالة الآن: {status}.',
  },
});

/** Roles of the API's write routes (`services/gateway/src/routes/service-actions/router.ts`) and reads. */
const AGENTS: readonly Role[] = ['agent', 'team_leader'];
const EXECUTORS: readonly Role[] = ['technician', 'agent', 'team_leader'];
const RETURN_READERS: readonly Role[] = ['agent', 'team_leader', 'hub_agent', 'viewer'];
const CUSTOMER_READERS: readonly Role[] = ['agent', 'viewer', 'team_leader'];
/** The page follows the case while couriers and the hub move it. */
const REFRESH_MS = 15_000;

export function ActionPage({ params }: ScreenProps) {
  const t = useT(m);
  const state = useApi<ServiceAction>(actionPath(params.id ?? ''), REFRESH_MS);
  const focused = useRef<string | null>(null);
  useEffect(() => {
    // Land on the case's title once it is shown (after opening it from the board or the create form).
    if (state.data && focused.current !== params.id) {
      focused.current = params.id ?? null;
      document.getElementById('page-title')?.focus();
    }
  }, [state.data, params.id]);
  return (
    <Page title={state.data?.case_number ?? t('title')} actions={<Link href="/actions">{t('back')}</Link>} wide>
      <Async state={state}>{(action) => <ActionView action={action} reload={state.reload} />}</Async>
    </Page>
  );
}

function ActionView({ action, reload }: { action: ServiceAction; reload: () => void }) {
  const { me } = useSession();
  const legs = useApi<PageOf<ReturnLeg>>(can(me.role, RETURN_READERS) ? withQuery('/api/v1/returns', { action_id: action.action_id, limit: 50 }) : null, REFRESH_MS);
  const changed = () => {
    reload();
    legs.reload();
  };
  return (
    <div class="sa-action-page" data-status={action.action_status}>
      {action.needs_attention && (
        <p class="notice" role="status">
          <ApiText>{action.needs_attention}</ApiText>
        </p>
      )}
      <div class="grid-2">
        <Facts action={action} />
        <CustomerAndOrders action={action} />
      </div>
      <Allowed action={action} />
      <div class="grid-2">
        <History action={action} />
        <Costs action={action} />
      </div>
      {can(me.role, RETURN_READERS) && <Legs legs={legs} />}
      <Work action={action} changed={changed} />
    </div>
  );
}

function Facts({ action: a }: { action: ServiceAction }) {
  const t = useT(m);
  const tc = useT(common);
  const review = !a.review_required ? t('reviewNone') : a.review_decision ? decisionName(a.review_decision) : t('reviewPending');
  const rows: [string, ComponentChildren][] = [
    [t('status'), <StatusBadge status={a.action_status} />],
    [t('type'), actionTypeName(a.action_type)],
    [t('subtype'), a.action_subtype ? actionSubtypeName(a.action_subtype) : t('none')],
    [t('reason'), a.service_reason],
    [t('notes'), a.service_notes ?? t('none')],
    [t('product'), [a.product_name, a.product_sku && `(${a.product_sku})`, a.product_description].filter(Boolean).join(' ') || t('none')],
    [t('onSite'), a.on_site ? tc('yes') : tc('no')],
    [t('auto'), a.auto_detected ? tc('yes') : tc('no')],
    [t('warranty'), a.warranty_applies ? tc('yes') : tc('no')],
    [t('technician'), a.assigned_technician ?? t('none')],
    [t('review'), review],
    [t('quality'), a.hub_quality_score === null ? t('none') : formatNumber(a.hub_quality_score)],
    [t('recommended'), recommendedName(a.hub_recommended_action)],
    [t('created'), formatDate(a.created_at)],
    [t('createdBy'), a.created_by],
    [t('updated'), formatDate(a.updated_at)],
    [t('completed'), formatDate(a.completed_at)],
    [t('closure'), a.closure_verified ? tc('yes') : tc('no')],
  ];
  if (a.cancelled_reason) rows.push([t('cancelledReason'), a.cancelled_reason]);
  return (
    <section class="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('facts')}</h2>
      <FactList rows={rows} />
    </section>
  );
}

const addressText = (a: Address | null) => (a ? [a.first_line, a.district, a.zone, a.city].filter(Boolean).join(', ') : '—');

function OrderLink({ id, tracking }: { id: string | null; tracking: string | null }) {
  if (!id) return <>—</>;
  return <Link href={orderHref(id)}>#{tracking ?? id}</Link>;
}

function CustomerAndOrders({ action: a }: { action: ServiceAction }) {
  const t = useT(m);
  const { me } = useSession();
  const customer = (
    <>
      {can(me.role, CUSTOMER_READERS) ? (
        <Link href={customerHref(a.customer_phone)}>
          <PhoneText phone={a.customer_phone} />
        </Link>
      ) : (
        <PhoneText phone={a.customer_phone} />
      )}
      {a.customer_name && <> · {a.customer_name}</>}
    </>
  );
  const leg = (tracking: string | null, status: string | null) =>
    tracking || status ? [tracking && `#${tracking}`, status && legStatusName(status)].filter(Boolean).join(' · ') : t('none');
  return (
    <section class="card" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('customerOrders')}</h2>
      <FactList
        rows={[
          [t('customer'), customer],
          [t('mainOrder'), <OrderLink id={a.main_order_id} tracking={a.main_tracking_number} />],
          [t('subOrder'), <OrderLink id={a.sub_order_id} tracking={a.sub_tracking_number} />],
          [t('sourceOrder'), <OrderLink id={a.source_order_id} tracking={a.source_tracking_number} />],
          [t('pickup'), addressText(a.pickup_address)],
          [t('returnLeg'), leg(a.return_tracking_number, a.return_status)],
          [t('outboundLeg'), leg(a.outbound_tracking_number, a.outbound_status)],
        ]}
      />
    </section>
  );
}

/** The statuses the transition table allows from here (what a 409 would list). */
export function Allowed({ action }: { action: ServiceAction }) {
  const t = useT(m);
  return (
    <p class="sa-allowed" data-allowed={action.allowed_transitions.join(',')}>
      <strong>{t('allowed')}:</strong>
      {action.allowed_transitions.length === 0 ? t('allowedNone') : action.allowed_transitions.map((s) => <StatusBadge key={s} status={s} />)}
    </p>
  );
}

function History({ action }: { action: ServiceAction }) {
  const t = useT(m);
  const moves = action.transitions ?? [];
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('history')}</h2>
      <ol class="timeline sa-history">
        {moves.map((move, i) => (
          <li key={`${move.at}-${i}`} data-to={move.to_status}>
            <span class="sa-move">
              {move.from_status === null
                ? t('created_move', { to: actionStatusName(move.to_status) })
                : move.from_status === move.to_status
                  ? actionStatusName(move.to_status)
                  : t('move', { from: actionStatusName(move.from_status), to: actionStatusName(move.to_status) })}
            </span>{' '}
            <span class="sa-actor">{t('by', { actor: move.actor })}</span> · <time dateTime={move.at}>{formatDate(move.at)}</time>
            {/* A reason is typed by an agent (either language) or written by a service (English): its own direction. */}
            {move.reason && (
              <p class="sa-why">
                <bdi>{move.reason}</bdi>
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Only the forms that can apply now, for this role. */
function Work({ action, changed: reload }: { action: ServiceAction; changed: () => void }) {
  const t = useT(m);
  const { me } = useSession();
  const [conflict, setConflict] = useState<ApiError | undefined>(undefined);
  const [moved, setMoved] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStatus = useRef(action.action_status);
  const changed = (refused?: ApiError) => {
    setConflict(refused);
    reload();
  };
  useEffect(() => {
    if (conflict) anchor.current?.querySelector<HTMLElement>('.problem-anchor')?.focus();
  }, [conflict]);
  // A command that moved the case on removes the form that had the focus: the keyboard user stays
  // on this section, and hears the new status.
  useEffect(() => {
    if (shownStatus.current === action.action_status) return;
    shownStatus.current = action.action_status;
    setMoved(true);
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, [action.action_status]);
  const agent = can(me.role, AGENTS);
  const open = !FINAL.includes(action.action_status);
  const forms = [
    can(me.role, EXECUTORS) && isExecutable(action) && <ExecuteForm key="execute" action={action} changed={changed} />,
    agent && isRetryable(action) && <RetryReturnForm key="retry" action={action} changed={changed} />,
    agent && open && <EditForm key="edit" action={action} changed={changed} />,
    agent && open && <LinkOrderForm key="link" action={action} changed={changed} />,
    agent && CANCELLABLE.includes(action.action_status) && <CancelForm key="cancel" action={action} changed={changed} />,
  ].filter(Boolean);
  return (
    <section aria-labelledby="work-title">
      <h2 id="work-title" ref={heading} tabIndex={-1}>
        {t('work')}
      </h2>
      <p role="status" class={moved ? 'sa-muted' : 'sr-only'}>
        {moved ? t('now', { status: actionStatusName(action.action_status) }) : ''}
      </p>
      <div ref={anchor}>
        <CommandProblem error={conflict} action={action} />
      </div>
      {forms.length === 0 ? <p class="sa-muted">{t('nothingToDo')}</p> : <div class="grid sa-work-forms">{forms}</div>}
    </section>
  );
}
