/**
 * The order page's family: the tree from the root main down every level (each node opens its order),
 * and for agents and team leaders the manual link (choose this order's main, or add a sub to it)
 * and unlink, with the hierarchy's refusal shown in its own words (e.g. 422 across customers).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, command, type Loaded } from '../api.js';
import { flatten, orderHref, RELATIONSHIP_TYPES, type FamilyNode, type FamilyTree, type HierarchyLink } from '../domain/orders.js';
import { formatDate, formatMoney, formatPercent, messages, useT } from '../i18n.js';
import { Link } from '../router.js';
import { can, useSession } from '../session.js';
import { SelectField, useSubmit } from '../ui/forms.js';
import { Async, Button, Empty, Field, fieldError, ProblemBox } from '../ui/kit.js';
import { linkedByName, relationshipName, serviceTypeName, stateName } from '../ui/words.js';

const m = messages({
  en: {
    title: 'Family', tree: 'Family tree', alone: 'This order has no family yet: no main above it and no sub orders below it.',
    notYet: 'The hierarchy does not know this order yet (it comes after classification).', thisOrder: '(this order)',
    linkInfo: '{type} · {by} · confidence {confidence}', locked: 'locked', reasonWas: 'Reason: {reason}',
    linkTitle: 'Link by hand', direction: 'This order is', asSub: 'the sub: choose its main', asMain: 'the main: add a sub',
    mainTn: 'Main order (tracking number or id)', subTn: 'Sub order (tracking number or id)', relType: 'Relationship', relAuto: "From the sub's service type",
    reason: 'Reason', link: 'Link orders', linked: 'Linked: {sub} is now under {main}.',
    unlinkTitle: 'Unlink', unlinkWhich: 'Sub order to unlink', unlinkOption: '{sub} (under {main})', unlinkReason: 'Reason for unlinking', unlink: 'Unlink',
    unlinked: 'Unlinked: {sub} is no longer under {main}.',
  },
  ar: {
    title: 'العائلة', tree: 'شجرة العائلة', alone: 'لا عائلة لهذا الطلب بعد: لا طلب رئيسي فوقه ولا طلبات فرعية تحته.',
    notYet: 'خدمة التسلسل لا تعرف هذا الطلب بعد (يأتي بعد التصنيف).', thisOrder: '(هذا الطلب)',
    linkInfo: '{type} · {by} · الثقة {confidence}', locked: 'مقفل', reasonWas: 'السبب: {reason}',
    linkTitle: 'ربط يدوي', direction: 'هذا الطلب هو', asSub: 'الفرعي: اختر طلبه الرئيسي', asMain: 'الرئيسي: أضف طلبًا فرعيًا',
    mainTn: 'الطلب الرئيسي (رقم التتبع أو المعرّف)', subTn: 'الطلب الفرعي (رقم التتبع أو المعرّف)', relType: 'نوع العلاقة', relAuto: 'حسب نوع خدمة الطلب الفرعي',
    reason: 'السبب', link: 'ربط الطلبين', linked: 'تم الربط: {sub} أصبح تابعًا لـ {main}.',
    unlinkTitle: 'فك الربط', unlinkWhich: 'الطلب الفرعي المراد فك ربطه', unlinkOption: '{sub} (تابع لـ {main})', unlinkReason: 'سبب فك الربط', unlink: 'فك الربط',
    unlinked: 'تم فك الربط: {sub} لم يعد تابعًا لـ {main}.',
  },
});

/** The node of the order the page shows (the tree names it by the reference asked for). */
function currentNode(tree: FamilyTree, orderId: string | undefined): FamilyNode | undefined {
  return flatten(tree.root).find((n) => n.order_id === tree.order_id || n.order_id === orderId || n.order?.tracking_number === tree.order_id);
}

export function FamilySection({ state, orderRef, orderId, onChanged }: { state: Loaded<FamilyTree>; orderRef: string; orderId: string | undefined; onChanged: () => void }) {
  const t = useT(m);
  const { me } = useSession();
  const [done, setDone] = useState<string | undefined>(undefined);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const finished = (message: string) => {
    setDone(message);
    onChanged();
  };
  const notKnown = state.error instanceof ApiError && state.error.status === 404;
  return (
    <section class="card" aria-labelledby="order-family">
      <h2 id="order-family">{t('title')}</h2>
      {done && (
        <p class="done" role="status" tabIndex={-1} ref={doneRef}>
          {done}
        </p>
      )}
      {notKnown ? (
        <Empty>{t('notYet')}</Empty>
      ) : (
        <Async state={state}>
          {(tree) => {
            const here = currentNode(tree, orderId);
            return (
              <>
                {tree.size <= 1 ? <Empty>{t('alone')}</Empty> : <FamilyTreeView tree={tree} here={here} />}
                {can(me.role, ['agent', 'team_leader']) && (
                  <div class="family-forms">
                    <LinkForm orderRef={here?.order_id ?? orderRef} isMain={here?.order?.service_type === 'main'} onDone={finished} />
                    <UnlinkForm tree={tree} here={here} onDone={finished} />
                  </div>
                )}
              </>
            );
          }}
        </Async>
      )}
    </section>
  );
}

function FamilyTreeView({ tree, here }: { tree: FamilyTree; here: FamilyNode | undefined }) {
  const t = useT(m);
  return (
    <ul class="tree" aria-label={t('tree')}>
      <TreeNode node={tree.root} here={here} />
    </ul>
  );
}

function TreeNode({ node, here }: { node: FamilyNode; here: FamilyNode | undefined }) {
  const t = useT(m);
  const o = node.order;
  const isHere = node === here;
  return (
    <li>
      <div class="node">
        <Link href={orderHref(node.order_id)} class="tracking" aria-current={isHere ? 'page' : undefined}>
          {o?.tracking_number ?? node.order_id}
        </Link>
        {isHere && <span class="here">{t('thisOrder')}</span>}
        {o && (
          <span class="cell-sub">
            {serviceTypeName(o.service_type)} · {formatMoney(o.cod)} · {stateName(o.state_code)} · {formatDate(o.created_at, false)}
            {o.product_name ? ` · ${o.product_name}` : ''}
          </span>
        )}
      </div>
      {node.link && (
        <div class="cell-sub">
          {t('linkInfo', { type: relationshipName(node.link.relationship_type), by: linkedByName(node.link.linked_by), confidence: formatPercent(node.link.confidence) })}
          {node.link.locked ? ` · ${t('locked')}` : ''}
          {node.link.relationship_reason ? ` · ${t('reasonWas', { reason: node.link.relationship_reason })}` : ''}
        </div>
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <TreeNode key={c.order_id} node={c} here={here} />
          ))}
        </ul>
      )}
    </li>
  );
}

function LinkForm({ orderRef, isMain, onDone }: { orderRef: string; isMain: boolean; onDone: (message: string) => void }) {
  const t = useT(m);
  const [direction, setDirection] = useState<'sub' | 'main'>(isMain ? 'main' : 'sub');
  const [other, setOther] = useState('');
  const [type, setType] = useState('');
  const [reason, setReason] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    const [main, sub] = direction === 'sub' ? [other.trim(), orderRef] : [orderRef, other.trim()];
    const link = await command<HierarchyLink>('POST', '/api/v1/orders/hierarchy/link', {
      main_order_id: main, sub_order_id: sub, relationship_reason: reason, relationship_type: type || undefined,
    });
    setOther('');
    setReason('');
    onDone(t('linked', { sub: link.sub_tracking_number, main: link.main_tracking_number }));
  });
  const otherPath = direction === 'sub' ? 'main_order_id' : 'sub_order_id';
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="link-title">
      <h3 id="link-title">{t('linkTitle')}</h3>
      <ProblemBox error={error} />
      <SelectField id="link-direction" label={t('direction')} value={direction} onChange={(v) => setDirection(v === 'main' ? 'main' : 'sub')}
        options={[['sub', t('asSub')], ['main', t('asMain')]]} />
      <Field id="link-other" label={direction === 'sub' ? t('mainTn') : t('subTn')} error={fieldError(error, otherPath)}>
        <input id="link-other" required maxLength={64} autocomplete="off" dir="ltr" value={other} onInput={(e) => setOther(e.currentTarget.value)} />
      </Field>
      <SelectField id="link-type" label={t('relType')} value={type} onChange={setType} none={t('relAuto')} error={fieldError(error, 'relationship_type')}
        options={RELATIONSHIP_TYPES.map((r) => [r, relationshipName(r)] as const)} />
      <Field id="link-reason" label={t('reason')} error={fieldError(error, 'relationship_reason')}>
        <input id="link-reason" required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <Button type="submit" kind="primary" busy={busy}>
        {t('link')}
      </Button>
    </form>
  );
}

function UnlinkForm({ tree, here, onDone }: { tree: FamilyTree; here: FamilyNode | undefined; onDone: (message: string) => void }) {
  const t = useT(m);
  const linked = flatten(tree.root).filter((n) => n.link);
  const preferred = here?.link ? here.order_id : (linked[0]?.order_id ?? '');
  const [chosen, setChosen] = useState(preferred);
  const [reason, setReason] = useState('');
  const target = linked.find((n) => n.order_id === chosen) ?? linked.find((n) => n.order_id === preferred);
  const { submit, busy, error } = useSubmit(async () => {
    if (!target?.link) return;
    const { link } = target;
    await command('PUT', `/api/v1/orders/hierarchy/${encodeURIComponent(target.order_id)}/unlink`, { reason });
    setReason('');
    onDone(t('unlinked', { sub: link.sub_tracking_number, main: link.main_tracking_number }));
  });
  if (!target?.link) return null;
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="unlink-title">
      <h3 id="unlink-title">{t('unlinkTitle')}</h3>
      <ProblemBox error={error} />
      <Field id="unlink-sub" label={t('unlinkWhich')}>
        <select id="unlink-sub" value={target.order_id} onChange={(e) => setChosen(e.currentTarget.value)}>
          {linked.map((n) => (
            <option key={n.order_id} value={n.order_id}>
              {t('unlinkOption', { sub: n.link?.sub_tracking_number ?? n.order_id, main: n.link?.main_tracking_number ?? '' })}
            </option>
          ))}
        </select>
      </Field>
      <Field id="unlink-reason" label={t('unlinkReason')} error={fieldError(error, 'reason')}>
        <input id="unlink-reason" required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <Button type="submit" kind="danger" busy={busy}>
        {t('unlink')}
      </Button>
    </form>
  );
}
