import { Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { Loading } from './Loading';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../instrument/languages';
import { isLanguage, switchLanguage } from '../i18n';
import { UpdateBanner } from './UpdateBanner';
import { BackupReminder } from './BackupReminder';
import { LockButton } from './Lock';

export function Layout() {
  const { t, i18n } = useTranslation();
  // On a phone the navigation, language and lock fold behind one "Menu" button; a new screen folds it again.
  // The menu is open for the screen it was opened on, so navigating folds it without an effect.
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="app-menu" onClick={() => setOpenOn(menuOpen ? null : pathname)}>
          <span className="menu-toggle-bars" aria-hidden="true" />
          {t('app.menu')}
        </button>
        <div id="app-menu" className={menuOpen ? 'app-menu open' : 'app-menu'}>
          <nav aria-label={t('app.mainNav')} className="main-nav">
            <NavLink to="/" end>
              {t('nav.cases')}
            </NavLink>
            <NavLink to="/instruments">{t('nav.instruments')}</NavLink>
            <NavLink to="/research">{t('nav.research')}</NavLink>
            <NavLink to="/settings">{t('nav.settings')}</NavLink>
          </nav>
          <label className="language-switch">
            <span>{t('app.language')}</span>
            <select
              value={i18n.language}
              onChange={(event) => {
                const language = event.target.value;
                if (!isLanguage(language)) return;
                void switchLanguage(i18n, language);
              }}
            >
              {LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {t(`languages.${language}`)}
                </option>
              ))}
            </select>
          </label>
          <LockButton />
        </div>
      </header>
      <UpdateBanner />
      <main id="main" tabIndex={-1}>
        <BackupReminder />
        {/* Screens load on first use; the header stays while they do. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
