/** Sign-in with email and password; the gateway sets the httpOnly session cookie. */
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { messages, useT } from '../i18n.js';
import { navigate } from '../router.js';
import { useSubmit } from '../ui/forms.js';
import { Button, Field, LangSwitch, ProblemBox } from '../ui/kit.js';

const m = messages({
  en: { title: 'Sign in to HVAR Cycle', email: 'Email', password: 'Password', submit: 'Sign in' },
  ar: { title: 'تسجيل الدخول إلى HVAR Cycle', email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول' },
});

export function LoginScreen({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const t = useT(m);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    const user = await post<{ must_change_password: boolean }>('/api/v1/auth/login', { email, password }, { quiet401: true });
    await onSignedIn();
    if (user.must_change_password) navigate('/account/password?first=1', { replace: true });
  });

  return (
    <main id="main" class="login">
      <form class="card login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div class="login-head">
          <h1 id="login-title">{t('title')}</h1>
          <LangSwitch plain />
        </div>
        <ProblemBox error={error} />
        <Field id="login-email" label={t('email')}>
          <input id="login-email" name="email" type="email" autocomplete="username" required autofocus value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field id="login-password" label={t('password')}>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <Button type="submit" kind="primary" busy={busy}>
          {t('submit')}
        </Button>
      </form>
    </main>
  );
}
