/** The sync screen's lists: every run (newest first) and the quarantined deliveries with their reason. */
import type { QuarantineItem, SyncRun } from '@hvar/contracts';
import { useState } from 'preact/hooks';
import { useApi, withQuery, type PageOf } from '../api.js';
import { formatDate, formatNumber, formatPercent, messages, useT } from '../i18n.js';
import { setQuery, useLocation } from '../router.js';
import { Async, Badge, Field, Pager, Table, type Column } from '../ui/kit.js';
import { requester, statusTone, words, type Word } from './sync-shared.js';

const m = messages({
  en: {
    runsCaption: 'Sync runs, newest first', created: 'Created', mode: 'Mode', status: 'Status', progress: 'Progress', pages: 'Pages', written: 'Written',
    seen: 'Seen', quarantined: 'Quarantined', errors: 'Errors', finished: 'Finished', by: 'Requested by', noRuns: 'No sync run yet.',
    quarantine: 'Quarantined deliveries', show: 'Show', open: 'Open', resolved: 'Resolved', all: 'All', source: 'Source', anySource: 'Any source',
    qCaption: 'Deliveries that could not be read, with the reason', delivery: 'Delivery', reason: 'Reason', occurrences: 'Times seen',
    firstSeen: 'First seen', lastSeen: 'Last seen', run: 'Run', state: 'State', stillOpen: 'Open', resolvedAt: 'Resolved {at}',
    noQuarantine: 'No quarantined deliveries: every delivery from Bosta could be read.', noMatch: 'No quarantined deliveries match.',
  },
  ar: {
    runsCaption: 'عمليات المزامنة، الأحدث أولًا', created: 'أُنشئت', mode: 'النوع', status: 'الحالة', progress: 'التقدم', pages: 'الصفحات', written: 'المكتوبة',
    seen: 'المقروءة', quarantined: 'المعزولة', errors: 'الأخطاء', finished: 'انتهت', by: 'بطلب من', noRuns: 'لا توجد عمليات مزامنة بعد.',
    quarantine: 'الشحنات المعزولة', show: 'عرض', open: 'مفتوحة', resolved: 'تمت معالجتها', all: 'الكل', source: 'المصدر', anySource: 'أي مصدر',
    qCaption: 'الشحنات التي تعذرت قراءتها، مع السبب', delivery: 'الشحنة', reason: 'السبب', occurrences: 'مرات الظهور',
    firstSeen: 'أول ظهور', lastSeen: 'آخر ظهور', run: 'المزامنة', state: 'الوضع', stillOpen: 'مفتوحة', resolvedAt: 'عولجت {at}',
    noQuarantine: 'لا توجد شحنات معزولة: أمكن قراءة كل شحنات بوسطة.', noMatch: 'لا توجد شحنات معزولة مطابقة.',
  },
});

/** Cursor paging over a polled list: a stack of the cursors that led to the current page. */
export interface Cursor {
  current: string | undefined;
  depth: number;
  next: (cursor: string) => void;
  previous: () => void;
  reset: () => void;
}

export function useCursor(): Cursor {
  const [stack, setStack] = useState<string[]>([]);
  return {
    current: stack[stack.length - 1],
    depth: stack.length,
    next: (c) => setStack((s) => [...s, c]),
    previous: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}

function Paging({ cursor, next }: { cursor: Cursor; next: string | null }) {
  if (cursor.depth === 0 && next === null) return null;
  return <Pager hasPrevious={cursor.depth > 0} hasNext={next !== null} onPrevious={cursor.previous} onNext={() => next && cursor.next(next)} />;
}

export function RunsTable({ page, cursor }: { page: PageOf<SyncRun>; cursor: Cursor }) {
  const t = useT(m);
  const w = useT(words);
  const columns: Column<SyncRun>[] = [
    { key: 'created', label: t('created'), render: (r) => formatDate(r.created_at) },
    { key: 'mode', label: t('mode'), render: (r) => w(`mode_${r.mode}` as Word) },
    { key: 'status', label: t('status'), render: (r) => <Badge tone={statusTone(r.status)}>{w(`status_${r.status}` as Word)}</Badge> },
    { key: 'progress', label: t('progress'), numeric: true, render: (r) => formatPercent(r.progress) },
    { key: 'pages', label: t('pages'), numeric: true, render: (r) => `${formatNumber(r.pages_done)} / ${r.pages_total === null ? '—' : formatNumber(r.pages_total)}` },
    { key: 'seen', label: t('seen'), numeric: true, render: (r) => formatNumber(r.deliveries_seen) },
    { key: 'written', label: t('written'), numeric: true, render: (r) => formatNumber(r.deliveries_written) },
    { key: 'quarantined', label: t('quarantined'), numeric: true, render: (r) => formatNumber(r.deliveries_quarantined) },
    { key: 'errors', label: t('errors'), render: (r) => (r.errors_count === 0 ? formatNumber(0) : <span class="sync-error">{formatNumber(r.errors_count)}{r.last_error && `: ${r.last_error}`}</span>) },
    { key: 'finished', label: t('finished'), render: (r) => formatDate(r.finished_at) },
    { key: 'by', label: t('by'), render: (r) => requester(w, r.requested_by) },
  ];
  return (
    <>
      <Table caption={t('runsCaption')} columns={columns} rows={page.items} rowKey={(r) => r.id} empty={t('noRuns')} />
      <Paging cursor={cursor} next={page.next_cursor} />
    </>
  );
}

const STATUSES = ['open', 'resolved', 'all'] as const;
const SOURCES = ['search', 'detail', 'webhook'] as const;

/** Quarantined deliveries; the filters live in the URL (`?quarantine=`, `?source=`). */
export function QuarantineSection() {
  const t = useT(m);
  const w = useT(words);
  const { query } = useLocation();
  const status = STATUSES.find((s) => s === query.get('quarantine')) ?? 'open';
  const source = SOURCES.find((s) => s === query.get('source'));
  const cursor = useCursor();
  const state = useApi<PageOf<QuarantineItem>>(withQuery('/api/v1/sync/quarantine', { status, source, limit: 50, cursor: cursor.current }), 10_000);
  const filter = (values: Record<string, string | null>) => {
    cursor.reset();
    setQuery(values);
  };
  const columns: Column<QuarantineItem>[] = [
    { key: 'key', label: t('delivery'), render: (q) => <code>{q.source_key}</code> },
    { key: 'source', label: t('source'), render: (q) => (SOURCES.some((s) => s === q.source) ? w(`source_${q.source}` as Word) : q.source) },
    { key: 'reason', label: t('reason'), render: (q) => <span class="sync-reason">{q.reason}</span> },
    { key: 'n', label: t('occurrences'), numeric: true, render: (q) => formatNumber(q.occurrences) },
    { key: 'first', label: t('firstSeen'), render: (q) => formatDate(q.first_seen_at) },
    { key: 'last', label: t('lastSeen'), render: (q) => formatDate(q.last_seen_at) },
    { key: 'run', label: t('run'), render: (q) => (q.run_id ? <code title={q.run_id}>{q.run_id.slice(0, 8)}</code> : '—') },
    { key: 'state', label: t('state'), render: (q) => (q.resolved_at ? <Badge tone="good">{t('resolvedAt', { at: formatDate(q.resolved_at) })}</Badge> : <Badge tone="warn">{t('stillOpen')}</Badge>) },
  ];
  return (
    <section class="card" aria-labelledby="sync-quarantine">
      <h2 id="sync-quarantine">{t('quarantine')}</h2>
      <div class="filters sync-filters">
        <Field id="q-status" label={t('show')}>
          <select id="q-status" value={status} onChange={(e) => filter({ quarantine: e.currentTarget.value === 'open' ? null : e.currentTarget.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="q-source" label={t('source')}>
          <select id="q-source" value={source ?? ''} onChange={(e) => filter({ source: e.currentTarget.value || null })}>
            <option value="">{t('anySource')}</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {w(`source_${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Async state={state}>
        {(page) => (
          <>
            <Table caption={t('qCaption')} columns={columns} rows={page.items} rowKey={(q) => String(q.id)} empty={status === 'open' && !source ? t('noQuarantine') : t('noMatch')} />
            <Paging cursor={cursor} next={page.next_cursor} />
          </>
        )}
      </Async>
    </section>
  );
}
