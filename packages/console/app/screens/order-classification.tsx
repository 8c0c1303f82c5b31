/** The order page's classification: what the classifier decided, by which rule of which rule-set version, and its history. */
import type { OrderClassificationView } from '@hvar/contracts';
import { ApiError, type Loaded } from '../api.js';
import { formatDate, formatNumber, messages, useT } from '../i18n.js';
import { Async, Empty, Table, type Column } from '../ui/kit.js';
import { categoryName, levelName, serviceTypeName, stateName } from '../ui/words.js';

type Result = OrderClassificationView['classification'];
type HistoryEntry = OrderClassificationView['history'][number];

const m = messages({
  en: {
    title: 'Classification', category: 'Business category', serviceType: 'Service type', level: 'Order level', rule: 'Rule', version: 'Rule-set version',
    versionN: 'v{n}', at: 'Classified', revision: 'Revision', history: 'History', caption: 'Classification history, newest first',
    c_at: 'When', c_cause: 'Cause', c_state: 'State seen', c_change: 'Change', first: 'first classification',
    cause_created: 'New order', cause_state_changed: 'State changed', cause_updated: 'Order updated', cause_reclassify: 'Rules republished',
    none: 'Not classified yet: the classifier names it as soon as the order reaches it.', ruleOf: '{category} (rule {rule}, v{version})',
  },
  ar: {
    title: 'التصنيف', category: 'التصنيف التجاري', serviceType: 'نوع الخدمة', level: 'مستوى الطلب', rule: 'القاعدة', version: 'إصدار القواعد',
    versionN: 'الإصدار {n}', at: 'تاريخ التصنيف', revision: 'المراجعة', history: 'السجل', caption: 'سجل التصنيف، الأحدث أولًا',
    c_at: 'التاريخ', c_cause: 'السبب', c_state: 'الحالة وقتها', c_change: 'التغيير', first: 'أول تصنيف',
    cause_created: 'طلب جديد', cause_state_changed: 'تغيرت الحالة', cause_updated: 'تحديث الطلب', cause_reclassify: 'إعادة نشر القواعد',
    none: 'لم يُصنَّف بعد: يصنّفه المصنِّف بمجرد وصول الطلب إليه.', ruleOf: '{category} (القاعدة {rule}، الإصدار {version})',
  },
});

export function ClassificationSection({ state }: { state: Loaded<OrderClassificationView> }) {
  const t = useT(m);
  return (
    <section class="card" aria-labelledby="order-classification">
      <h2 id="order-classification">{t('title')}</h2>
      {state.error instanceof ApiError && state.error.status === 404 ? <Empty>{t('none')}</Empty> : <Async state={state}>{(c) => <Classification view={c} />}</Async>}
    </section>
  );
}

function Classification({ view }: { view: OrderClassificationView }) {
  const t = useT(m);
  const c = view.classification;
  const describe = (r: Result) => t('ruleOf', { category: categoryName(r.business_category), rule: r.rule_id, version: r.rule_set_version });
  const columns: Column<HistoryEntry>[] = [
    { key: 'at', label: t('c_at'), render: (h) => formatDate(h.at) },
    { key: 'cause', label: t('c_cause'), render: (h) => t(`cause_${h.cause}`) },
    { key: 'state', label: t('c_state'), render: (h) => stateName(h.state_code) },
    { key: 'change', label: t('c_change'), render: (h) => (h.from ? `${describe(h.from)} → ${describe(h.to)}` : `${describe(h.to)} · ${t('first')}`) },
  ];
  return (
    <>
      <dl class="facts">
        <dt>{t('category')}</dt>
        <dd>{categoryName(c.business_category)}</dd>
        <dt>{t('serviceType')}</dt>
        <dd>{serviceTypeName(c.service_type)}</dd>
        <dt>{t('level')}</dt>
        <dd>{levelName(c.order_level)}</dd>
        <dt>{t('rule')}</dt>
        <dd>
          <code class="rule-id">{c.rule_id}</code>
        </dd>
        <dt>{t('version')}</dt>
        <dd class="rule-version">{t('versionN', { n: formatNumber(c.rule_set_version) })}</dd>
        <dt>{t('at')}</dt>
        <dd>{formatDate(view.classified_at)}</dd>
        <dt>{t('revision')}</dt>
        <dd>{formatNumber(view.revision)}</dd>
      </dl>
      {view.history.length > 0 && (
        <>
          <h3 class="history-title">{t('history')}</h3>
          <Table caption={t('caption')} columns={columns} rows={view.history} rowKey={(h) => String(h.revision)} />
        </>
      )}
    </>
  );
}
