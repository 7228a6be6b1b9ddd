// @vitest-environment jsdom
/**
 * What the app needs before its first screen: the first screen's texts in one language (the rest
 * on demand), the shipped instruments without zod (they are checked here, at test time), and the
 * validation code only when there are imported packs to check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor } from '@testing-library/react';
import { renderApp } from '../../tests/support/render-app';
import { stallQueries, testDatabase } from '../../tests/support/db';
import { FIRST_SCREEN_NAMESPACES, setupI18n } from './i18n';
import { KeySession } from '../storage/crypto/keys';
import { loadShippedDefinitions } from './instruments/catalog-context';
import userEvent from '@testing-library/user-event';
import { preloadRoute } from './App';
import { createCase } from '../storage/cases';
import { setUpEncryption } from '../storage/keyring';

const PASSPHRASE = 'otter lantern mosaic';

describe('start-up', () => {
  it('gets the catalog ready without validating anything, an imported pack included (it was validated when it entered the device)', async () => {
    await renderApp('/', { language: 'en', loadShipped: loadShippedDefinitions });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Load an example case' })).toBeEnabled());
    const db = testDatabase();
    const definition = (await loadShippedDefinitions()).find((d) => d.id === 'function-child')!;
    await db.instrumentPacks.add({
      ref: 'pack-test@9.0.0',
      id: 'pack-test',
      version: '9.0.0',
      definition: { ...definition, id: 'pack-test', version: '9.0.0', title: { en: 'Pack under test' } },
      hash: 'x',
      importedAt: '2026-01-01T00:00:00.000Z',
    });
    await renderApp('/instruments', { language: 'en', db, loadShipped: loadShippedDefinitions });
    expect(await screen.findByRole('heading', { name: 'Pack under test' })).toBeInTheDocument();
  });

  it('loads only the first screen’s namespaces in the chosen language before the first render; English follows', async () => {
    const i18n = await setupI18n('fi', { initial: FIRST_SCREEN_NAMESPACES });
    expect(FIRST_SCREEN_NAMESPACES.filter((ns) => i18n.hasResourceBundle('fi', ns))).toEqual([...FIRST_SCREEN_NAMESPACES]);
    expect(i18n.hasResourceBundle('fi', 'cases')).toBe(false);
    expect(i18n.hasResourceBundle('fi', 'settings')).toBe(false);
    expect(i18n.t('lock:screen.title')).toBe('Polku on lukittu');
    // The fallback language loads after the start, for the namespaces loaded so far.
    await waitFor(() => expect(i18n.hasResourceBundle('en', 'lock')).toBe(true));
    expect(i18n.hasResourceBundle('en', 'cases')).toBe(false);
  });

  it('renders the passphrase screen with the first screen’s texts, and loads the texts of the screens behind it when they open', async () => {
    const locked = await renderApp('/', { language: 'fi', initialNamespaces: FIRST_SCREEN_NAMESPACES, db: testDatabase({ session: new KeySession() }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Suojaa tämän laitteen tiedot' })).toBeInTheDocument();
    expect(screen.getByText(/Jos unohdat tämän tunnuslauseen/)).toBeInTheDocument();
    expect(locked.i18n.hasResourceBundle('fi', 'cases')).toBe(false);
    locked.view.unmount();
    await renderApp('/', { language: 'fi', initialNamespaces: FIRST_SCREEN_NAMESPACES });
    expect(await screen.findByRole('heading', { name: 'Ei vielä tapauksia' })).toBeInTheDocument();
    const { i18n } = await renderApp('/settings', { language: 'fi', initialNamespaces: FIRST_SCREEN_NAMESPACES });
    expect(i18n.hasResourceBundle('fi', 'settings')).toBe(false);
    expect(await screen.findByRole('heading', { level: 1, name: 'Asetukset' })).toBeInTheDocument();
    expect(i18n.hasResourceBundle('fi', 'settings')).toBe(true);
  });

  it('shows the case list’s heading before the cases have been read', async () => {
    const db = testDatabase();
    // Reads that have not finished (a slow device, 1,000 cases): the heading must not wait for them.
    const asked = stallQueries(db, 'cases');
    await renderApp('/', { language: 'en', db });
    await waitFor(() => expect(asked()).toBeGreaterThan(0));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  });

  it('after unlocking, the screen of the address fetched ahead (code and texts, the layout’s too) shows without the loading fallback', async () => {
    const db = testDatabase({ session: new KeySession() });
    await setUpEncryption(db, PASSPHRASE, { iterations: 1_000 });
    await createCase(db, { code: 'AHEAD-1', birthYear: 2013 });
    db.keySession.drop();
    const { i18n } = await renderApp('/', { language: 'sv', initialNamespaces: FIRST_SCREEN_NAMESPACES, db });
    await screen.findByRole('heading', { level: 1, name: 'Polku är låst' });
    // What App does at start, while the passphrase is typed.
    await preloadRoute('/', i18n);
    expect(['cases', 'backup'].filter((ns) => i18n.hasLoadedNamespace(ns))).toEqual(['cases', 'backup']);
    // Every moment the page shows "Loading…", and whether the case list's heading was there too.
    const loadingSeen: boolean[] = [];
    const observer = new MutationObserver(() => {
      if (screen.queryByText('Laddar…')) loadingSeen.push(screen.queryByRole('heading', { level: 1, name: 'Ärenden' }) !== null);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await userEvent.type(screen.getByLabelText('Lösenfras'), PASSPHRASE);
    await userEvent.click(screen.getByRole('button', { name: 'Lås upp' }));
    expect(await screen.findByRole('link', { name: 'AHEAD-1' })).toBeInTheDocument();
    observer.disconnect();
    expect(loadingSeen.filter((withHeading) => !withHeading)).toEqual([]);
  });

  it('every shipped instrument file is valid, strictly, and validating it changes nothing (so the app loads it as it is)', async () => {
    const { validateDefinition } = await import('../instrument/validate');
    const root = join(__dirname, '../../instruments');
    const files = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((dir) => readdirSync(join(root, dir.name)).map((file) => join(root, dir.name, file)));
    expect(files.length).toBe(14);
    const loaded = await loadShippedDefinitions();
    expect(loaded.map((d) => `${d.id}@${d.version}`).sort()).toEqual(
      files
        .map((file) =>
          file
            .split('/')
            .slice(-2)
            .join('@')
            .replace(/\.json$/, ''),
        )
        .sort(),
    );
    for (const file of files) {
      const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const result = validateDefinition(raw, { requireAllLanguages: true });
      expect(result.ok && result.warnings).toEqual([]);
      expect(result.ok && result.definition).toEqual(raw);
    }
  });
});
