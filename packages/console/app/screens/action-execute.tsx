/**
 * Executing an action (domain.md §6), on the action page and in the technician queue. It is offered
 * only when the service would accept it (`isExecutable`); the form is the one of the action's type,
 * sent to that type's route: replace-part (technician, parts, labour), maintenance or service
 * (technician, notes, labour), replace-full (the new unit), refund (amount). The service names what is
 * missing; its field problems show under the fields.
 */
import { useState } from 'preact/hooks';
import { actionPath, EXECUTION_ROUTE, type ServiceAction } from '../domain/service-actions.js';
import { formatMoney, messages, useT } from '../i18n.js';
import { useSession } from '../session.js';
import { numberOrUndefined, TextField, textOrUndefined } from '../ui/forms.js';
import { Button } from '../ui/kit.js';
import { actionTypeName } from '../ui/words.js';
import { CommandCard, useCommand, type FormProps } from './action-forms.js';

const m = messages({
  en: {
    title: 'Execute: {type}', technician: 'Technician', notes: 'Work notes', notesHint: 'Ctrl+Enter records the work', labour: 'Labour cost (EGP)',
    labourHint: 'Leave empty for the configured default', parts: 'Parts used', sku: 'Part SKU', name: 'Part name', qty: 'Qty', unitCost: 'Unit cost (EGP)',
    addPart: 'Add a part', removePart: 'Remove part {n}', newSku: 'New product SKU', newName: 'New product name', unitPrice: 'Replacement unit cost (EGP)',
    unitHint: 'Leave empty to use the estimated cost', amount: 'Refund amount (EGP)', amountHint: "At most the original order's COD, unless a team leader approved more",
    limit: 'Approved limit: {limit}',
    submit_replace_part: 'Record the repair and ship it back', submit_maintenance: 'Record the work and ship it back', submit_replace_full: 'Ship the replacement',
    submit_refund: 'Record the refund', submit_on_site: 'Record the work done on site', done: 'Recorded.',
  },
  ar: {
    title: 'تنفيذ: {type}', technician: 'الفني', notes: 'ملاحظات العمل', notesHint: 'Ctrl+Enter يسجّل العمل', labour: 'تكلفة العمالة (ج.م)',
    labourHint: 'اتركه فارغًا لاستخدام القيمة الافتراضية', parts: 'القطع المستخدمة', sku: 'رمز القطعة', name: 'اسم القطعة', qty: 'الكمية', unitCost: 'سعر الوحدة (ج.م)',
    addPart: 'إضافة قطعة', removePart: 'حذف القطعة {n}', newSku: 'رمز المنتج الجديد', newName: 'اسم المنتج الجديد', unitPrice: 'تكلفة الوحدة البديلة (ج.م)',
    unitHint: 'اتركه فارغًا لاستخدام التكلفة التقديرية', amount: 'مبلغ الاسترداد (ج.م)', amountHint: 'بحد أقصى قيمة الدفع عند الاستلام للطلب الأصلي ما لم يوافق قائد الفريق على أكثر',
    limit: 'الحد المعتمد: {limit}',
    submit_replace_part: 'تسجيل الإصلاح وشحنه للعميل', submit_maintenance: 'تسجيل العمل وشحنه للعميل', submit_replace_full: 'شحن البديل',
    submit_refund: 'تسجيل الاسترداد', submit_on_site: 'تسجيل العمل المنجز لدى العميل', done: 'تم التسجيل.',
  },
});

interface PartRow {
  sku: string;
  name: string;
  qty: string;
  unit_cost: string;
}
const EMPTY_PART: PartRow = { sku: '', name: '', qty: '1', unit_cost: '' };

export interface ExecuteProps extends FormProps {
  /** Makes the ids unique when several forms share a page (the technician queue): one per case. */
  scope?: string;
  /** The execution was recorded: the action as it is now. */
  onExecuted?: (action: ServiceAction) => void;
}

export function ExecuteForm({ action: a, changed, scope, onExecuted }: ExecuteProps) {
  const t = useT(m);
  const { me } = useSession();
  const command = useCommand(changed);
  const [technician, setTechnician] = useState(a.assigned_technician ?? (me.role === 'technician' ? me.name : ''));
  const [notes, setNotes] = useState('');
  const [labour, setLabour] = useState('');
  const [parts, setParts] = useState<PartRow[]>([EMPTY_PART]);
  const [newSku, setNewSku] = useState('');
  const [newName, setNewName] = useState('');
  const [amount, setAmount] = useState('');
  const route = EXECUTION_ROUTE[a.action_type];
  const { err } = command;
  const id = (field: string) => (scope ? `exec-${scope}-${field}` : `exec-${field}`);
  const partId = (i: number, field: string) => (scope ? `part-${scope}-${i}-${field}` : `part-${i}-${field}`);

  const body = () => {
    const base = { notes: textOrUndefined(notes) };
    if (route === 'replace-part') {
      const used = parts.filter((p) => p.sku.trim() || p.name.trim() || p.unit_cost.trim());
      const list = used.map((p) => ({ sku: p.sku.trim(), name: p.name.trim(), qty: numberOrUndefined(p.qty), unit_cost: numberOrUndefined(p.unit_cost) }));
      return { ...base, technician: textOrUndefined(technician), labour_cost: numberOrUndefined(labour), parts: list };
    }
    if (route === 'maintenance') return { ...base, technician: textOrUndefined(technician), labour_cost: numberOrUndefined(labour) };
    if (route === 'replace-full') return { ...base, new_product_sku: textOrUndefined(newSku), new_product_name: textOrUndefined(newName), amount: numberOrUndefined(amount) };
    return { ...base, amount: numberOrUndefined(amount) };
  };
  const submit = async () => {
    const done = await command.run('POST', `${actionPath(a.action_id)}/${route}`, body());
    if (done) onExecuted?.(done);
  };
  const submitKey = a.on_site && route !== 'replace-full' && route !== 'refund' ? 'submit_on_site' : (`submit_${route.replace('-', '_')}` as 'submit_replace_part');
  const setPart = (i: number, field: keyof PartRow) => (value: string) => setParts((ps) => ps.map((p, j) => (j === i ? { ...p, [field]: value } : p)));

  return (
    <CommandCard id={scope ? `execute-form-${scope}` : 'execute-form'} title={t('title', { type: actionTypeName(a.action_type) })} action={a} command={command}
      submit={t(submitKey)} doneText={t('done')} onSubmit={() => void submit()}>
      {(route === 'replace-part' || route === 'maintenance') && (
        <>
          <TextField id={id('technician')} label={t('technician')} value={technician} onValue={setTechnician} error={err('technician')} required />
          <TextField id={id('labour')} label={t('labour')} hint={t('labourHint')} type="number" step="0.01" value={labour} onValue={setLabour} error={err('labour_cost')} />
        </>
      )}
      {route === 'replace-part' && (
        <fieldset class={err('parts') ? 'sa-choices field-error' : 'sa-choices'}>
          <legend>{t('parts')}</legend>
          {parts.map((p, i) => (
            <div class="sa-parts-row" key={i}>
              <TextField id={partId(i, 'sku')} label={t('sku')} dir="ltr" value={p.sku} onValue={setPart(i, 'sku')} error={err(`parts.${i}.sku`)} />
              <TextField id={partId(i, 'name')} label={t('name')} value={p.name} onValue={setPart(i, 'name')} error={err(`parts.${i}.name`)} />
              <TextField id={partId(i, 'qty')} label={t('qty')} type="number" value={p.qty} onValue={setPart(i, 'qty')} error={err(`parts.${i}.qty`)} />
              <TextField id={partId(i, 'cost')} label={t('unitCost')} type="number" step="0.01" value={p.unit_cost} onValue={setPart(i, 'unit_cost')} error={err(`parts.${i}.unit_cost`)} />
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
            <TextField id={id('new-sku')} label={t('newSku')} dir="ltr" value={newSku} onValue={setNewSku} error={err('new_product_sku')} required />
            <TextField id={id('new-name')} label={t('newName')} value={newName} onValue={setNewName} error={err('new_product_name')} />
          </div>
          <TextField id={id('unit')} label={t('unitPrice')} hint={t('unitHint')} type="number" step="0.01" value={amount} onValue={setAmount} error={err('amount')} />
        </>
      )}
      {route === 'refund' && (
        <TextField id={id('amount')} label={t('amount')} type="number" step="0.01" value={amount} onValue={setAmount} error={err('amount')} required
          hint={a.approved_refund_limit === null ? t('amountHint') : `${t('amountHint')}. ${t('limit', { limit: formatMoney(a.approved_refund_limit) })}`} />
      )}
      <TextField id={id('notes')} label={t('notes')} hint={t('notesHint')} multiline value={notes} onValue={setNotes} error={err('notes')} />
    </CommandCard>
  );
}
