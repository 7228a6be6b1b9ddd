// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { database } from '../storage/db';
import { setUpEncryption } from '../storage/keyring';
import { FIRST_SCREEN_NAMESPACES, setupI18n } from './i18n';
import { Root } from './Root';

// The app behind the key (router, catalog, screens; with them the database code) is held back
// until the test lets it load: the key screen must not need it.
const app = vi.hoisted(() => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { gate, open: () => open(), loaded: false };
});
vi.mock('./App', async (importOriginal) => {
  await app.gate;
  app.loaded = true;
  return importOriginal();
});

const PASSPHRASE = 'otter lantern mosaic';

describe('the page start (Root)', () => {
  afterAll(async () => {
    database().close();
    await database().delete();
  });

  it('shows set-up or unlock from the probe before the app behind the key has loaded; a passphrase given meanwhile waits for it, then opens the app', async () => {
    const i18n = await setupI18n('en', { initial: FIRST_SCREEN_NAMESPACES });
    const first = render(<Root i18n={i18n} keyring={false} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Protect the data on this device' })).toBeInTheDocument();
    first.unmount();

    // A device with a passphrase (set up in an earlier visit; this page holds no key).
    await setUpEncryption(database(), PASSPHRASE, { iterations: 1_000 });
    database().keySession.drop();
    render(<Root i18n={i18n} keyring={true} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Polku is locked' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('Opening…')).toBeInTheDocument();
    expect(app.loaded).toBe(false);
    expect(database().keySession.unlocked).toBe(false);

    app.open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(app.loaded).toBe(true);
    expect(database().keySession.unlocked).toBe(true);
    // The next start shows the unlock screen without asking IndexedDB (storage/key-probe.ts).
    expect(localStorage.getItem('polku.keyring')).toBe('1');
  }, 30_000);
});
