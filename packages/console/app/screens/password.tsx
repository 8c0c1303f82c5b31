/** Change my password (required after the first sign-in with a one-time password). */
import { useState } from 'preact/hooks';
import { put } from '../api.js';
import { messages, useT } from '../i18n.js';
import { navigate, useLocation } from '../router.js';
import { homeOf } from '../routes.js';
import { useSession } from '../session.js';
import { useSubmit } from '../ui/forms.js';
import { Button, Field, fieldError, Page, ProblemBox } from '../ui/kit.js';

const m = messages({
  en: { title: 'Change password', first: 'You signed in with a one-time password: choose your own now.', current: 'Current password', next: 'New password (at least 12 characters)', submit: 'Change password', done: 'Password changed.' },
  ar: { title: 'تغيير كلمة المرور', first: 'دخلت بكلمة مرور لمرة واحدة: اختر كلمة مرورك الآن.', current: 'كلمة المرور الحالية', next: 'كلمة المرور الجديدة (12 حرفًا على الأقل)', submit: 'تغيير كلمة المرور', done: 'تم تغيير كلمة المرور.' },
});

export function PasswordScreen() {
  const t = useT(m);
  const { me } = useSession();
  const { query } = useLocation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { submit, busy, error } = useSubmit(async () => {
    await put('/api/v1/auth/password', { current_password: current, new_password: next });
    setDone(true);
    if (query.get('first')) navigate(homeOf(me.role), { replace: true });
  });
  return (
    <Page title={t('title')}>
      {query.get('first') && <p class="notice">{t('first')}</p>}
      {done && <p role="status">{t('done')}</p>}
      <form class="card form" onSubmit={(e) => void submit(e)}>
        <ProblemBox error={error} />
        <Field id="pw-current" label={t('current')}>
          <input id="pw-current" type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </Field>
        <Field id="pw-new" label={t('next')} error={fieldError(error, 'new_password')}>
          <input id="pw-new" type="password" autocomplete="new-password" required minLength={12} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </Field>
        <Button type="submit" kind="primary" busy={busy}>
          {t('submit')}
        </Button>
      </form>
    </Page>
  );
}
