/**
 * Entry: finds out who is signed in, then shows the public pages (sign-in, tracking) or the
 * signed-in frame with the screen for the current path.
 */
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import './styles.css';
import { ApiError, get, setUnauthorizedHandler } from './api.js';
import { messages, useT } from './i18n.js';
import { Layout, nav } from './layout.js';
import { matchPath, navigate, useLocation } from './router.js';
import { homeOf, ROUTES } from './routes.js';
import { LoginScreen } from './screens/login.js';
import { TrackPage } from './screens/track.js';
import { can, SessionContext, type Principal, type Session } from './session.js';
import { Loading, Page, ProblemBox } from './ui/kit.js';

const m = messages({
  en: { notFound: 'Page not found', notFoundText: 'There is no page at this address.', forbidden: 'Not for your role', forbiddenText: 'Your role ({role}) may not open this page.' },
  ar: { notFound: 'الصفحة غير موجودة', notFoundText: 'لا توجد صفحة بهذا العنوان.', forbidden: 'غير متاح لدورك', forbiddenText: 'دورك ({role}) لا يسمح بفتح هذه الصفحة.' },
});

function App() {
  const t = useT(m);
  const tn = useT(nav);
  const { path, query } = useLocation();
  const [me, setMe] = useState<Principal | null | undefined>(undefined);
  const [bootError, setBootError] = useState<unknown>(undefined);

  const refresh = useCallback(async () => {
    try {
      setMe(await get<Principal>('/api/v1/auth/me', { quiet401: true }));
      setBootError(undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else setBootError(err);
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthorizedHandler(() => setMe(null));
  }, [refresh]);

  const track = matchPath('/track/:code', path);
  if (track) return <TrackPage code={track.code ?? ''} />;
  if (bootError) return <ProblemBox error={bootError} onRetry={() => void refresh()} />;
  if (me === undefined) return <Loading />;

  if (me === null) {
    if (path !== '/login') {
      navigate(`/login?next=${encodeURIComponent(path + location.search)}`, { replace: true });
      return <Loading />;
    }
    return <LoginScreen onSignedIn={refresh} />;
  }
  if (path === '/login') {
    const next = query.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(me.role), { replace: true });
    return <Loading />;
  }
  if (path === '/' && !can(me.role, ['agent', 'viewer', 'team_leader'])) {
    navigate(homeOf(me.role), { replace: true });
    return <Loading />;
  }

  const session: Session = { me, refresh };
  let content = (
    <Page title={t('notFound')}>
      <p>{t('notFoundText')}</p>
    </Page>
  );
  for (const r of ROUTES) {
    const params = matchPath(r.path, path);
    if (!params) continue;
    content = can(me.role, r.roles) ? (
      <r.screen params={params} />
    ) : (
      <Page title={t('forbidden')}>
        <p>{t('forbiddenText', { role: tn(`role_${me.role}`) })}</p>
      </Page>
    );
    break;
  }
  return (
    <SessionContext.Provider value={session}>
      <Layout>{content}</Layout>
    </SessionContext.Provider>
  );
}

// The "Loading…" line of index.html goes: Preact would otherwise keep it next to the first screen.
const root = document.getElementById('app') as HTMLElement;
root.replaceChildren();
render(<App />, root);
