/** Editing a customer's profile (agents, team leaders): only changed fields are sent; the API makes them agent-managed. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { command } from '../api.js';
import type { Customer } from '../domain/customers.js';
import { messages, useT } from '../i18n.js';
import { common } from '../ui/common-messages.js';
import { invalidProps, useSubmit } from '../ui/forms.js';
import { Button, Field, fieldError, ProblemBox } from '../ui/kit.js';

const m = messages({
  en: {
    title: 'Edit profile', note: 'Fields you set here are kept: new orders no longer overwrite them. Leave a field empty to clear it.',
    fullName: 'Full name', firstName: 'First name', lastName: 'Last name', email: 'Email', city: 'City', zone: 'Zone', district: 'District', address: 'Address',
  },
  ar: {
    title: 'تعديل البيانات', note: 'الحقول التي تحددها هنا تبقى كما هي: الطلبات الجديدة لا تغيّرها. اترك الحقل فارغًا لمسحه.',
    fullName: 'الاسم الكامل', firstName: 'الاسم الأول', lastName: 'اسم العائلة', email: 'البريد الإلكتروني', city: 'المدينة', zone: 'المنطقة', district: 'الحي', address: 'العنوان',
  },
});

const FIELDS = {
  full_name: 'fullName', first_name: 'firstName', last_name: 'lastName', email: 'email',
  primary_city: 'city', primary_zone: 'zone', primary_district: 'district', primary_address: 'address',
} as const;
type Editable = keyof typeof FIELDS;
const NAMES = Object.keys(FIELDS) as Editable[];

export function EditProfileForm({ customer, onSaved, onCancel }: { customer: Customer; onSaved: () => void; onCancel: () => void }) {
  const t = useT(m);
  const c = useT(common);
  const [values, setValues] = useState(() => Object.fromEntries(NAMES.map((k) => [k, customer[k] ?? ''])) as Record<Editable, string>);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const { submit, busy, error } = useSubmit(async () => {
    const changes = Object.fromEntries(NAMES.filter((k) => values[k] !== (customer[k] ?? '')).map((k) => [k, values[k].trim() === '' ? null : values[k]]));
    await command('PUT', `/api/v1/customers/${encodeURIComponent(customer.phone)}`, changes);
    onSaved();
  });

  return (
    <form class="edit-profile" aria-labelledby="edit-profile-title" onSubmit={(e) => void submit(e)}>
      <h3 id="edit-profile-title">{t('title')}</h3>
      <p>{t('note')}</p>
      <ProblemBox error={error} />
      <div class="form-row">
        {NAMES.map((k, i) => {
          const id = `ep-${k}`;
          const problem = fieldError(error, k);
          return (
            <Field key={k} id={id} label={t(FIELDS[k])} error={problem}>
              <input
                id={id}
                ref={i === 0 ? first : undefined}
                type={k === 'email' ? 'email' : 'text'}
                value={values[k]}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setValues((v) => ({ ...v, [k]: value }));
                }}
                {...invalidProps(id, problem)}
              />
            </Field>
          );
        })}
      </div>
      <div class="form-buttons">
        <Button type="submit" kind="primary" busy={busy}>
          {c('save')}
        </Button>
        <Button onClick={onCancel}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
