/**
 * Service actions as a board: one column per status in the order of the lifecycle, each column its
 * own filtered, paged query of `GET /api/v1/service-actions` (never a call per card). Filters (type,
 * status, phone) and the list view live in the URL, so a filtered board is a link to share.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, useApi, withQuery, type PageOf } from '../api.js';
import { looksLikePhone } from '../domain/customers.js';
import { ACTION_STATUSES, ACTION_TYPES, type ActionStatus, type ServiceAction } from '../domain/service-actions.js';
import { formatDate, formatNumber, messages, useT } from '../i18n.js';
import { Link, setQuery, useLocation } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { can, useSession } from '../session.js';
import { StatusBadge } from '../ui/badges.js';
import { common } from '../ui/common-messages.js';
import { invalidProps, SelectField } from '../ui/forms.js';
import { Async, Badge, Button, Field, Loading, Page, PhoneText, ProblemBox, Table } from '../ui/kit.js';
import { CursorPager, useCursors } from '../ui/paging.js';
import { actionStatusName, actionTypeName } from '../ui/words.js';
import './actions.css';

const m = messages({
  en: {
    title: 'Service actions', create: 'New service action', filters: 'Filters', type: 'Type', status: 'Status', phone: 'Customer phone', apply: 'Apply',
    anyType: 'All types', anyStatus: 'All statuses', view: 'View', board: 'Board', list: 'List', more: 'Show more', count: '{n}', countMore: '{n}+',
    noCards: 'No actions.', attention: 'Needs attention', badPhone: 'Enter a whole Egyptian mobile number, e.g. 01001234567.', boardLabel: 'Actions by status',
    caption: 'Service actions, newest first', caseNumber: 'Case', customer: 'Customer', created: 'Created', age: 'Age', auto: 'Automatic',
    ageMinutes: '{n} min', ageHours: '{n} h', ageDays: '{n} d',
  },
  ar: {
    title: 'إجراءات الخدمة', create: 'إجراء خدمة جديد', filters: 'الفلاتر', type: 'النوع', status: 'الوضع', phone: 'هاتف العميل', apply: 'تطبيق',
    anyType: 'كل الأنواع', anyStatus: 'كل الأوضاع', view: 'العرض', board: 'لوحة', list: 'قائمة', more: 'عرض المزيد', count: '{n}', countMore: '{n}+',
    noCards: 'لا توجد إجراءات.', attention: 'يحتاج إلى متابعة', badPhone: 'أدخل رقم هاتف محمول مصري كاملًا، مثل 01001234567.', boardLabel: 'الإجراءات حسب الحالة',
    caption: 'إجراءات الخدمة، الأحدث أولًا', caseNumber: 'الحالة', customer: 'العميل', created: 'تاريخ الإنشاء', age: 'العمر', auto: 'تلقائي',
    ageMinutes: '{n} دقيقة', ageHours: '{n} ساعة', ageDays: '{n} يوم',
  },
});

/** How long ago `iso` was, in the largest whole unit (minutes, hours, days). */
function useAge(): (iso: string) => string {
  const t = useT(m);
  return (iso) => {
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60_000));
    if (minutes < 60) return t('ageMinutes', { n: formatNumber(minutes) });
    if (minutes < 48 * 60) return t('ageHours', { n: formatNumber(Math.floor(minutes / 60)) });
    return t('ageDays', { n: formatNumber(Math.floor(minutes / 1_440)) });
  };
}

/** Cards loaded per column page, rows per list page. */
const COLUMN_PAGE = 20;
const LIST_PAGE = 50;
/** The board follows the cases as they move. */
const REFRESH_MS = 20_000;

interface Filter {
  action_type: string;
  status: string;
  customer_phone: string;
}

export function ActionsBoard(_props: ScreenProps) {
  const t = useT(m);
  const { me } = useSession();
  const { query } = useLocation();
  const filter: Filter = { action_type: query.get('type') ?? '', status: query.get('status') ?? '', customer_phone: query.get('phone') ?? '' };
  const view = query.get('view') === 'list' ? 'list' : 'board';
  const create = can(me.role, ['agent', 'team_leader']) && (
    <Link href={withQuery('/actions/new', { phone: filter.customer_phone })} class="btn btn-primary">
      {t('create')}
    </Link>
  );
  return (
    <Page title={t('title')} actions={create} wide>
      <Filters filter={filter} view={view} />
      {view === 'board' ? <Board filter={filter} /> : <ActionList filter={filter} />}
    </Page>
  );
}

function Filters({ filter, view }: { filter: Filter; view: 'board' | 'list' }) {
  const t = useT(m);
  const tc = useT(common);
  const [phone, setPhone] = useState(filter.customer_phone);
  const [phoneError, setPhoneError] = useState<string | undefined>(undefined);
  useEffect(() => setPhone(filter.customer_phone), [filter.customer_phone]);
  const apply = (e: Event) => {
    e.preventDefault();
    const value = phone.trim();
    if (value && !looksLikePhone(value)) return setPhoneError(t('badPhone'));
    setPhoneError(undefined);
    setQuery({ phone: value });
  };
  return (
    <form class="card filters" onSubmit={apply} aria-label={t('filters')}>
      <SelectField id="actions-type" label={t('type')} value={filter.action_type} none={t('anyType')} onChange={(v) => setQuery({ type: v })}
        options={ACTION_TYPES.map((type) => [type, actionTypeName(type)] as const)} />
      <SelectField id="actions-status" label={t('status')} value={filter.status} none={t('anyStatus')} onChange={(v) => setQuery({ status: v })}
        options={ACTION_STATUSES.map((s) => [s, actionStatusName(s)] as const)} />
      <Field id="actions-phone" label={t('phone')} error={phoneError}>
        <input id="actions-phone" type="tel" dir="ltr" autocomplete="off" value={phone} {...invalidProps('actions-phone', phoneError)} onInput={(e) => setPhone(e.currentTarget.value)} />
      </Field>
      <Button type="submit" kind="primary">
        {t('apply')}
      </Button>
      {(filter.action_type || filter.status || filter.customer_phone) && (
        <Button onClick={() => setQuery({ type: null, status: null, phone: null })}>{tc('clear')}</Button>
      )}
      <div class="sa-view-toggle" role="group" aria-label={t('view')}>
        <Button aria-pressed={view === 'board' ? 'true' : 'false'} onClick={() => setQuery({ view: null })}>
          {t('board')}
        </Button>
        <Button aria-pressed={view === 'list' ? 'true' : 'false'} onClick={() => setQuery({ view: 'list' })}>
          {t('list')}
        </Button>
      </div>
    </form>
  );
}

function Board({ filter }: { filter: Filter }) {
  const t = useT(m);
  const columns = filter.status ? ACTION_STATUSES.filter((s) => s === filter.status) : ACTION_STATUSES;
  return (
    <div class="board sa-actions-board" role="region" aria-label={t('boardLabel')} tabIndex={0}>
      {columns.map((status) => (
        <Column key={status} status={status} filter={filter} />
      ))}
    </div>
  );
}

/** One status: its first page follows the board's refresh; "show more" appends the next pages. */
function Column({ status, filter }: { status: ActionStatus; filter: Filter }) {
  const t = useT(m);
  const base = { status, action_type: filter.action_type, customer_phone: filter.customer_phone, limit: COLUMN_PAGE };
  const first = useApi<PageOf<ServiceAction>>(withQuery('/api/v1/service-actions', base), REFRESH_MS);
  const [extra, setExtra] = useState<{ items: ServiceAction[]; next: string | null; error?: unknown; busy: boolean }>({ items: [], next: null, busy: false });
  const key = JSON.stringify(base);
  useEffect(() => setExtra({ items: [], next: null, busy: false }), [key]);
  const next = extra.items.length > 0 ? extra.next : (first.data?.next_cursor ?? null);
  const more = async () => {
    if (!next) return;
    setExtra((x) => ({ ...x, busy: true, error: undefined }));
    try {
      const page = await get<PageOf<ServiceAction>>(withQuery('/api/v1/service-actions', { ...base, cursor: next }));
      setExtra((x) => ({ items: [...x.items, ...page.items], next: page.next_cursor, busy: false }));
    } catch (error) {
      setExtra((x) => ({ ...x, error, busy: false }));
    }
  };
  const seen = new Set<string>();
  const cards = [...(first.data?.items ?? []), ...extra.items].filter((a) => !seen.has(a.action_id) && seen.add(a.action_id));
  const headingId = `col-${status}`;
  return (
    <section class="board-col" data-status={status} aria-labelledby={headingId}>
      <h2 id={headingId} class="sa-col-head">
        <span>{actionStatusName(status)}</span>
        {first.data && <small class="sa-col-count">{t(next ? 'countMore' : 'count', { n: formatNumber(cards.length) })}</small>}
      </h2>
      {first.error ? (
        <ProblemBox error={first.error} onRetry={first.reload} />
      ) : first.data === undefined ? (
        <Loading />
      ) : cards.length === 0 ? (
        <p class="sa-col-empty">{t('noCards')}</p>
      ) : (
        <ol>
          {cards.map((a) => (
            <Card key={a.action_id} action={a} />
          ))}
        </ol>
      )}
      <ProblemBox error={extra.error} />
      {next && (
        <Button busy={extra.busy} onClick={() => void more()}>
          {t('more')}
        </Button>
      )}
    </section>
  );
}

function Card({ action }: { action: ServiceAction }) {
  const t = useT(m);
  const age = useAge();
  return (
    <li class="board-card sa-action-card" data-case={action.case_number}>
      <Link href={`/actions/${action.action_id}`} class="sa-card-case">
        {action.case_number}
      </Link>
      <span class="sa-card-type">{actionTypeName(action.action_type)}</span>
      <span class="sa-card-phone">
        <PhoneText phone={action.customer_phone} />
        {action.customer_name && <span class="sa-card-name"> · {action.customer_name}</span>}
      </span>
      <span class="sa-card-foot">
        <time dateTime={action.created_at} title={formatDate(action.created_at)}>
          {age(action.created_at)}
        </time>
        {action.needs_attention && <Badge tone="bad">{t('attention')}</Badge>}
        {action.auto_detected && <Badge tone="info">{t('auto')}</Badge>}
      </span>
    </li>
  );
}

/** The list view: every status (or the filtered one) in one table, newest first, cursor pages. */
function ActionList({ filter }: { filter: Filter }) {
  const t = useT(m);
  const age = useAge();
  const pages = useCursors(JSON.stringify(filter));
  const state = useApi<PageOf<ServiceAction>>(withQuery('/api/v1/service-actions', { ...filter, limit: LIST_PAGE, cursor: pages.cursor }), REFRESH_MS);
  return (
    <Async state={state}>
      {(page) => (
        <>
          <Table
            caption={t('caption')}
            rows={page.items}
            rowKey={(a) => a.action_id}
            columns={[
              { key: 'case', label: t('caseNumber'), render: (a) => <Link href={`/actions/${a.action_id}`}>{a.case_number}</Link> },
              { key: 'status', label: t('status'), render: (a) => <StatusBadge status={a.action_status} /> },
              { key: 'type', label: t('type'), render: (a) => actionTypeName(a.action_type) },
              { key: 'phone', label: t('phone'), render: (a) => <PhoneText phone={a.customer_phone} /> },
              { key: 'customer', label: t('customer'), render: (a) => a.customer_name ?? '—' },
              { key: 'created', label: t('created'), render: (a) => formatDate(a.created_at) },
              { key: 'age', label: t('age'), render: (a) => age(a.created_at) },
            ]}
            empty={t('noCards')}
          />
          <CursorPager pages={pages} nextCursor={page.next_cursor} />
        </>
      )}
    </Async>
  );
}
