/**
 * The hub station, on a tablet with a barcode scanner (a keyboard wedge: digits, then Enter). The
 * scan field holds the focus whenever nothing else is being edited; a scan
 * (`POST /api/v1/service-actions/hub-scan`) shows the case's context beside the inspection form,
 * whose first field then takes the focus; recording the inspection brings the focus back to the
 * scan field. Below: the returns this hub expects and the parcels scanned here awaiting inspection.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { command, useApi, withQuery, type PageOf } from '../api.js';
import { awaitsInspection, awaitsReview, type Workflow } from '../domain/hub.js';
import { formatDate, messages, useT } from '../i18n.js';
import type { ScreenProps } from '../routes.js';
import { useSession } from '../session.js';
import { common } from '../ui/common-messages.js';
import { Async, Badge, Button, Field, FirstPageOnly, Page, PhoneText, ProblemBox, Table, type Column } from '../ui/kit.js';
import { actionTypeName, legStatusName, workflowStatusName } from '../ui/words.js';
import { ScanContextView, type ScanAnswer } from './hub-context.js';
import { InspectionForm } from './hub-inspection.js';
import './hub.css';

const HUB_KEY = 'hvar.hub.name';
const POLL_MS = 10_000;

const m = messages({
  en: {
    title: 'Hub station', hubSetup: "This station's hub", hubName: 'Hub name', hubHint: 'Kept on this device; every scan is recorded at this hub.',
    hubMissing: 'Enter the name of the hub first.', saveHub: 'Save hub', changeHub: 'Change hub', atHub: 'Hub: {hub}',
    scanTitle: 'Scan', scanLabel: 'Return tracking number', scanHint: 'Scan the label, or type the number and press Enter.', scan: 'Scan',
    scanned: 'Received at {hub}: {type}, case {case}. Inspect it now.', scannedAgain: 'Scanned before ({hub}, {agent}); nothing changed. Case {case}.',
    notInspectable: 'This parcel takes no inspection now: {why}.', whyReview: "a team leader's review is pending", whyDone: 'its workflow is {status}',
    inspected: 'Inspection of case {case} recorded: confirmed by the hub.', inspectedReview: 'Inspection of case {case} recorded: a team leader must review it.',
    expected: 'Returns expected at this hub', expectedCaption: 'Returns on their way to {hub}', noExpected: 'No returns are expected at this hub right now.',
    waiting: 'Scanned here, awaiting inspection', waitingCaption: 'Parcels scanned at {hub} awaiting inspection', noWaiting: 'No parcel awaits inspection.',
    colTracking: 'Tracking number', colCase: 'Case', colType: 'Type', colProduct: 'Product', colPhone: 'Customer phone', colPickup: 'Pickup', colSince: 'Since',
    colScanned: 'Scanned', colAction: 'Action', inspect: 'Inspect', again: 'Inspect again',
  },
  ar: {
    title: 'محطة المستودع', hubSetup: 'مستودع هذه المحطة', hubName: 'اسم المستودع', hubHint: 'يُحفظ على هذا الجهاز؛ يُسجَّل كل مسح في هذا المستودع.',
    hubMissing: 'أدخل اسم المستودع أولًا.', saveHub: 'حفظ المستودع', changeHub: 'تغيير المستودع', atHub: 'المستودع: {hub}',
    scanTitle: 'المسح', scanLabel: 'رقم تتبع المرتجع', scanHint: 'امسح الملصق، أو اكتب الرقم واضغط Enter.', scan: 'مسح',
    scanned: 'استُلم في {hub}: {type}، الحالة {case}. افحصه الآن.', scannedAgain: 'مُسح من قبل ({hub}، {agent})؛ لم يتغير شيء. الحالة {case}.',
    notInspectable: 'لا يحتاج هذا الطرد إلى فحص الآن: {why}.', whyReview: 'مراجعة قائد الفريق معلّقة', whyDone: 'حالة سير العمل {status}',
    inspected: 'سُجّل فحص الحالة {case}: أكّده المستودع.', inspectedReview: 'سُجّل فحص الحالة {case}: يجب أن يراجعه قائد الفريق.',
    expected: 'المرتجعات المتوقعة في هذا المستودع', expectedCaption: 'مرتجعات في الطريق إلى {hub}', noExpected: 'لا توجد مرتجعات متوقعة في هذا المستودع الآن.',
    waiting: 'مُسحت هنا وتنتظر الفحص', waitingCaption: 'طرود مُسحت في {hub} وتنتظر الفحص', noWaiting: 'لا يوجد طرد ينتظر الفحص.',
    colTracking: 'رقم التتبع', colCase: 'الحالة', colType: 'النوع', colProduct: 'المنتج', colPhone: 'هاتف العميل', colPickup: 'الاستلام', colSince: 'منذ',
    colScanned: 'وقت المسح', colAction: 'إجراء', inspect: 'افحص', again: 'فحص جديد',
  },
});

function storedHub(): string {
  try {
    return localStorage.getItem(HUB_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Parcels on their way first (picked up, in transit), then the ones still to be picked up; oldest first. */
const PICKUP_ORDER = ['delivered_to_hub', 'in_transit', 'picked_up', 'created', 'pending'];
function byArrival(a: Workflow, b: Workflow): number {
  const rank = (w: Workflow) => {
    const i = PICKUP_ORDER.indexOf(w.return_status ?? '');
    return i < 0 ? PICKUP_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.created_at.localeCompare(b.created_at);
}

export function HubStation(_props: ScreenProps) {
  const t = useT(m);
  const { me } = useSession();
  const [hub, setHub] = useState(storedHub);
  const [editingHub, setEditingHub] = useState(() => storedHub() === '');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [scanError, setScanError] = useState<unknown>(undefined);
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const [message, setMessage] = useState('');
  const scanField = useRef<HTMLInputElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  /** Where the focus goes after the next render. */
  const focusNext = useRef<'scan' | 'form' | null>('scan');
  /** The agent is filling the inspection form: a click on empty space must not take the focus away. */
  const editing = useRef(false);

  const expected = useApi<PageOf<Workflow>>(withQuery('/api/v1/hub/workflows', { status: 'pending', limit: 200 }), POLL_MS);
  const waiting = useApi<PageOf<Workflow>>(hub ? withQuery('/api/v1/hub/workflows', { status: 'inspecting', hub_name: hub, limit: 200 }) : null, POLL_MS);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    const el = target === 'form' ? firstField.current : scanField.current;
    if (!el) return;
    focusNext.current = null;
    el.focus();
  });

  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const target = e.target as Element | null;
      if (!target || target.closest('input, select, textarea, button, a, label, summary, [contenteditable], [tabindex]:not([tabindex="-1"])')) return;
      if (String(window.getSelection() ?? '') !== '' || editing.current) return;
      scanField.current?.focus();
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);

  const scan = async (tracking: string) => {
    if (busy || tracking === '') return;
    setBusy(true);
    setScanError(undefined);
    setMessage('');
    try {
      const body = { return_tracking_number: tracking, hub_name: hub, hub_agent: me.name };
      let result = await command<ScanAnswer | ScanAnswer['scan']>('POST', '/api/v1/service-actions/hub-scan', body);
      // After a 202 the operation holds only the hub's answer; the repeated scan composes the context.
      if (!('context' in result)) result = await command<ScanAnswer>('POST', '/api/v1/service-actions/hub-scan', body);
      showScan(result);
    } catch (err) {
      setAnswer(null);
      setScanError(err);
      focusNext.current = 'scan';
    } finally {
      setBusy(false);
      setCode('');
      expected.reload();
      waiting.reload();
    }
  };

  const showScan = (a: ScanAnswer) => {
    const w = a.scan.workflow;
    const vars = { hub: w.hub_name ?? hub, agent: w.hub_agent ?? '—', case: w.case_number, type: actionTypeName(w.action_type) };
    const inspectable = awaitsInspection(w);
    const why = awaitsReview(w) ? t('whyReview') : t('whyDone', { status: workflowStatusName(w.status) });
    setMessage(inspectable ? t(a.scan.repeated ? 'scannedAgain' : 'scanned', vars) : `${t('scannedAgain', vars)} ${t('notInspectable', { why })}`);
    setAnswer(a);
    editing.current = false;
    focusNext.current = inspectable ? 'form' : 'scan';
  };

  const inspected = (w: Workflow) => {
    setMessage(t(w.review_required ? 'inspectedReview' : 'inspected', { case: w.case_number }));
    setAnswer(null);
    editing.current = false;
    focusNext.current = 'scan';
    expected.reload();
    waiting.reload();
  };

  const backToScan = () => {
    editing.current = false;
    scanField.current?.focus();
  };

  const mine = (w: Workflow) => w.hub_name === null || w.hub_name === hub;
  const hubLabel = hub || '—';
  const columns: Column<Workflow>[] = [
    { key: 'tracking', label: t('colTracking'), render: (w) => <bdi dir="ltr">{w.return_tracking_number}</bdi> },
    { key: 'case', label: t('colCase'), render: (w) => w.case_number },
    { key: 'type', label: t('colType'), render: (w) => actionTypeName(w.action_type) },
    { key: 'product', label: t('colProduct'), render: (w) => w.product_name ?? '—' },
    { key: 'phone', label: t('colPhone'), render: (w) => <PhoneText phone={w.customer_phone} /> },
  ];
  const expectedColumns: Column<Workflow>[] = [
    ...columns,
    { key: 'pickup', label: t('colPickup'), render: (w) => <Badge tone={w.return_status === 'in_transit' || w.return_status === 'picked_up' ? 'info' : 'neutral'}>{legStatusName(w.return_status)}</Badge> },
    { key: 'since', label: t('colSince'), render: (w) => formatDate(w.created_at) },
  ];
  const waitingColumns: Column<Workflow>[] = [
    ...columns,
    { key: 'scanned', label: t('colScanned'), render: (w) => formatDate(w.scanned_at) },
    {
      key: 'action', label: t('colAction'),
      render: (w) => (
        <Button onClick={() => void scan(w.return_tracking_number)}>
          {w.review?.decision === 'requires_changes' ? t('again') : t('inspect')}
          <span class="sr-only"> {w.return_tracking_number}</span>
        </Button>
      ),
    },
  ];

  return (
    <Page
      title={t('title')}
      wide
      actions={
        !editingHub && (
          <>
            <span class="hub-name">{t('atHub', { hub: hubLabel })}</span>
            <Button onClick={() => setEditingHub(true)}>{t('changeHub')}</Button>
          </>
        )
      }
    >
      {editingHub ? (
        <HubSetup
          initial={hub}
          cancellable={hub !== ''}
          onSave={(name) => {
            setHub(name);
            setEditingHub(false);
            focusNext.current = 'scan';
          }}
          onCancel={() => {
            setEditingHub(false);
            focusNext.current = 'scan';
          }}
        />
      ) : (
        <form
          class="card hub-scan"
          aria-labelledby="hub-scan-title"
          onSubmit={(e) => {
            e.preventDefault();
            void scan(code.trim());
          }}
        >
          <h2 id="hub-scan-title">{t('scanTitle')}</h2>
          <div class="hub-scan-row">
            <Field id="hub-scan" label={t('scanLabel')} hint={t('scanHint')}>
              <input
                id="hub-scan" ref={scanField} class="scan-input" type="text" inputMode="numeric" autocomplete="off" spellcheck={false} dir="ltr"
                aria-describedby="hub-scan-hint" value={code} onInput={(e) => setCode(e.currentTarget.value)}
              />
            </Field>
            <Button type="submit" kind="primary" busy={busy}>
              {t('scan')}
            </Button>
          </div>
        </form>
      )}
      <p class={message ? 'hub-status' : 'sr-only'} role="status" id="hub-message">
        {message}
      </p>
      <ProblemBox error={scanError} />
      {answer && (
        <div class="hub-work">
          {awaitsInspection(answer.scan.workflow) && (
            <InspectionForm
              key={answer.scan.workflow.workflow_id}
              workflow={answer.scan.workflow}
              hubAgent={me.name}
              firstField={firstField}
              onDirty={() => (editing.current = true)}
              onDone={inspected}
              onEscape={backToScan}
            />
          )}
          <ScanContextView answer={answer} />
        </div>
      )}
      <section aria-labelledby="hub-expected-title" class="hub-list">
        <h2 id="hub-expected-title">{t('expected')}</h2>
        <Async state={expected}>
          {(page) => (
            <>
              <FirstPageOnly shown={page.items.length} more={page.next_cursor !== null} />
              <Table caption={t('expectedCaption', { hub: hubLabel })} columns={expectedColumns} rows={page.items.filter(mine).sort(byArrival)} rowKey={(w) => w.workflow_id} empty={t('noExpected')} />
            </>
          )}
        </Async>
      </section>
      {hub && (
        <section aria-labelledby="hub-waiting-title" class="hub-list">
          <h2 id="hub-waiting-title">{t('waiting')}</h2>
          <Async state={waiting}>
            {(page) => (
              <>
                <FirstPageOnly shown={page.items.length} more={page.next_cursor !== null} />
                <Table caption={t('waitingCaption', { hub: hubLabel })} columns={waitingColumns} rows={page.items.filter(awaitsInspection)} rowKey={(w) => w.workflow_id} empty={t('noWaiting')} />
              </>
            )}
          </Async>
        </section>
      )}
    </Page>
  );
}

function HubSetup({ initial, cancellable, onSave, onCancel }: { initial: string; cancellable: boolean; onSave: (name: string) => void; onCancel: () => void }) {
  const t = useT(m);
  const tc = useT(common);
  const [name, setName] = useState(initial);
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const save = (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setMissing(true);
      field.current?.focus();
      return;
    }
    try {
      localStorage.setItem(HUB_KEY, trimmed);
    } catch {
      // storage blocked: the name holds for this visit only
    }
    onSave(trimmed);
  };
  return (
    <form class="card hub-setup" aria-labelledby="hub-setup-title" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && cancellable && onCancel()}>
      <h2 id="hub-setup-title">{t('hubSetup')}</h2>
      <Field id="hub-name" label={t('hubName')} hint={t('hubHint')} error={missing ? t('hubMissing') : undefined}>
        <input
          id="hub-name" ref={field} type="text" autocomplete="off" required maxLength={100} aria-invalid={missing ? 'true' : undefined}
          aria-describedby={missing ? 'hub-name-hint hub-name-error' : 'hub-name-hint'} value={name} onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <div class="hub-buttons">
        <Button type="submit" kind="primary">
          {t('saveHub')}
        </Button>
        {cancellable && <Button onClick={onCancel}>{tc('cancel')}</Button>}
      </div>
    </form>
  );
}
