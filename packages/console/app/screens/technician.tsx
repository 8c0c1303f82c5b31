/**
 * The technician queue: cases ready for execution as the transition table defines it
 * (`services/service-action/src/domain/transitions.ts`): hub confirmed with any required review
 * approved, or on-site cases still requested. Each shows the hub's inspection and the execution
 * form for its type; below, the cases in progress (waiting for their outbound delivery).
 */
import { useState } from 'preact/hooks';
import { useApi, withQuery } from '../api.js';
import { formatDate, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { Async, Badge, Empty, Loading, Page, Table, type Column } from '../ui/kit.js';
import { Fact, InspectionFacts, StatusBadge, useLabels, type Action, type PageOf, type Workflow } from './hub-common.js';
import { ExecutionForm } from './technician-form.js';
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

/** Executable now: the guards of `planExecution` (hub confirmed and review settled, or on site). */
function executable(a: Action): boolean {
  if (a.action_status === 'hub_confirmed') return !a.review_required || a.review_decision === 'approved';
  return a.on_site && a.action_status === 'requested';
}

export function TechnicianQueue(_props: ScreenProps) {
  const t = useT(m);
  const l = useLabels();
  const confirmed = useApi<PageOf<Action>>(withQuery('/api/v1/service-actions', { status: 'hub_confirmed', limit: 200 }), POLL_MS);
  const requested = useApi<PageOf<Action>>(withQuery('/api/v1/service-actions', { status: 'requested', limit: 200 }), POLL_MS);
  const working = useApi<PageOf<Action>>(withQuery('/api/v1/service-actions', { status: 'in_progress', limit: 100 }), POLL_MS);
  const [done, setDone] = useState<ReadonlyMap<string, Action>>(new Map());
  const [message, setMessage] = useState('');

  const onExecuted = (a: Action) => {
    setDone((d) => new Map(d).set(a.action_id, a));
    setMessage(t('executed', { case: a.case_number, status: l.status(a.action_status) }));
    confirmed.reload();
    requested.reload();
    working.reload();
    document.getElementById('page-title')?.focus();
  };

  const columns: Column<Action>[] = [
    { key: 'case', label: t('colCase'), render: (a) => <Link href={`/actions/${a.action_id}`}>{a.case_number}</Link> },
    { key: 'type', label: t('colType'), render: (a) => l.type(a.action_type) },
    { key: 'technician', label: t('colTechnician'), render: (a) => a.assigned_technician ?? '—' },
    { key: 'outbound', label: t('colOutbound'), render: (a) => (a.outbound_tracking_number ? <bdi dir="ltr">{a.outbound_tracking_number}</bdi> : l.pickup(a.outbound_status)) },
    { key: 'updated', label: t('colUpdated'), render: (a) => formatDate(a.updated_at) },
  ];

  return (
    <Page title={t('title')}>
      <p class={message ? 'queue-status' : 'sr-only'} role="status" id="tech-message">
        {message}
      </p>
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
                <p class="queue-count">{t('count', { count: items.filter(executable).length })}</p>
                {items.map((a) => (
                  <ActionCard key={a.action_id} action={a} onExecuted={onExecuted} />
                ))}
              </div>
            );
          }}
        </Async>
      </section>
      <section aria-labelledby="tech-working-title">
        <h2 id="tech-working-title">{t('working')}</h2>
        <Async state={working}>
          {(page) => <Table caption={t('workingCaption')} columns={columns} rows={page.items} rowKey={(a) => a.action_id} empty={t('workingEmpty')} />}
        </Async>
      </section>
    </Page>
  );
}

function ActionCard({ action: a, onExecuted }: { action: Action; onExecuted: (a: Action) => void }) {
  const t = useT(m);
  const l = useLabels();
  const titleId = `tech-${a.action_id}`;
  return (
    <article class="card queue-card" aria-labelledby={titleId}>
      <h3 id={titleId} class="queue-card-title">
        <Link href={`/actions/${a.action_id}`}>{t('caseTitle', { case: a.case_number })}</Link>
      </h3>
      <p class="queue-badges">
        <span>{l.type(a.action_type)}</span>
        <StatusBadge status={a.action_status} />
        {a.on_site && <Badge tone="info">{t('onSite')}</Badge>}
      </p>
      <div class="grid-2 queue-grid">
        <dl class="facts">
          <Fact label={t('customer')}>
            {a.customer_name ? `${a.customer_name} · ` : ''}
            <bdi dir="ltr">{a.customer_phone}</bdi>
          </Fact>
          <Fact label={t('product')}>{a.product_name}</Fact>
          <Fact label={t('reason')}>{a.service_reason}</Fact>
          <Fact label={t('notes')}>{a.service_notes}</Fact>
        </dl>
        {!a.on_site && <HubSummary actionId={a.action_id} />}
      </div>
      {executable(a) ? <ExecutionForm action={a} onExecuted={onExecuted} /> : <p class="notice">{t('waitingReview')}</p>}
    </article>
  );
}

/** The hub's inspection of the case and the team leader's decision on it. */
function HubSummary({ actionId }: { actionId: string }) {
  const t = useT(m);
  const l = useLabels();
  const flows = useApi<PageOf<Workflow>>(withQuery('/api/v1/hub/workflows', { action_id: actionId, limit: 5 }));
  return (
    <div>
      <h4 class="queue-subtitle">{t('inspection')}</h4>
      <Async state={flows}>
        {(page) => {
          const w = page.items.find((f) => f.inspection !== null);
          if (!w?.inspection) return <p>{l.t('noInspection')}</p>;
          return (
            <InspectionFacts inspection={w.inspection}>
              {w.review && (
                <>
                  <Fact label={t('review')}>{t('reviewValue', { decision: l.decision(w.review.decision), leader: w.review.team_leader })}</Fact>
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
