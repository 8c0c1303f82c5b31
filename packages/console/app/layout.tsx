/** The frame of every signed-in page: skip link, header with navigation, language switch, sign-out. */
import type { ComponentChildren } from 'preact';
import { post } from './api.js';
import { messages, useT } from './i18n.js';
import { Link, navigate, useLocation } from './router.js';
import { ROUTES, type NavKey } from './routes.js';
import { can, useSession } from './session.js';
import { LangSwitch } from './ui/kit.js';

export const nav = messages({
  en: {
    app: 'HVAR Cycle', skip: 'Skip to content', mainNav: 'Main', dashboard: 'Dashboard', orders: 'Orders', customers: 'Customers', actions: 'Service actions',
    hub: 'Hub station', review: 'Review queue', technician: 'Technician queue', sync: 'Sync', queues: 'Queues (admin)', signOut: 'Sign out',
    password: 'Change password',
    role_admin: 'Admin', role_agent: 'Agent', role_hub_agent: 'Hub agent', role_team_leader: 'Team leader', role_technician: 'Technician', role_viewer: 'Viewer',
  },
  ar: {
    app: 'HVAR Cycle', skip: 'تخطَّ إلى المحتوى', mainNav: 'الرئيسية', dashboard: 'لوحة المتابعة', orders: 'الطلبات', customers: 'العملاء', actions: 'إجراءات الخدمة',
    hub: 'محطة المستودع', review: 'قائمة المراجعة', technician: 'قائمة الفني', sync: 'المزامنة', queues: 'الطوابير (للمسؤول)', signOut: 'تسجيل الخروج',
    password: 'تغيير كلمة المرور',
    role_admin: 'مسؤول', role_agent: 'موظف خدمة', role_hub_agent: 'موظف المستودع', role_team_leader: 'قائد الفريق', role_technician: 'فني', role_viewer: 'مشاهد',
  },
});

export function Layout({ children }: { children: ComponentChildren }) {
  const t = useT(nav);
  const { me, refresh } = useSession();
  const { path } = useLocation();
  const items = ROUTES.filter((r) => r.nav && can(me.role, r.roles));
  const current = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  const signOut = async () => {
    await post('/api/v1/auth/logout').catch(() => undefined);
    await refresh();
    navigate('/login');
  };
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <Link href="/" class="brand">
          {t('app')}
        </Link>
        <nav aria-label={t('mainNav')}>
          <ul>
            {items.map((r) => (
              <li key={r.path}>
                <Link href={r.path} aria-current={current(r.path) ? 'page' : undefined}>
                  {t(r.nav as NavKey)}
                </Link>
              </li>
            ))}
            {me.role === 'admin' && (
              <li>
                <a href="/admin/queues">{t('queues')}</a>
              </li>
            )}
          </ul>
        </nav>
        <div class="who">
          <LangSwitch plain />
          <span class="me">
            {me.name} · <span>{t(`role_${me.role}`)}</span>
          </span>
          {me.kind === 'user' && (
            <Link href="/account/password" class="btn btn-plain">
              {t('password')}
            </Link>
          )}
          <button type="button" class="btn btn-plain" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
