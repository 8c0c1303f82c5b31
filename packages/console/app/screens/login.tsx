/** Sign-in with email and password; the gateway sets the httpOnly session cookie. */
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { messages, setLang, useLang, useT } from '../i18n.js';
import { navigate } from '../router.js';
import { Button, Field, ProblemBox } from '../ui/kit.js';

const m = messages({
  en: { title: 'Sign in to HVAR Cycle', email: 'Email', password: 'Password', submit: 'Sign in', switchTo: 'العربية', switchLabel: 'Switch to Arabic' },
  ar: { title: 'تسجيل الدخول إلى HVAR Cycle', email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول', switchTo: 'English', switchLabel: 'التبديل إلى الإنجليزية' },
});

export function LoginScreen({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const t = useT(m);
  const lang = useLang();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const user = await post<{ must_change_password: boolean }>('/api/v1/auth/login', { email, password }, { quiet401: true });
      await onSignedIn();
      if (user.must_change_password) navigate('/account/password?first=1', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <form class="card login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div class="login-head">
          <h1 id="login-title">{t('title')}</h1>
          <button type="button" class="btn btn-plain" lang={lang === 'ar' ? 'en' : 'ar'} onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}>
            {t('switchTo')}
          </button>
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
