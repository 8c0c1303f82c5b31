/**
 * The team leader's review queue: hub inspections the review rule held back
 * (`GET /api/v1/hub/workflows?review_pending=true`), each with the inspection and why a review is
 * required, and the decision (`POST /api/v1/service-actions/team-leader-review`): approve, reject, or
 * ask for a new inspection. A decided case leaves the queue at once.
 */
import { useRef, useState } from 'preact/hooks';
import { command, useApi, withQuery, type PageOf } from '../api.js';
import { awaitsReview, type Workflow } from '../domain/hub.js';
import { actionPath, DECISIONS, type Decision, type ServiceAction } from '../domain/service-actions.js';
import { formatNumber, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { useSession } from '../session.js';
import { StatusBadge } from '../ui/badges.js';
import { invalidProps, numberOrUndefined, submitOnEnter, useSubmit } from '../ui/forms.js';
import { Async, Button, Empty, Fact, Field, fieldError, FirstPageOnly, Page, PhoneText, ProblemBox } from '../ui/kit.js';
import { actionTypeName, decisionName } from '../ui/words.js';
import { HubMoment, InspectionFacts, ReviewReasons } from './hub-common.js';
import './queues.css';

const m = messages({
  en: {
    title: 'Review queue', intro: 'Hub inspections waiting for your decision, oldest first.', empty: 'No inspection is waiting for a review.',
    caseTitle: 'Case {case}', tracking: 'Return tracking number', product: 'Product', customer: 'Customer', reason: 'Customer reason', order: 'Main order',
    hub: 'Inspected at', why: 'Why a review is required', inspection: 'Inspection',
    decision: 'Decision', choose_approved: 'Approve', choose_requires_changes: 'Ask for a new inspection', choose_rejected: 'Reject',
    notes: 'Notes', notesHint: 'Ctrl+Enter records the decision', limit: 'Approved refund limit (EGP)', limitHint: 'Only when a refund above the original order value is allowed',
    pick: 'Choose a decision.', submit: 'Record decision', decided: 'Case {case}: {decision}.', count: '{count} waiting',
  },
  ar: {
    title: 'قائمة المراجعة', intro: 'فحوص المستودع التي تنتظر قرارك، الأقدم أولًا.', empty: 'لا يوجد فحص ينتظر المراجعة.',
    caseTitle: 'الحالة {case}', tracking: 'رقم تتبع المرتجع', product: 'المنتج', customer: 'العميل', reason: 'سبب العميل', order: 'الطلب الرئيسي',
    hub: 'مكان الفحص', why: 'لماذا تلزم المراجعة', inspection: 'الفحص',
    decision: 'القرار', choose_approved: 'موافقة', choose_requires_changes: 'طلب فحص جديد', choose_rejected: 'رفض',
    notes: 'ملاحظات', notesHint: 'Ctrl+Enter يسجّل القرار', limit: 'حد الاسترداد المعتمد (جنيه)', limitHint: 'فقط عند السماح باسترداد أعلى من قيمة الطلب الأصلي',
    pick: 'اختر قرارًا.', submit: 'تسجيل القرار', decided: 'الحالة {case}: {decision}.', count: '{count} بالانتظار',
  },
});

export function ReviewQueue(_props: ScreenProps) {
  const t = useT(m);
  const queue = useApi<PageOf<Workflow>>(withQuery('/api/v1/hub/workflows', { review_pending: 'true', limit: 200 }), 15_000);
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState('');
  const list = useRef<HTMLDivElement>(null);

  const onDecided = (w: Workflow, decision: Decision) => {
    setDecided((s) => new Set(s).add(w.workflow_id));
    setMessage(t('decided', { case: w.case_number, decision: decisionName(decision) }));
    queue.reload();
    // The next case's heading takes the focus (or the page title when the queue is empty).
    setTimeout(() => {
      const next = list.current?.querySelector<HTMLElement>('.queue-card h2') ?? document.getElementById('page-title');
      next?.focus();
    }, 0);
  };

  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <p class={message ? 'queue-status' : 'sr-only'} role="status" id="review-message">
        {message}
      </p>
      <Async state={queue}>
        {(page) => {
          const items = page.items.filter((w) => awaitsReview(w) && !decided.has(w.workflow_id)).sort((a, b) => (a.inspection_completed_at ?? '').localeCompare(b.inspection_completed_at ?? ''));
          if (items.length === 0) return <Empty>{t('empty')}</Empty>;
          return (
            <div ref={list} class="queue">
              <p class="queue-count">{t('count', { count: formatNumber(items.length) })}</p>
              <FirstPageOnly shown={page.items.length} more={page.next_cursor !== null} />
              {items.map((w) => (
                <ReviewCard key={w.workflow_id} workflow={w} onDecided={onDecided} />
              ))}
            </div>
          );
        }}
      </Async>
    </Page>
  );
}

function ReviewCard({ workflow: w, onDecided }: { workflow: Workflow; onDecided: (w: Workflow, d: Decision) => void }) {
  const t = useT(m);
  const action = useApi<ServiceAction>(actionPath(w.action_id));
  const titleId = `review-${w.workflow_id}`;
  return (
    <article class="card queue-card" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        <Link href={`/actions/${w.action_id}`}>{t('caseTitle', { case: w.case_number })}</Link>
      </h2>
      <p class="queue-badges">
        <span>{actionTypeName(w.action_type)}</span>
        {action.data && <StatusBadge status={action.data.action_status} />}
      </p>
      {/* The case's own read (status, name, order) failing leaves the inspection to decide on. */}
      <ProblemBox error={action.error} onRetry={action.reload} />
      <div class="grid-2 queue-grid">
        <div>
          <dl class="facts">
            <Fact label={t('tracking')}>
              <bdi dir="ltr">{w.return_tracking_number}</bdi>
            </Fact>
            <Fact label={t('customer')}>
              {action.data?.customer_name ? `${action.data.customer_name} · ` : ''}
              <PhoneText phone={w.customer_phone} />
            </Fact>
            <Fact label={t('product')}>{w.product_name}</Fact>
            <Fact label={t('reason')}>{w.reason}</Fact>
            <Fact label={t('order')}>{action.data?.main_tracking_number && <bdi dir="ltr">{action.data.main_tracking_number}</bdi>}</Fact>
            <Fact label={t('hub')}><HubMoment hub={w.hub_name} agent={w.hub_agent} at={w.inspection_completed_at ?? w.scanned_at} /></Fact>
          </dl>
          <h3>{t('why')}</h3>
          <ReviewReasons reasons={w.review_reasons} />
        </div>
        <div>
          <h3>{t('inspection')}</h3>
          {w.inspection && <InspectionFacts inspection={w.inspection} />}
        </div>
      </div>
      <DecisionForm workflow={w} onDecided={onDecided} />
    </article>
  );
}

function DecisionForm({ workflow: w, onDecided }: { workflow: Workflow; onDecided: (w: Workflow, d: Decision) => void }) {
  const t = useT(m);
  const { me } = useSession();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [notes, setNotes] = useState('');
  const [limit, setLimit] = useState('');
  const [unchosen, setUnchosen] = useState(false);
  const id = (name: string) => `review-${w.workflow_id}-${name}`;
  const refundCase = w.action_type === 'return_refund' || w.inspection?.recommended_action === 'refund';

  const { submit, busy, error } = useSubmit(async () => {
    if (!decision) {
      setUnchosen(true);
      document.getElementById(id(DECISIONS[0]))?.focus();
      return;
    }
    await command('POST', '/api/v1/service-actions/team-leader-review', {
      workflow_id: w.workflow_id,
      team_leader: me.name,
      decision,
      notes: notes.trim() || undefined,
      approved_refund_limit: decision === 'approved' ? numberOrUndefined(limit) : undefined,
    });
    onDecided(w, decision);
  });

  return (
    <form class="queue-form" onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate>
      <ProblemBox error={error} />
      <fieldset class="choices" aria-describedby={unchosen ? id('pick') : undefined}>
        <legend>{t('decision')}</legend>
        {DECISIONS.map((d) => (
          <label key={d} class={`choice choice-${d}`} for={id(d)}>
            <input
              type="radio" id={id(d)} name={id('decision')} value={d} checked={decision === d}
              onChange={() => {
                setDecision(d);
                setUnchosen(false);
              }}
            />{' '}
            {t(`choose_${d}`)}
          </label>
        ))}
        {unchosen && (
          <small id={id('pick')} class="field-problem">
            {t('pick')}
          </small>
        )}
      </fieldset>
      <Field id={id('notes')} label={t('notes')} hint={t('notesHint')} error={fieldError(error, 'notes')}>
        <textarea id={id('notes')} rows={2} {...invalidProps(id('notes'), fieldError(error, 'notes'), { hint: true })} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </Field>
      {refundCase && decision === 'approved' && (
        <Field id={id('limit')} label={t('limit')} hint={t('limitHint')} error={fieldError(error, 'approved_refund_limit')}>
          <input id={id('limit')} type="number" inputMode="decimal" min={0} step="0.01" {...invalidProps(id('limit'), fieldError(error, 'approved_refund_limit'), { hint: true })} value={limit} onInput={(e) => setLimit(e.currentTarget.value)} />
        </Field>
      )}
      <Button type="submit" kind="primary" busy={busy}>
        {t('submit')}
      </Button>
    </form>
  );
}
