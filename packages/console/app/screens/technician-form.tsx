/**
 * The execution form of one case, by its type (bodies of `ExecuteBody` in
 * `services/gateway/src/routes/service-actions/router.ts`): maintenance or service (technician,
 * notes, labour), a part (technician, parts, labour), a new unit (SKU, name, unit cost) or a refund
 * (amount). The service names what is missing; its field problems show under the fields.
 */
import { useState } from 'preact/hooks';
import { formatMoney, messages, useT } from '../i18n.js';
import { useSession } from '../session.js';
import { Button, Field, fieldError, ProblemBox } from '../ui/kit.js';
import { command, numberOrUndefined, submitOnEnter, useLabels, type Action, type ActionType } from './hub-common.js';

const ROUTE: Record<ActionType, string> = {
  maintenance: 'maintenance', service: 'maintenance', replace_part: 'replace-part', replace_full: 'replace-full', return_refund: 'refund',
};

const m = messages({
  en: {
    title: 'Execute', technician: 'Technician', notes: 'Work notes', notesHint: 'Ctrl+Enter records the work', labour: 'Labour cost (EGP)', labourHint: 'Empty: the standard labour cost',
    parts: 'Parts used', sku: 'SKU', name: 'Part name', qty: 'Quantity', unitCost: 'Unit cost (EGP)', addPart: 'Add a part', removePart: 'Remove part {n}', partN: 'Part {n}',
    newSku: 'Replacement SKU', newName: 'Replacement name', unitPrice: 'Replacement unit cost (EGP)', unitHint: 'Empty: the estimated cost of the case',
    amount: 'Refund amount (EGP)', amountHint: 'At most the original order value', limitHint: 'At most the original order value or the approved limit of {limit}',
    submit_maintenance: 'Record maintenance', submit_replace_part: 'Record part replacement', submit_replace_full: 'Ship the replacement', submit_refund: 'Record refund',
  },
  ar: {
    title: 'التنفيذ', technician: 'الفني', notes: 'ملاحظات العمل', notesHint: 'Ctrl+Enter يسجّل العمل', labour: 'تكلفة العمل (جنيه)', labourHint: 'فارغ: تكلفة العمل المعتادة',
    parts: 'القطع المستخدمة', sku: 'رمز القطعة', name: 'اسم القطعة', qty: 'الكمية', unitCost: 'سعر الوحدة (جنيه)', addPart: 'إضافة قطعة', removePart: 'حذف القطعة {n}', partN: 'القطعة {n}',
    newSku: 'رمز الوحدة البديلة', newName: 'اسم الوحدة البديلة', unitPrice: 'تكلفة الوحدة البديلة (جنيه)', unitHint: 'فارغ: التكلفة المقدّرة للحالة',
    amount: 'مبلغ الاسترداد (جنيه)', amountHint: 'بحد أقصى قيمة الطلب الأصلي', limitHint: 'بحد أقصى قيمة الطلب الأصلي أو الحد المعتمد {limit}',
    submit_maintenance: 'تسجيل الصيانة', submit_replace_part: 'تسجيل استبدال القطعة', submit_replace_full: 'شحن الوحدة البديلة', submit_refund: 'تسجيل الاسترداد',
  },
});

interface PartRow {
  sku: string;
  name: string;
  qty: string;
  unit_cost: string;
}
const emptyPart = (): PartRow => ({ sku: '', name: '', qty: '1', unit_cost: '' });

export function ExecutionForm({ action: a, onExecuted }: { action: Action; onExecuted: (a: Action) => void }) {
  const t = useT(m);
  const l = useLabels();
  const { me } = useSession();
  const route = ROUTE[a.action_type];
  const [technician, setTechnician] = useState(me.name);
  const [notes, setNotes] = useState('');
  const [labour, setLabour] = useState('');
  const [parts, setParts] = useState<PartRow[]>([emptyPart()]);
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const id = (field: string) => `exec-${a.action_id}-${field}`;
  const err = (path: string) => fieldError(error, path);

  const body = (): Record<string, unknown> => {
    const text = (v: string) => v.trim() || undefined;
    if (route === 'refund') return { amount: numberOrUndefined(amount), notes: text(notes) };
    if (route === 'replace-full') return { new_product_sku: text(sku), new_product_name: text(name), amount: numberOrUndefined(amount), technician: text(technician), notes: text(notes) };
    const common = { technician: text(technician), notes: text(notes), labour_cost: numberOrUndefined(labour) };
    if (route === 'maintenance') return common;
    const used = parts
      .filter((p) => p.sku.trim() || p.name.trim())
      .map((p) => ({ sku: p.sku.trim(), name: p.name.trim(), qty: numberOrUndefined(p.qty), unit_cost: numberOrUndefined(p.unit_cost) }));
    return { ...common, parts: used };
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      onExecuted(await command<Action>(`/api/v1/service-actions/${a.action_id}/${route}`, body(), l.t('stillRunning')));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const setPart = (i: number, field: keyof PartRow, value: string) => setParts((rows) => rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const submitKey = route === 'replace-part' ? 'submit_replace_part' : route === 'replace-full' ? 'submit_replace_full' : route === 'refund' ? 'submit_refund' : 'submit_maintenance';

  return (
    <form class="queue-form" onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate aria-label={`${t('title')} ${a.case_number}`}>
      <ProblemBox error={error} />
      <div class="form-row">
        {route !== 'refund' && (
          <Field id={id('technician')} label={t('technician')} error={err('technician')}>
            <input id={id('technician')} type="text" autocomplete="name" required={route !== 'replace-full'} value={technician} onInput={(e) => setTechnician(e.currentTarget.value)} />
          </Field>
        )}
        {(route === 'maintenance' || route === 'replace-part') && (
          <Field id={id('labour')} label={t('labour')} hint={t('labourHint')} error={err('labour_cost')}>
            <input id={id('labour')} type="number" inputMode="decimal" min={0} step="0.01" aria-describedby={`${id('labour')}-hint`} value={labour} onInput={(e) => setLabour(e.currentTarget.value)} />
          </Field>
        )}
        {route === 'replace-full' && (
          <>
            <Field id={id('sku')} label={t('newSku')} error={err('new_product_sku')}>
              <input id={id('sku')} type="text" required value={sku} onInput={(e) => setSku(e.currentTarget.value)} />
            </Field>
            <Field id={id('name')} label={t('newName')} error={err('new_product_name')}>
              <input id={id('name')} type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </Field>
          </>
        )}
        {(route === 'replace-full' || route === 'refund') && (
          <Field
            id={id('amount')} label={route === 'refund' ? t('amount') : t('unitPrice')} error={err('amount')}
            hint={route === 'replace-full' ? t('unitHint') : a.approved_refund_limit !== null ? t('limitHint', { limit: formatMoney(a.approved_refund_limit) }) : t('amountHint')}
          >
            <input id={id('amount')} type="number" inputMode="decimal" min={0} step="0.01" required={route === 'refund'} aria-describedby={`${id('amount')}-hint`} value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
          </Field>
        )}
      </div>
      {route === 'replace-part' && (
        <fieldset class="parts">
          <legend>{t('parts')}</legend>
          {err('parts') && <p class="field-problem">{err('parts')}</p>}
          {parts.map((p, i) => (
            <div class="form-row part-row" key={i} role="group" aria-label={t('partN', { n: i + 1 })}>
              <Field id={id(`part-${i}-sku`)} label={t('sku')}>
                <input id={id(`part-${i}-sku`)} type="text" value={p.sku} onInput={(e) => setPart(i, 'sku', e.currentTarget.value)} />
              </Field>
              <Field id={id(`part-${i}-name`)} label={t('name')}>
                <input id={id(`part-${i}-name`)} type="text" value={p.name} onInput={(e) => setPart(i, 'name', e.currentTarget.value)} />
              </Field>
              <Field id={id(`part-${i}-qty`)} label={t('qty')}>
                <input id={id(`part-${i}-qty`)} type="number" inputMode="numeric" min={1} step={1} value={p.qty} onInput={(e) => setPart(i, 'qty', e.currentTarget.value)} />
              </Field>
              <Field id={id(`part-${i}-cost`)} label={t('unitCost')}>
                <input id={id(`part-${i}-cost`)} type="number" inputMode="decimal" min={0} step="0.01" value={p.unit_cost} onInput={(e) => setPart(i, 'unit_cost', e.currentTarget.value)} />
              </Field>
              {parts.length > 1 && (
                <Button onClick={() => setParts((rows) => rows.filter((_, j) => j !== i))}>
                  {t('removePart', { n: i + 1 })}
                </Button>
              )}
            </div>
          ))}
          <Button onClick={() => setParts((rows) => [...rows, emptyPart()])}>{t('addPart')}</Button>
        </fieldset>
      )}
      <Field id={id('notes')} label={t('notes')} hint={t('notesHint')} error={err('notes')}>
        <textarea id={id('notes')} rows={2} aria-describedby={`${id('notes')}-hint`} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </Field>
      <Button type="submit" kind="primary" busy={busy}>
        {t(submitKey)}
      </Button>
    </form>
  );
}
