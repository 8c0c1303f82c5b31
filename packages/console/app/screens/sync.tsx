/**
 * Sync: how fresh the order book is (the lag since the last webhook, polled every 5 s), the run in
 * progress (polled every 2 s), every run, and the deliveries quarantined because they could not be
 * read. Admins may start a run and open the queue dashboard (bull-board).
 */
import type { OrderStats, SyncRun, SyncStatus } from '@hvar/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { post, useApi, withQuery, type PageOf } from '../api.js';
import { formatDate, formatNumber, formatPercent, messages, useT } from '../i18n.js';
import type { ScreenProps } from '../routes.js';
import { useSession } from '../session.js';
import { Async, Badge, Button, Page, ProblemBox, StatCard } from '../ui/kit.js';
import { QuarantineSection, RunsTable, useCursor } from './sync-tables.js';
import { isActive, relative, requester, relativeSeconds, statusTone, words, type Word } from './sync-shared.js';
import './sync.css';

const m = messages({
  en: {
    title: 'Sync', queues: 'Queue dashboard (bull-board)', start: 'Start a run', startIncremental: 'Start an incremental run', startFull: 'Start a full run',
    started: 'Run requested: {mode}, {status} (by {by}).', accepted: 'The run is queued: the sync service starts it as soon as it is back.',
    freshness: 'Freshness', newest: 'Newest order update', never: 'No order yet', lastRun: 'Last completed run', noRun: 'No completed run yet',
    orders: 'Orders in the book', lastWebhook: 'Last webhook', noWebhook: 'No webhook received yet', receivedAt: 'Received {at}', lastHour: 'Webhooks in the last hour',
    runHint: '{mode}, {at}',
    webhookNote: 'Bosta sends a webhook at each state change, so a quiet hour shows a long lag; the incremental runs catch any webhook that was missed.',
    current: 'Run in progress', none: 'No run is in progress.', progress: 'Progress of the {mode} run', pages: 'Page {done} of {total}', pagesOpen: 'Page {done} (total not known yet)',
    seen: 'Deliveries seen', written: 'Written', unchanged: 'Unchanged', quarantined: 'Quarantined', speed: 'Speed', perSecond: '{n}/s', eta: 'Finishes', startedAt: 'Started',
    waiting: 'Waiting to start', errors: 'Errors', lastError: 'Last error', runs: 'Runs',
  },
  ar: {
    title: 'المزامنة', queues: 'لوحة الطوابير (bull-board)', start: 'بدء تشغيل', startIncremental: 'بدء مزامنة تزايدية', startFull: 'بدء مزامنة كاملة',
    started: 'طُلبت المزامنة: {mode}، {status} (بطلب من {by}).', accepted: 'المزامنة في الطابور: ستبدأها خدمة المزامنة فور عودتها.',
    freshness: 'حداثة البيانات', newest: 'أحدث تحديث لطلب', never: 'لا توجد طلبات بعد', lastRun: 'آخر مزامنة مكتملة', noRun: 'لا توجد مزامنة مكتملة بعد',
    orders: 'الطلبات في الدفتر', lastWebhook: 'آخر إشعار ويب', noWebhook: 'لم يصل أي إشعار ويب بعد', receivedAt: 'وصل {at}', lastHour: 'إشعارات الويب في الساعة الأخيرة',
    runHint: '{mode}، {at}',
    webhookNote: 'ترسل بوسطة إشعار ويب عند كل تغيير في الحالة، لذا تظهر ساعة هادئة تأخرًا طويلًا؛ وتلتقط المزامنات التزايدية أي إشعار فات.',
    current: 'المزامنة الجارية', none: 'لا توجد مزامنة جارية.', progress: 'تقدم المزامنة ({mode})', pages: 'الصفحة {done} من {total}', pagesOpen: 'الصفحة {done} (الإجمالي غير معروف بعد)',
    seen: 'الشحنات المقروءة', written: 'المكتوبة', unchanged: 'دون تغيير', quarantined: 'المعزولة', speed: 'السرعة', perSecond: '{n}/ث', eta: 'تنتهي', startedAt: 'بدأت',
    waiting: 'في انتظار البدء', errors: 'الأخطاء', lastError: 'آخر خطأ', runs: 'عمليات المزامنة',
  },
});

export function SyncScreen(_props: ScreenProps) {
  const t = useT(m);
  const { me } = useSession();
  const admin = me.role === 'admin';
  const cursor = useCursor();
  const runs = useApi<PageOf<SyncRun>>(withQuery('/api/v1/sync/runs', { limit: 20, cursor: cursor.current }), 2000);
  const active = runs.data?.items.find(isActive);
  return (
    <Page
      title={t('title')}
      wide
      actions={
        admin && (
          <a class="btn" href="/admin/queues">
            {t('queues')}
          </a>
        )
      }
    >
      {admin && <StartRun onStarted={runs.reload} />}
      <Freshness />
      <section class="card" aria-labelledby="sync-current">
        <h2 id="sync-current">{t('current')}</h2>
        {active ? <CurrentRun run={active} /> : runs.data && <p>{t('none')}</p>}
      </section>
      <section class="card" aria-labelledby="sync-runs">
        <h2 id="sync-runs">{t('runs')}</h2>
        <Async state={runs}>{(page) => <RunsTable page={page} cursor={cursor} />}</Async>
      </section>
      <QuarantineSection />
    </Page>
  );
}

/** Admins: start a full or incremental run (`POST /sync/runs`); the answer is the run (or 202 while the service is away). */
function StartRun({ onStarted }: { onStarted: () => void }) {
  const t = useT(m);
  const w = useT(words);
  const [busy, setBusy] = useState<SyncRun['mode'] | undefined>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const start = async (mode: SyncRun['mode']) => {
    setBusy(mode);
    setError(undefined);
    setDone(undefined);
    try {
      const res = await post<SyncRun | { operation_id: string }>('/api/v1/sync/runs', { mode });
      setDone('id' in res ? t('started', { mode: w(`mode_${res.mode}`), status: w(`status_${res.status}`), by: requester(w, res.requested_by) }) : t('accepted'));
      onStarted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section class="card" aria-labelledby="sync-start">
      <h2 id="sync-start">{t('start')}</h2>
      <ProblemBox error={error} />
      <div class="sync-start">
        <Button kind="primary" busy={busy === 'incremental'} disabled={busy !== undefined} onClick={() => void start('incremental')}>
          {t('startIncremental')}
        </Button>
        {/* A bordered button (the kit's plain kind has none): a full run is the heavier choice, not a link. */}
        <button type="button" class="btn" disabled={busy !== undefined} aria-busy={busy === 'full' ? 'true' : undefined} onClick={() => void start('full')}>
          {t('startFull')}
        </button>
        <p role="status" class="sync-done">
          {done}
        </p>
      </div>
    </section>
  );
}

/** Lag since the last webhook and since the last completed run (`GET /sync/status`, every 5 s), and the order book's newest write. */
function Freshness() {
  const t = useT(m);
  const status = useApi<SyncStatus>('/api/v1/sync/status', 5000);
  const stats = useApi<OrderStats>('/api/v1/orders/stats', 15_000);
  const finished = status.data?.last_completed_run_at ?? undefined;
  const { reload } = stats;
  const known = useRef(finished);
  // A run that just finished wrote orders: read the book again rather than wait for the next poll.
  useEffect(() => {
    if (finished && known.current && finished !== known.current) reload();
    known.current = finished ?? known.current;
  }, [finished, reload]);
  return (
    <section class="card" aria-labelledby="sync-freshness">
      <h2 id="sync-freshness">{t('freshness')}</h2>
      <Async state={status}>{(s) => <WebhookLag status={s} />}</Async>
      <Async state={stats}>
        {(s) => (
          <div class="stats sync-stats">
            <StatCard label={t('newest')} value={s.last_synced ? relative(s.last_synced) : t('never')} hint={s.last_synced ? formatDate(s.last_synced) : undefined} />
            <StatCard label={t('orders')} value={formatNumber(s.total_orders)} />
          </div>
        )}
      </Async>
      <p class="sync-note">{t('webhookNote')}</p>
    </section>
  );
}

/** The status figures; times relative to the gateway's `now`, the clock that stamped the webhooks. */
function WebhookLag({ status: s }: { status: SyncStatus }) {
  const t = useT(m);
  const w = useT(words);
  const now = Date.parse(s.now);
  const run = s.last_completed_run_at;
  return (
    <div class="stats sync-stats">
      <StatCard
        label={t('lastWebhook')}
        value={s.lag_seconds === null ? t('noWebhook') : relativeSeconds(-s.lag_seconds)}
        hint={s.last_webhook_at ? t('receivedAt', { at: formatDate(s.last_webhook_at) }) : undefined}
      />
      <StatCard label={t('lastHour')} value={formatNumber(s.webhooks_last_hour)} />
      <StatCard
        label={t('lastRun')}
        value={run ? relative(run, now) : t('noRun')}
        hint={run && s.last_completed_run_mode ? t('runHint', { mode: w(`mode_${s.last_completed_run_mode}`), at: formatDate(run) }) : undefined}
      />
    </div>
  );
}

/** The active run, re-read every 2 s from `GET /sync/runs/:id` (the list's row until the first answer). */
function CurrentRun({ run }: { run: SyncRun }) {
  const t = useT(m);
  const w = useT(words);
  const detail = useApi<SyncRun>(`/api/v1/sync/runs/${run.id}`, 2000);
  const r = detail.data ?? run;
  const mode = w(`mode_${r.mode}` as Word);
  return (
    <div class="sync-current">
      <p>
        <Badge tone="info">{mode}</Badge> <Badge tone={statusTone(r.status)}>{w(`status_${r.status}` as Word)}</Badge>
      </p>
      <label for="sync-progress">{t('progress', { mode })}</label>
      <div class="sync-progress">
        <progress id="sync-progress" max={1} value={r.progress ?? undefined} />
        <span>{formatPercent(r.progress)}</span>
      </div>
      <p>{r.pages_total === null ? t('pagesOpen', { done: formatNumber(r.pages_done) }) : t('pages', { done: formatNumber(r.pages_done), total: formatNumber(r.pages_total) })}</p>
      <dl class="facts">
        <dt>{t('startedAt')}</dt>
        <dd>{r.started_at ? formatDate(r.started_at) : t('waiting')}</dd>
        <dt>{t('seen')}</dt>
        <dd>{formatNumber(r.deliveries_seen)}{r.deliveries_total !== null && ` / ${formatNumber(r.deliveries_total)}`}</dd>
        <dt>{t('written')}</dt>
        <dd>{formatNumber(r.deliveries_written)}</dd>
        <dt>{t('unchanged')}</dt>
        <dd>{formatNumber(r.deliveries_unchanged)}</dd>
        <dt>{t('quarantined')}</dt>
        <dd>{formatNumber(r.deliveries_quarantined)}</dd>
        <dt>{t('speed')}</dt>
        <dd>{r.deliveries_per_second === null ? '—' : t('perSecond', { n: formatNumber(r.deliveries_per_second, { maximumFractionDigits: 1 }) })}</dd>
        <dt>{t('eta')}</dt>
        <dd>{r.eta_seconds === null ? '—' : relativeSeconds(Math.round(r.eta_seconds))}</dd>
        <dt>{t('errors')}</dt>
        <dd>{formatNumber(r.errors_count)}</dd>
        {r.last_error && (
          <>
            <dt>{t('lastError')}</dt>
            <dd>{r.last_error}</dd>
          </>
        )}
      </dl>
      {detail.error && <ProblemBox error={detail.error} />}
    </div>
  );
}
