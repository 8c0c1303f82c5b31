/**
 * The technician queue: cases ready for execution as the transition table defines it
 * (`services/service-action/src/domain/transitions.ts`): hub confirmed with any required review
 * approved, or on-site cases still requested (`isExecutable`). Each shows the hub's inspection and
 * the execution form of its type (the action page's form); below, the cases in progress (waiting for
 * their outbound delivery).
 */
import { useState } from 'preact/hooks';
import { useApi, withQuery, type ApiError, type PageOf } from '../api.js';
import type { Workflow } from '../domain/hub.js';
import { isExecutable, type ServiceAction } from '../domain/service-actions.js';
import { formatDate, formatNumber, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { StatusBadge } from '../ui/badges.js';
import { Async, Badge, Empty, Fact, FirstPageOnly, Loading, Page, PhoneText, ProblemBox, Table, type Column } from '../ui/kit.js';
import { actionStatusName, actionTypeName, decisionName, legStatusName } from '../ui/words.js';
import { ExecuteForm } from './action-execute.js';
import { InspectionFacts, inspectionWords } from './hub-common.js';
import './actions.css';
import './queues.css';

const POLL_MS = 15_000;

const m = messages({
  en: {
    title: 'Technician queue', ready: 'Ready for execution', readyEmpty: 'No case is ready for execution.', count: '{count} ready',
    caseTitle: 'Case {case}', customer: 'Customer', product: 'Product', reason: 'Customer reason', notes: 'Case notes', onSite: 'On site: no return pickup',
    inspection: 'Hub inspection', review: 'Review', reviewValue: '{decision} by {leader}', reviewNotes: 'Review notes', waitingReview: "Waiting for a team leader's approval: it cannot be executed yet.",
    working: 'In progress', workingCaption: 'Cases in progress, waiting for their outbound delivery', workingEmpty: 'No case is in progress.',
    colCase: 'Case', colType: 'Type', colTechnician: 'Technician', colOutbound: 'Outbound', colUpdated: 'Updated', executed: 'Case {case} is now: {status}.',
  },
  ar: {
    title: 'قائمة الفني', ready: 'جاهزة للتنفيذ', readyEmpty: 'لا توجد حالة جاهزة للتنفيذ.', count: '{count} جاهزة',
    caseTitle: 'الحالة {case}', customer: 'العميل', product: 'المنتج', reason: 'سبب العميل', notes: 'ملاحظات الحالة', onSite: 'في موقع العميل: بلا استلام مرتجع',
    inspection: 'فحص المستودع', review: 'المراجعة', reviewValue: '{decision} من {leader}', reviewNotes: 'ملاحظات المراجعة', waitingReview: 'بانتظار موافقة قائد الفريق: لا يمكن تنفيذها بعد.',
    working: 'قيد التنفيذ', workingCaption: 'حالات قيد التنفيذ تنتظر شحنها إلى العميل', workingEmpty: 'لا توجد حالة قيد التنفيذ.',
    colCase: 'الحالة', colType: 'النوع', colTechnician: 'الفني', colOutbound: 'الشحن إلى العميل', colUpdated: 'آخر تحديث', executed: 'الحالة {case} الآن: {status}.',
  },
});

export function TechnicianQueue(_props: ScreenProps) {
  const t = useT(m);
  const confirmed = useApi<PageOf<ServiceAction>>(withQuery('/api/v1/service-actions', { status: 'hub_confirmed', limit: 200 }), POLL_MS);
  const requested = useApi<PageOf<ServiceAction>>(withQuery('/api/v1/service-actions', { status: 'requested', limit: 200 }), POLL_MS);
  const working = useApi<PageOf<ServiceAction>>(withQuery('/api/v1/service-actions', { status: 'in_progress', limit: 100 }), POLL_MS);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState('');
  const [conflict, setConflict] = useState<ApiError | undefined>(undefined);

  const reload = () => {
    confirmed.reload();
    requested.reload();
    working.reload();
  };
  const onExecuted = (a: ServiceAction) => {
    setDone((d) => new Set(d).add(a.action_id));
    setConflict(undefined);
    setMessage(t('executed', { case: a.case_number, status: actionStatusName(a.action_status) }));
    reload();
    document.getElementById('page-title')?.focus();
  };
  // A 409: the case moved on meanwhile (executed by someone else); the queue shows it as it is now.
  const changed = (refused?: ApiError) => {
    if (refused) setConflict(refused);
    reload();
  };

  const columns: Column<ServiceAction>[] = [
    { key: 'case', label: t('colCase'), render: (a) => <Link href={`/actions/${a.action_id}`}>{a.case_number}</Link> },
    { key: 'type', label: t('colType'), render: (a) => actionTypeName(a.action_type) },
    { key: 'technician', label: t('colTechnician'), render: (a) => a.assigned_technician ?? '—' },
    { key: 'outbound', label: t('colOutbound'), render: (a) => (a.outbound_tracking_number ? <bdi dir="ltr">{a.outbound_tracking_number}</bdi> : legStatusName(a.outbound_status)) },
    { key: 'updated', label: t('colUpdated'), render: (a) => formatDate(a.updated_at) },
  ];

  return (
    <Page title={t('title')}>
      <p class={message ? 'queue-status' : 'sr-only'} role="status" id="tech-message">
        {message}
      </p>
      <ProblemBox error={conflict} />
      <section aria-labelledby="tech-ready-title">
        <h2 id="tech-ready-title">{t('ready')}</h2>
        <Async state={confirmed}>
          {(page) => {
            if (requested.data === undefined && !requested.error) return <Loading />;
            const onSite = (requested.data?.items ?? []).filter((a) => a.on_site);
            const items = [...page.items, ...onSite].filter((a) => !done.has(a.action_id)).sort((a, b) => a.updated_at.localeCompare(b.updated_at));
            if (items.length === 0) return <Empty>{t('readyEmpty')}</Empty>;
            return (
              <div class="queue">
                <p class="queue-count">{t('count', { count: formatNumber(items.filter(isExecutable).length) })}</p>
                {/* On-site cases are found among every requested case (the API has no on-site filter). */}
                <FirstPageOnly shown={items.length} more={page.next_cursor !== null || (requested.data?.next_cursor ?? null) !== null} />
                {items.map((a) => (
                  <ActionCard key={a.action_id} action={a} changed={changed} onExecuted={onExecuted} />
                ))}
              </div>
            );
          }}
        </Async>
      </section>
      <section aria-labelledby="tech-working-title">
        <h2 id="tech-working-title">{t('working')}</h2>
        <Async state={working}>
          {(page) => (
            <>
              <FirstPageOnly shown={page.items.length} more={page.next_cursor !== null} />
              <Table caption={t('workingCaption')} columns={columns} rows={page.items} rowKey={(a) => a.action_id} empty={t('workingEmpty')} />
            </>
          )}
        </Async>
      </section>
    </Page>
  );
}

function ActionCard({ action: a, changed, onExecuted }: { action: ServiceAction; changed: (refused?: ApiError) => void; onExecuted: (a: ServiceAction) => void }) {
  const t = useT(m);
  const titleId = `tech-${a.action_id}`;
  return (
    <article class="card queue-card" aria-labelledby={titleId}>
      <h3 id={titleId} class="queue-card-title">
        <Link href={`/actions/${a.action_id}`}>{t('caseTitle', { case: a.case_number })}</Link>
      </h3>
      <p class="queue-badges">
        <span>{actionTypeName(a.action_type)}</span>
        <StatusBadge status={a.action_status} />
        {a.on_site && <Badge tone="info">{t('onSite')}</Badge>}
      </p>
      <div class="grid-2 queue-grid">
        <dl class="facts">
          <Fact label={t('customer')}>
            {a.customer_name ? `${a.customer_name} · ` : ''}
            <PhoneText phone={a.customer_phone} />
          </Fact>
          <Fact label={t('product')}>{a.product_name}</Fact>
          <Fact label={t('reason')}>{a.service_reason}</Fact>
          <Fact label={t('notes')}>{a.service_notes}</Fact>
        </dl>
        {!a.on_site && <HubSummary actionId={a.action_id} />}
      </div>
      {isExecutable(a) ? <ExecuteForm action={a} scope={a.action_id} changed={changed} onExecuted={onExecuted} /> : <p class="notice">{t('waitingReview')}</p>}
    </article>
  );
}

/** The hub's inspection of the case and the team leader's decision on it. */
function HubSummary({ actionId }: { actionId: string }) {
  const t = useT(m);
  const l = useT(inspectionWords);
  const flows = useApi<PageOf<Workflow>>(withQuery('/api/v1/hub/workflows', { action_id: actionId, limit: 5 }));
  return (
    <div>
      <h4 class="queue-subtitle">{t('inspection')}</h4>
      <Async state={flows}>
        {(page) => {
          const w = page.items.find((f) => f.inspection !== null);
          if (!w?.inspection) return <p>{l('noInspection')}</p>;
          return (
            <InspectionFacts inspection={w.inspection}>
              {w.review && (
                <>
                  <Fact label={t('review')}>{t('reviewValue', { decision: decisionName(w.review.decision), leader: w.review.team_leader })}</Fact>
                  <Fact label={t('reviewNotes')}>{w.review.notes}</Fact>
                </>
              )}
            </InspectionFacts>
          );
        }}
      </Async>
    </div>
  );
}
