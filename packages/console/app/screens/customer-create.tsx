/** The "New customer" form (agents, team leaders): a customer who has no orders yet. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { command } from '../api.js';
import { customerHref, type Customer } from '../domain/customers.js';
import { messages, useT } from '../i18n.js';
import { navigate } from '../router.js';
import { common } from '../ui/common-messages.js';
import { filled, invalidProps, useSubmit } from '../ui/forms.js';
import { Button, Field, fieldError, ProblemBox } from '../ui/kit.js';

const m = messages({
  en: {
    title: 'New customer', intro: 'For a customer who has no orders yet. Customers with orders appear by themselves.', phone: 'Mobile phone',
    phoneHint: 'Any spelling, e.g. 01001234567 or +20 100 123 4567', fullName: 'Full name', firstName: 'First name', lastName: 'Last name', email: 'Email',
    city: 'City', zone: 'Zone', district: 'District', address: 'Address', create: 'Create customer',
  },
  ar: {
    title: 'عميل جديد', intro: 'لعميل ليس لديه طلبات بعد. العملاء الذين لديهم طلبات يظهرون تلقائيًا.', phone: 'رقم الموبايل',
    phoneHint: 'بأي صيغة، مثل 01001234567 أو ‎+20 100 123 4567', fullName: 'الاسم الكامل', firstName: 'الاسم الأول', lastName: 'اسم العائلة', email: 'البريد الإلكتروني',
    city: 'المدينة', zone: 'المنطقة', district: 'الحي', address: 'العنوان', create: 'إنشاء العميل',
  },
});

const FIELDS = ['phone', 'full_name', 'first_name', 'last_name', 'email', 'primary_city', 'primary_zone', 'primary_district', 'primary_address'] as const;
type FieldName = (typeof FIELDS)[number];
const LABEL: Record<FieldName, 'phone' | 'fullName' | 'firstName' | 'lastName' | 'email' | 'city' | 'zone' | 'district' | 'address'> = {
  phone: 'phone', full_name: 'fullName', first_name: 'firstName', last_name: 'lastName', email: 'email',
  primary_city: 'city', primary_zone: 'zone', primary_district: 'district', primary_address: 'address',
};
const empty = () => Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<FieldName, string>;

export function NewCustomerForm({ onCancel }: { onCancel: () => void }) {
  const t = useT(m);
  const c = useT(common);
  const [values, setValues] = useState(empty);
  const phone = useRef<HTMLInputElement>(null);
  useEffect(() => phone.current?.focus(), []);
  const { submit, busy, error } = useSubmit(async () => {
    const created = await command<Customer>('POST', '/api/v1/customers', filled(values));
    navigate(customerHref(created.phone));
  });

  const input = (f: FieldName, type = 'text', extra: Record<string, unknown> = {}) => {
    const id = `nc-${f}`;
    const problem = fieldError(error, f);
    const hint = f === 'phone' ? t('phoneHint') : undefined;
    return (
      <Field key={f} id={id} label={t(LABEL[f])} error={problem} hint={hint}>
        <input
          id={id}
          type={type}
          value={values[f]}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setValues((v) => ({ ...v, [f]: value }));
          }}
          {...invalidProps(id, problem, { hint })}
          {...extra}
        />
      </Field>
    );
  };

  return (
    <form id="new-customer" class="card" aria-labelledby="new-customer-title" onSubmit={(e) => void submit(e)}>
      <h2 id="new-customer-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <ProblemBox error={error} />
      <div class="form-row">
        {input('phone', 'tel', { required: true, ref: phone, autocomplete: 'off', dir: 'ltr' })}
        {input('full_name')}
        {input('first_name')}
        {input('last_name')}
        {input('email', 'email')}
        {input('primary_city')}
        {input('primary_zone')}
        {input('primary_district')}
        {input('primary_address')}
      </div>
      <div class="form-buttons">
        <Button type="submit" kind="primary" busy={busy}>
          {t('create')}
        </Button>
        <Button onClick={onCancel}>{c('cancel')}</Button>
      </div>
    </form>
  );
}
