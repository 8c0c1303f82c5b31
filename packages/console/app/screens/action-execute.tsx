/**
 * Executing an action (domain.md §6), shown only when the service would accept it: the hub confirmed
 * the product (and a team leader approved when a review was required), or the work is on site and
 * the case is still requested (`services/service-action/src/domain/execution.ts`, `checkStatus`).
 * The form is the one of the action's type, sent to that type's route: replace-part (technician,
 * parts, labour), maintenance (technician, notes, labour), replace-full (the new unit), refund (amount).
 */
import { useState } from 'preact/hooks';
import { formatMoney, messages, useT } from '../i18n.js';
import { useSession } from '../session.js';
import { Button } from '../ui/kit.js';
import { CommandCard, useCommand, type FormProps } from './action-forms.js';
import { TextField, actionPath, actionWords, type ActionType, type ServiceAction } from './actions-common.js';

const m = messages({
  en: {
    title: 'Execute: {type}', technician: 'Technician', notes: 'Notes', labour: 'Labour cost (EGP)', labourHint: 'Leave empty for the configured default',
    parts: 'Parts used', sku: 'Part SKU', name: 'Part name', qty: 'Qty', unitCost: 'Unit cost (EGP)', addPart: 'Add a part', removePart: 'Remove part {n}',
    newSku: 'New product SKU', newName: 'New product name', unitPrice: 'Replacement unit cost (EGP)', unitHint: 'Leave empty to use the estimated cost',
    amount: 'Refund amount (EGP)', amountHint: "At most the original order's COD, unless a team leader approved more", limit: 'Approved limit: {limit}',
    submit_replace_part: 'Record the repair and ship it back', submit_maintenance: 'Record the work and ship it back', submit_replace_full: 'Ship the replacement',
    submit_refund: 'Record the refund', submit_on_site: 'Record the work done on site', done: 'Recorded.',
  },
  ar: {
    title: 'تنفيذ: {type}', technician: 'الفني', notes: 'ملاحظات', labour: 'تكلفة العمالة (ج.م)', labourHint: 'اتركه فارغًا لاستخدام القيمة الافتراضية',
    parts: 'القطع المستخدمة', sku: 'رمز القطعة', name: 'اسم القطعة', qty: 'الكمية', unitCost: 'سعر الوحدة (ج.م)', addPart: 'إضافة قطعة', removePart: 'حذف القطعة {n}',
    newSku: 'رمز المنتج الجديد', newName: 'اسم المنتج الجديد', unitPrice: 'تكلفة الوحدة البديلة (ج.م)', unitHint: 'اتركه فارغًا لاستخدام التكلفة التقديرية',
    amount: 'مبلغ الاسترداد (ج.م)', amountHint: 'بحد أقصى قيمة الدفع عند الاستلام للطلب الأصلي ما لم يوافق قائد الفريق على أكثر', limit: 'الحد المعتمد: {limit}',
    submit_replace_part: 'تسجيل الإصلاح وشحنه للعميل', submit_maintenance: 'تسجيل العمل وشحنه للعميل', submit_replace_full: 'شحن البديل',
    submit_refund: 'تسجيل الاسترداد', submit_on_site: 'تسجيل العمل المنجز لدى العميل', done: 'تم التسجيل.',
  },
});

/** The route of each type's execution (the API's `/service-actions/:id/<route>`). */
const ROUTE: Record<ActionType, 'replace-part' | 'maintenance' | 'replace-full' | 'refund'> = {
  replace_part: 'replace-part', maintenance: 'maintenance', service: 'maintenance', replace_full: 'replace-full', return_refund: 'refund',
};

/** Whether the service would start the execution now (its status guard, before the type's fields). */
export function isExecutable(a: ServiceAction): boolean {
  if (a.action_status === 'hub_confirmed') return !a.review_required || a.review_decision === 'approved';
  return a.on_site && a.action_status === 'requested';
}

interface PartRow {
  sku: string;
  name: string;
  qty: string;
  unit_cost: string;
}
const EMPTY_PART: PartRow = { sku: '', name: '', qty: '1', unit_cost: '' };
const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
const text = (v: string) => v.trim() || undefined;

export function ExecuteForm({ action: a, changed }: FormProps) {
  const t = useT(m);
  const w = useT(actionWords);
  const { me } = useSession();
  const command = useCommand(changed);
  const [technician, setTechnician] = useState(a.assigned_technician ?? (me.role === 'technician' ? me.name : ''));
  const [notes, setNotes] = useState('');
  const [labour, setLabour] = useState('');
  const [parts, setParts] = useState<PartRow[]>([EMPTY_PART]);
  const [newSku, setNewSku] = useState('');
  const [newName, setNewName] = useState('');
  const [amount, setAmount] = useState('');
  const route = ROUTE[a.action_type];
  const { err } = command;

  const body = () => {
    const base = { notes: text(notes) };
    if (route === 'replace-part') {
      const used = parts.filter((p) => p.sku.trim() || p.name.trim() || p.unit_cost.trim());
      return { ...base, technician: text(technician), labour_cost: num(labour), parts: used.map((p) => ({ sku: p.sku.trim(), name: p.name.trim(), qty: Number(p.qty), unit_cost: Number(p.unit_cost) })) };
    }
    if (route === 'maintenance') return { ...base, technician: text(technician), labour_cost: num(labour) };
    if (route === 'replace-full') return { ...base, new_product_sku: text(newSku), new_product_name: text(newName), amount: num(amount) };
    return { ...base, amount: num(amount) };
  };
  const submitKey = a.on_site && route !== 'replace-full' && route !== 'refund' ? 'submit_on_site' : (`submit_${route.replace('-', '_')}` as 'submit_replace_part');
  const setPart = (i: number, field: keyof PartRow) => (value: string) => setParts((ps) => ps.map((p, j) => (j === i ? { ...p, [field]: value } : p)));

  return (
    <CommandCard id="execute-form" title={t('title', { type: w(`type_${a.action_type}`) })} action={a} command={command} submit={t(submitKey)} doneText={t('done')}
      onSubmit={() => void command.run('POST', `${actionPath(a.action_id)}/${route}`, body())}>
      {(route === 'replace-part' || route === 'maintenance') && (
        <>
          <TextField id="exec-technician" label={t('technician')} value={technician} onValue={setTechnician} error={err('technician')} required />
          <TextField id="exec-labour" label={t('labour')} hint={t('labourHint')} type="number" step="0.01" value={labour} onValue={setLabour} error={err('labour_cost')} />
        </>
      )}
      {route === 'replace-part' && (
        <fieldset class={err('parts') ? 'sa-choices field-error' : 'sa-choices'}>
          <legend>{t('parts')}</legend>
          {parts.map((p, i) => (
            <div class="sa-parts-row" key={i}>
              <TextField id={`part-${i}-sku`} label={t('sku')} dir="ltr" value={p.sku} onValue={setPart(i, 'sku')} error={err(`parts.${i}.sku`)} />
              <TextField id={`part-${i}-name`} label={t('name')} value={p.name} onValue={setPart(i, 'name')} error={err(`parts.${i}.name`)} />
              <TextField id={`part-${i}-qty`} label={t('qty')} type="number" value={p.qty} onValue={setPart(i, 'qty')} error={err(`parts.${i}.qty`)} />
              <TextField id={`part-${i}-cost`} label={t('unitCost')} type="number" step="0.01" value={p.unit_cost} onValue={setPart(i, 'unit_cost')} error={err(`parts.${i}.unit_cost`)} />
              {parts.length > 1 && <Button onClick={() => setParts((ps) => ps.filter((_, j) => j !== i))}>{t('removePart', { n: i + 1 })}</Button>}
            </div>
          ))}
          {err('parts') && <small class="field-problem">{err('parts')}</small>}
          <Button onClick={() => setParts((ps) => [...ps, EMPTY_PART])}>{t('addPart')}</Button>
        </fieldset>
      )}
      {route === 'replace-full' && (
        <>
          <div class="form-row">
            <TextField id="exec-new-sku" label={t('newSku')} dir="ltr" value={newSku} onValue={setNewSku} error={err('new_product_sku')} required />
            <TextField id="exec-new-name" label={t('newName')} value={newName} onValue={setNewName} error={err('new_product_name')} />
          </div>
          <TextField id="exec-unit" label={t('unitPrice')} hint={t('unitHint')} type="number" step="0.01" value={amount} onValue={setAmount} error={err('amount')} />
        </>
      )}
      {route === 'refund' && (
        <TextField id="exec-amount" label={t('amount')} type="number" step="0.01" value={amount} onValue={setAmount} error={err('amount')} required
          hint={a.approved_refund_limit === null ? t('amountHint') : `${t('amountHint')}. ${t('limit', { limit: formatMoney(a.approved_refund_limit) })}`} />
      )}
      <TextField id="exec-notes" label={t('notes')} multiline value={notes} onValue={setNotes} error={err('notes')} />
    </CommandCard>
  );
}
