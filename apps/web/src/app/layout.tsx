import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccountLanguage } from '@/features/preferences';
import { LanguagePicker } from '@/i18n/language-picker';
import { ConnectionBanner } from '@/realtime/connection-status';
import { useServices } from './services';

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('skipToContent')}
    </a>
  );
}

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand">
      {t('appName')}
    </Link>
  );
}

export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Brand />
        <LanguagePicker />
      </header>
      <main id="main" className="app-main app-main--narrow">
        <Outlet />
      </main>
    </>
  );
}

// The signed-in frame: navigation, language, sign-out, the connection banner; starts the socket.
export function AppLayout() {
  const { t } = useTranslation();
  const { session, realtime, api } = useServices();
  const navigate = useNavigate();
  const status = useSyncExternalStore(session.subscribe, () => session.status);
  useAccountLanguage();

  useEffect(() => {
    realtime.start();
  }, [realtime]);

  useEffect(() => {
    if (status === 'signed-out') void navigate({ to: '/sign-in' });
  }, [status, navigate]);

  const signOut = async () => {
    const refreshToken = session.refreshToken() ?? undefined;
    await api.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    session.signOut();
  };

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Brand />
        <nav aria-label={t('nav.label')} className="app-nav">
          <Link to="/" activeOptions={{ exact: true }}>
            {t('nav.home')}
          </Link>
          <Link to="/invitations">{t('nav.invitations')}</Link>
          <Link to="/account">{t('nav.account')}</Link>
          <Link to="/notifications">{t('nav.notifications')}</Link>
          <Link to="/preferences">{t('nav.preferences')}</Link>
        </nav>
        <div className="app-header-end">
          <LanguagePicker />
          <button type="button" className="button button--quiet" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
        <ConnectionBanner />
      </header>
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </>
  );
}
