/**
 * Customer 360, interactions: the list (newest first) and, for agents and team leaders, a form to
 * record one. The API judges the input; its field problems show next to the fields.
 */
import type { InteractionList as Interactions } from '@hvar/contracts';
import { useRef, useState } from 'preact/hooks';
import { command, useApi } from '../api.js';
import { INTERACTION_TYPES, PRIORITIES, type Interaction, type Priority } from '../domain/customers.js';
import { formatDate, formatNumber, formatPercent, messages, useT } from '../i18n.js';
import { can, useSession } from '../session.js';
import { filled, invalidProps, useSubmit } from '../ui/forms.js';
import { Async, Badge, Button, Field, fieldError, ProblemBox, useId } from '../ui/kit.js';
import { priorityName } from '../ui/words.js';

const m = messages({
  en: {
    title: 'Interactions', none: 'No interactions recorded yet.', add: 'Add interaction', type: 'Channel', subject: 'Subject', priority: 'Priority',
    description: 'Description', followUp: 'Follow-up date', followUpNotes: 'Follow-up notes', save: 'Record interaction', recorded: 'Interaction recorded.',
    by: '{who}, {at}', followUpOn: 'Follow up on {date}', satisfaction: 'Satisfaction {p}', resolvedIn: 'Resolved in {h} h', assigned: 'Assigned to {who}',
    listLabel: 'Interactions, newest first', you: 'you',
    it_call: 'Call', it_whatsapp: 'WhatsApp', it_sms: 'SMS', it_email: 'Email', it_visit: 'Visit',
    is_open: 'Open', is_in_progress: 'In progress', is_resolved: 'Resolved', is_closed: 'Closed',
  },
  ar: {
    title: 'التواصلات', none: 'لم يُسجَّل أي تواصل بعد.', add: 'إضافة تواصل', type: 'القناة', subject: 'الموضوع', priority: 'الأولوية',
    description: 'الوصف', followUp: 'تاريخ المتابعة', followUpNotes: 'ملاحظات المتابعة', save: 'تسجيل التواصل', recorded: 'تم تسجيل التواصل.',
    by: '{who}، {at}', followUpOn: 'المتابعة في {date}', satisfaction: 'الرضا {p}', resolvedIn: 'تم الحل خلال {h} ساعة', assigned: 'مُسند إلى {who}',
    listLabel: 'التواصلات، الأحدث أولًا', you: 'أنت',
    it_call: 'مكالمة', it_whatsapp: 'واتساب', it_sms: 'رسالة نصية', it_email: 'بريد إلكتروني', it_visit: 'زيارة',
    is_open: 'مفتوح', is_in_progress: 'قيد المتابعة', is_resolved: 'تم الحل', is_closed: 'مغلق',
  },
});

const PRIORITY_TONE: Record<Priority, 'neutral' | 'info' | 'warn' | 'bad'> = { low: 'neutral', medium: 'info', high: 'warn', urgent: 'bad' };

export function InteractionsSection({ phone }: { phone: string }) {
  const t = useT(m);
  const { me } = useSession();
  const list = useApi<Interactions>(`/api/v1/customers/${encodeURIComponent(phone)}/interactions`);
  return (
    <section class="card" aria-labelledby="c360-interactions">
      <h2 id="c360-interactions">{t('title')}</h2>
      {can(me.role, ['agent', 'team_leader']) && <InteractionForm phone={phone} onRecorded={list.reload} />}
      <Async state={list}>{(l) => (l.items.length === 0 ? <p class="state state-empty">{t('none')}</p> : <InteractionList items={l.items} self={`${me.kind === 'api_key' ? 'key' : 'user'}-${me.id}`} />)}</Async>
    </section>
  );
}

/** `self`: how the API names the signed-in user in `created_by` (other users' names are not readable by every role). */
function InteractionList({ items, self }: { items: Interaction[]; self: string }) {
  const t = useT(m);
  return (
    <ol class="interactions" aria-label={t('listLabel')}>
      {items.map((i) => (
        <li key={i.interaction_id} class="interaction">
          <h3>{i.subject}</h3>
          <p class="interaction-tags">
            <Badge tone="info">{t(`it_${i.interaction_type}`)}</Badge> <Badge tone={PRIORITY_TONE[i.priority]}>{priorityName(i.priority)}</Badge>{' '}
            <Badge tone={i.status === 'resolved' || i.status === 'closed' ? 'good' : 'neutral'}>{t(`is_${i.status}`)}</Badge>{' '}
            <small>{t('by', { who: i.created_by === self ? t('you') : i.created_by, at: formatDate(i.created_at) })}</small>
          </p>
          {i.description && <p>{i.description}</p>}
          {i.assigned_agent && <p>{t('assigned', { who: i.assigned_agent })}</p>}
          {i.follow_up_date && (
            <p>
              {t('followUpOn', { date: formatDate(i.follow_up_date, false) })}
              {i.follow_up_notes && ` — ${i.follow_up_notes}`}
            </p>
          )}
          {(i.customer_satisfaction !== null || i.resolution_time_hours !== null) && (
            <p>
              {i.customer_satisfaction !== null && t('satisfaction', { p: formatPercent(i.customer_satisfaction) })}{' '}
              {i.resolution_time_hours !== null && t('resolvedIn', { h: formatNumber(i.resolution_time_hours) })}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

const blank = { interaction_type: 'call', subject: '', priority: 'medium', description: '', follow_up_date: '', follow_up_notes: '' };
type Draft = typeof blank;

function InteractionForm({ phone, onRecorded }: { phone: string; onRecorded: () => void }) {
  const t = useT(m);
  const base = useId('ia');
  const [draft, setDraft] = useState<Draft>(blank);
  const [done, setDone] = useState(false);
  const subject = useRef<HTMLInputElement>(null);
  const set = (k: keyof Draft) => (ev: { currentTarget: { value: string } }) => {
    const value = ev.currentTarget.value;
    setDraft((d) => ({ ...d, [k]: value }));
  };

  const { submit: send, busy, error } = useSubmit(async () => {
    setDone(false);
    const { description, follow_up_date, follow_up_notes, ...rest } = draft;
    // The subject goes as typed: a blank one is the API's to refuse, with its own words.
    await command('POST', `/api/v1/customers/${encodeURIComponent(phone)}/interactions`, { ...rest, ...filled({ description, follow_up_date, follow_up_notes }) });
    setDraft(blank);
    setDone(true);
    onRecorded();
  });
  // Recorded or refused, the next interaction starts at the subject.
  const submit = async (ev: Event) => {
    await send(ev);
    subject.current?.focus();
  };

  const id = (k: keyof Draft) => `${base}-${k}`;
  const problem = (k: keyof Draft) => fieldError(error, k);
  const attrs = (k: keyof Draft) => ({ id: id(k), value: draft[k], ...invalidProps(id(k), problem(k)) });
  return (
    <form class="interaction-form" aria-labelledby={`${base}-title`} onSubmit={(ev) => void submit(ev)}>
      <h3 id={`${base}-title`}>{t('add')}</h3>
      <ProblemBox error={error} />
      {done && (
        <p role="status" class="notice">
          {t('recorded')}
        </p>
      )}
      <div class="form-row">
        <Field id={id('interaction_type')} label={t('type')} error={problem('interaction_type')}>
          <select {...attrs('interaction_type')} onChange={set('interaction_type')}>
            {INTERACTION_TYPES.map((v) => (
              <option key={v} value={v}>
                {t(`it_${v}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('subject')} label={t('subject')} error={problem('subject')}>
          <input ref={subject} type="text" required maxLength={200} {...attrs('subject')} onInput={set('subject')} />
        </Field>
        <Field id={id('priority')} label={t('priority')} error={problem('priority')}>
          <select {...attrs('priority')} onChange={set('priority')}>
            {PRIORITIES.map((v) => (
              <option key={v} value={v}>
                {priorityName(v)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('follow_up_date')} label={t('followUp')} error={problem('follow_up_date')}>
          <input type="date" {...attrs('follow_up_date')} onInput={set('follow_up_date')} />
        </Field>
      </div>
      <Field id={id('description')} label={t('description')} error={problem('description')}>
        <textarea maxLength={4000} {...attrs('description')} onInput={set('description')} />
      </Field>
      <Field id={id('follow_up_notes')} label={t('followUpNotes')} error={problem('follow_up_notes')}>
        <input type="text" maxLength={2000} {...attrs('follow_up_notes')} onInput={set('follow_up_notes')} />
      </Field>
      <Button type="submit" kind="primary" busy={busy}>
        {t('save')}
      </Button>
    </form>
  );
}
