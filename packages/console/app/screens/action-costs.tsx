/**
 * The money and the deliveries of an action: its cost ledger (estimated and actual cost, parts,
 * labour, courier fees of both legs, the customer's contribution), the refund, the parts used, and
 * its return and outbound legs from `GET /api/v1/returns?action_id=`.
 */
import type { ReturnLeg } from '@hvar/contracts';
import type { Loaded, PageOf } from '../api.js';
import type { ServiceAction } from '../domain/service-actions.js';
import { formatMoney, formatNumber, messages, useT } from '../i18n.js';
import { common } from '../ui/common-messages.js';
import { ApiText, Async, Badge, FactList, Table } from '../ui/kit.js';
import { legStatusName } from '../ui/words.js';

const m = messages({
  en: {
    costs: 'Costs', estimated: 'Estimated cost', actual: 'Actual cost', parts: 'Parts', labour: 'Labour', returnFee: 'Return courier fee',
    outboundFee: 'Outbound courier fee', contribution: 'Customer contribution', refund: 'Refund', refundAmount: 'Refund amount', refundProcessed: 'Refund processed',
    refundLimit: 'Approved refund limit', partsUsed: 'Parts used', sku: 'SKU', name: 'Name', qty: 'Qty', unitCost: 'Unit cost', legs: 'Return and outbound legs',
    legsCaption: 'The deliveries of this case at Bosta', leg: 'Leg', attempt: 'Attempt', tracking: 'Tracking number', legStatus: 'Status', bostaState: 'Bosta state',
    fee: 'Courier fee', legError: 'Last error', leg_pickup: 'Return pickup', leg_outbound: 'Outbound', noLegs: 'No delivery has been requested at Bosta yet.',
  },
  ar: {
    costs: 'التكاليف', estimated: 'التكلفة التقديرية', actual: 'التكلفة الفعلية', parts: 'قطع الغيار', labour: 'العمالة', returnFee: 'رسوم شحن المرتجع',
    outboundFee: 'رسوم الشحن الصادر', contribution: 'مساهمة العميل', refund: 'الاسترداد', refundAmount: 'مبلغ الاسترداد', refundProcessed: 'تم تنفيذ الاسترداد',
    refundLimit: 'حد الاسترداد المعتمد', partsUsed: 'القطع المستخدمة', sku: 'الرمز', name: 'الاسم', qty: 'الكمية', unitCost: 'سعر الوحدة', legs: 'شحنات الإرجاع والصادر',
    legsCaption: 'شحنات هذه الحالة لدى بوسطة', leg: 'الشحنة', attempt: 'المحاولة', tracking: 'رقم التتبع', legStatus: 'الوضع', bostaState: 'حالة بوسطة',
    fee: 'رسوم الشحن', legError: 'آخر خطأ', leg_pickup: 'استلام مرتجع', leg_outbound: 'صادر', noLegs: 'لم يُطلب أي شحن لدى بوسطة بعد.',
  },
});

export function Costs({ action: a }: { action: ServiceAction }) {
  const t = useT(m);
  const tc = useT(common);
  const c = a.costs;
  return (
    <section class="card" aria-labelledby="costs-title">
      <h2 id="costs-title">{t('costs')}</h2>
      <FactList
        rows={[
          [t('estimated'), formatMoney(c.estimated_cost)],
          [t('actual'), formatMoney(c.actual_cost)],
          [t('parts'), formatMoney(c.parts_cost)],
          [t('labour'), formatMoney(c.labour_cost)],
          [t('returnFee'), formatMoney(c.return_courier_fee)],
          [t('outboundFee'), formatMoney(c.outbound_courier_fee)],
          [t('contribution'), formatMoney(c.customer_contribution)],
        ]}
      />
      <h3>{t('refund')}</h3>
      <FactList
        rows={[
          [t('refundAmount'), formatMoney(c.refund_amount)],
          [t('refundProcessed'), c.refund_processed ? <Badge tone="good">{tc('yes')}</Badge> : tc('no')],
          [t('refundLimit'), formatMoney(a.approved_refund_limit)],
        ]}
      />
      {a.parts_used.length > 0 && (
        <>
          <h3>{t('partsUsed')}</h3>
          <Table
            caption={t('partsUsed')}
            rows={a.parts_used}
            rowKey={(p) => p.sku}
            columns={[
              { key: 'sku', label: t('sku'), render: (p) => p.sku },
              { key: 'name', label: t('name'), render: (p) => p.name },
              { key: 'qty', label: t('qty'), render: (p) => formatNumber(p.qty), numeric: true },
              { key: 'cost', label: t('unitCost'), render: (p) => formatMoney(p.unit_cost), numeric: true },
            ]}
          />
        </>
      )}
    </section>
  );
}

export function Legs({ legs }: { legs: Loaded<PageOf<ReturnLeg>> }) {
  const t = useT(m);
  return (
    <section class="card" aria-labelledby="legs-title">
      <h2 id="legs-title">{t('legs')}</h2>
      <Async state={legs}>
        {(page) => (
          <Table
            caption={t('legsCaption')}
            rows={page.items}
            rowKey={(l) => l.return_id}
            empty={t('noLegs')}
            columns={[
              { key: 'leg', label: t('leg'), render: (l) => t(`leg_${l.leg}`) },
              { key: 'attempt', label: t('attempt'), render: (l) => formatNumber(l.attempt), numeric: true },
              { key: 'tracking', label: t('tracking'), render: (l) => (l.tracking_number ? <bdi dir="ltr">{l.tracking_number}</bdi> : '—') },
              { key: 'status', label: t('legStatus'), render: (l) => <Badge tone={l.status === 'failed' || l.status === 'rejected' ? 'bad' : 'info'}>{legStatusName(l.status)}</Badge> },
              { key: 'state', label: t('bostaState'), render: (l) => (l.bosta_state_code === null ? '—' : formatNumber(l.bosta_state_code)), numeric: true },
              { key: 'fee', label: t('fee'), render: (l) => formatMoney(l.courier_fee), numeric: true },
              { key: 'error', label: t('legError'), render: (l) => (l.last_error ? <ApiText>{l.last_error.message}</ApiText> : '—') },
            ]}
          />
        )}
      </Async>
    </section>
  );
}
