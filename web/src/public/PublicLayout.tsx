import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import '../styles/public.css';

/** The frame of the public pages: works from a phone to a 1080p touch kiosk. */
export function PublicLayout() {
  const { t } = useI18n();
  return (
    <div className="pub">
      <header className="pub-header">
        <div className="pub-bar">
          <Link to="/" className="pub-brand">
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <span>
              <strong>{t('app.name')}</strong>
              <small>{t('app.tagline')}</small>
            </span>
          </Link>
          <nav className="pub-nav" aria-label={t('nav.main')}>
            <NavLink to="/" end>
              {t('nav.guide')}
            </NavLink>
            <NavLink to="/progress">{t('nav.progress')}</NavLink>
            <Link to="/staff" className="pub-nav-staff">
              {t('nav.staffLogin')}
            </Link>
          </nav>
          <LanguageSwitch className="on-dark" />
        </div>
      </header>
      <main className="pub-main">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="pub-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </div>
  );
}
