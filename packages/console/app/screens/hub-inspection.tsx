/**
 * The inspection form of the hub station (`POST /api/v1/service-actions/hub-inspection`, every field
 * of the contract's `InspectionFieldsSchema`). Built for the keyboard: the station focuses the first
 * field after a scan, Tab walks the fields in the order they are filled, Enter (Ctrl+Enter in the
 * notes) submits, Escape goes back to the scan field.
 */
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { command } from '../api.js';
import { PRIORITIES, type Priority } from '../domain/customers.js';
import { CONDITIONS, FUNCTIONALITY, RECOMMENDED, type Condition, type Functionality, type Recommended, type Workflow } from '../domain/hub.js';
import type { ActionType } from '../domain/service-actions.js';
import { messages, useT } from '../i18n.js';
import { invalidProps, numberOrUndefined, submitOnEnter, textOrNull, useSubmit } from '../ui/forms.js';
import { Button, Field, fieldError, ProblemBox } from '../ui/kit.js';
import { conditionName, functionalityName, priorityName, recommendedName } from '../ui/words.js';
import { inspectionWords } from './hub-common.js';

const m = messages({
  en: {
    title: 'Inspection', choose: 'Choose…', scoreHint: '1 (unusable) to 10 (as new)', notesHint: 'Ctrl+Enter records the inspection',
    missingHint: 'One per line', costHint: 'EGP', submit: 'Record inspection', keys: 'Enter records the inspection; Esc goes back to the scan field.',
  },
  ar: {
    title: 'الفحص', choose: 'اختر…', scoreHint: 'من 1 (غير صالح) إلى 10 (كالجديد)', notesHint: 'Ctrl+Enter يسجّل الفحص',
    missingHint: 'قطعة في كل سطر', costHint: 'بالجنيه المصري', submit: 'تسجيل الفحص', keys: 'Enter يسجّل الفحص؛ Esc يعيدك إلى حقل المسح.',
  },
});

/** What the customer asked for, as the recommendation the inspection starts from. */
const ASKED: Record<ActionType, Recommended> = {
  maintenance: 'maintenance', service: 'maintenance', replace_part: 'replace_part', replace_full: 'replace_full', return_refund: 'refund',
};

interface Props {
  workflow: Workflow;
  hubAgent: string;
  firstField: RefObject<HTMLSelectElement>;
  /** The agent changed a field (the station then keeps focus in the form). */
  onDirty: () => void;
  onDone: (result: Workflow) => void;
  onEscape: () => void;
}

export function InspectionForm({ workflow, hubAgent, firstField, onDirty, onDone, onEscape }: Props) {
  const t = useT(m);
  const l = useT(inspectionWords);
  const [condition, setCondition] = useState<Condition | ''>('');
  const [functionality, setFunctionality] = useState<Functionality | ''>('');
  const [score, setScore] = useState('');
  const [recommended, setRecommended] = useState<Recommended>(ASKED[workflow.action_type]);
  const [notes, setNotes] = useState('');
  const [damage, setDamage] = useState('');
  const [missing, setMissing] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [cost, setCost] = useState('');
  const [days, setDays] = useState('');

  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    onDirty();
  };

  const { submit, busy, error } = useSubmit(async () => {
    const result = await command<Workflow>('POST', '/api/v1/service-actions/hub-inspection', {
      return_tracking_number: workflow.return_tracking_number,
      hub_agent: hubAgent,
      product_condition: condition || undefined,
      functionality_test: functionality || null,
      quality_score: numberOrUndefined(score),
      inspection_notes: textOrNull(notes),
      recommended_action: recommended,
      recommended_priority: priority,
      visible_damage: textOrNull(damage),
      missing_parts: missing.split('\n').map((p) => p.trim()).filter(Boolean),
      estimated_repair_cost: numberOrUndefined(cost) ?? null,
      estimated_repair_days: numberOrUndefined(days) ?? null,
    });
    onDone(result);
  });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onEscape();
      return;
    }
    submitOnEnter(e);
  };

  const id = (name: string) => `insp-${name}`;
  /** The API's problem with a field, announced with the control. */
  const aria = (name: string, path: string, hint?: boolean) => invalidProps(id(name), fieldError(error, path), { hint, also: name === 'condition' ? 'insp-keys' : undefined });
  return (
    <form class="card hub-inspection" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} aria-labelledby="insp-title" noValidate>
      <h2 id="insp-title">{t('title')}</h2>
      <p class="hub-muted" id="insp-keys">{t('keys')}</p>
      <ProblemBox error={error} />
      <div class="form-row">
        <Field id={id('condition')} label={l('condition')} error={fieldError(error, 'product_condition')}>
          <select id={id('condition')} ref={firstField} required {...aria('condition', 'product_condition')} value={condition} onChange={(e) => change(setCondition)(e.currentTarget.value as Condition)}>
            <option value="">{t('choose')}</option>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {conditionName(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('functionality')} label={l('functionality')} error={fieldError(error, 'functionality_test')}>
          <select id={id('functionality')} {...aria('functionality', 'functionality_test')} value={functionality} onChange={(e) => change(setFunctionality)(e.currentTarget.value as Functionality)}>
            <option value="">{l('notTested')}</option>
            {FUNCTIONALITY.map((f) => (
              <option key={f} value={f}>
                {functionalityName(f)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('score')} label={l('score')} hint={t('scoreHint')} error={fieldError(error, 'quality_score')}>
          <input id={id('score')} type="number" inputMode="numeric" min={1} max={10} step={1} required {...aria('score', 'quality_score', true)} value={score} onInput={(e) => change(setScore)(e.currentTarget.value)} />
        </Field>
        <Field id={id('recommended')} label={l('recommended')} error={fieldError(error, 'recommended_action')}>
          <select id={id('recommended')} required {...aria('recommended', 'recommended_action')} value={recommended} onChange={(e) => change(setRecommended)(e.currentTarget.value as Recommended)}>
            {RECOMMENDED.map((r) => (
              <option key={r} value={r}>
                {recommendedName(r)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={id('notes')} label={l('notes')} hint={t('notesHint')} error={fieldError(error, 'inspection_notes')}>
        <textarea id={id('notes')} rows={3} {...aria('notes', 'inspection_notes', true)} value={notes} onInput={(e) => change(setNotes)(e.currentTarget.value)} />
      </Field>
      <div class="form-row">
        <Field id={id('damage')} label={l('damage')} error={fieldError(error, 'visible_damage')}>
          <input id={id('damage')} type="text" {...aria('damage', 'visible_damage')} value={damage} onInput={(e) => change(setDamage)(e.currentTarget.value)} />
        </Field>
        <Field id={id('missing')} label={l('missing')} hint={t('missingHint')} error={fieldError(error, 'missing_parts')}>
          <textarea id={id('missing')} rows={2} {...aria('missing', 'missing_parts', true)} value={missing} onInput={(e) => change(setMissing)(e.currentTarget.value)} />
        </Field>
      </div>
      <div class="form-row">
        <Field id={id('priority')} label={l('priority')} error={fieldError(error, 'recommended_priority')}>
          <select id={id('priority')} {...aria('priority', 'recommended_priority')} value={priority} onChange={(e) => change(setPriority)(e.currentTarget.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {priorityName(p)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('cost')} label={l('repairCost')} hint={t('costHint')} error={fieldError(error, 'estimated_repair_cost')}>
          <input id={id('cost')} type="number" inputMode="decimal" min={0} step="0.01" {...aria('cost', 'estimated_repair_cost', true)} value={cost} onInput={(e) => change(setCost)(e.currentTarget.value)} />
        </Field>
        <Field id={id('days')} label={l('repairDays')} error={fieldError(error, 'estimated_repair_days')}>
          <input id={id('days')} type="number" inputMode="numeric" min={0} max={365} step={1} {...aria('days', 'estimated_repair_days')} value={days} onInput={(e) => change(setDays)(e.currentTarget.value)} />
        </Field>
      </div>
      <Button type="submit" kind="primary" busy={busy}>
        {t('submit')}
      </Button>
    </form>
  );
}
