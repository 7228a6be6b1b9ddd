// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';

interface FakeStorage {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
  estimate?: () => Promise<StorageEstimate>;
}

function mockStorage(storage: FakeStorage | undefined) {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true, writable: true });
}

const section = async (name = 'Storage on this device') => within(await screen.findByRole('region', { name }));

afterEach(() => {
  Reflect.deleteProperty(navigator, 'storage');
  localStorage.clear();
});

describe('storage section', () => {
  it('asks for persistent storage on a click and says it was granted; shows usage and quota in MB', async () => {
    const persist = vi.fn(async () => true);
    mockStorage({ persisted: async () => false, persist, estimate: async () => ({ usage: 12_345_678, quota: 2_147_483_648 }) });
    await renderApp('/settings', { language: 'en' });
    const storage = await section();

    expect(await storage.findByText("Storage is not persistent: the browser may delete Polku's data when the device runs short of space.")).toBeInTheDocument();
    expect(await storage.findByText('12.3 MB')).toBeInTheDocument();
    expect(storage.getByText('2,147 MB')).toBeInTheDocument();
    expect(persist).not.toHaveBeenCalled();

    await userEvent.click(storage.getByRole('button', { name: "Ask the browser to keep Polku's data" }));
    expect(await storage.findByText("Granted: the browser now keeps Polku's data even when space runs short.")).toBeInTheDocument();
    expect(storage.getByText("Storage is persistent: the browser does not delete Polku's data to free space.")).toBeInTheDocument();
    expect(storage.queryByRole('button', { name: "Ask the browser to keep Polku's data" })).toBeNull();
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('says what to do when the browser does not grant it, and points to backups', async () => {
    mockStorage({ persisted: async () => false, persist: async () => false, estimate: async () => ({ usage: 40_000, quota: 500_000_000 }) });
    await renderApp('/settings', { language: 'en' });
    const storage = await section();
    expect(await storage.findByText('0.04 MB')).toBeInTheDocument();
    expect(storage.getByText('500 MB')).toBeInTheDocument();
    await userEvent.click(await storage.findByRole('button', { name: "Ask the browser to keep Polku's data" }));
    expect(
      await storage.findByText(
        'Not granted. Browsers often grant persistent storage only to installed apps or to sites used often. Install Polku as an app (in the browser menu: Install app, or Add to Home screen) and ask again. Until then, make backups regularly.',
      ),
    ).toBeInTheDocument();
    expect(storage.getByText("Storage is not persistent: the browser may delete Polku's data when the device runs short of space.")).toBeInTheDocument();
    expect(storage.getByRole('link', { name: 'Make a backup' })).toHaveAttribute('href', '#backup');
  });

  it('shows storage that is already persistent, with the numbers in the interface locale', async () => {
    mockStorage({ persisted: async () => true, persist: async () => true, estimate: async () => ({ usage: 3_456_789, quota: 1_234_567_890 }) });
    await renderApp('/settings', { language: 'fi' });
    const storage = await section('Tallennustila tällä laitteella');
    expect(await storage.findByText('Tallennustila on pysyvä: selain ei poista Polun tietoja vapauttaakseen tilaa.')).toBeInTheDocument();
    expect(storage.queryByRole('button', { name: 'Pyydä selainta säilyttämään Polun tiedot' })).toBeNull();
    const dl = storage.getByText('Käytössä').closest('dl')!;
    expect(dl.textContent?.replace(/\s/g, ' ')).toBe('Käytössä3,5 MtPolulle sallittu1 235 Mt');
  });

  it('says clearly when the browser has no storage API', async () => {
    mockStorage(undefined);
    await renderApp('/settings', { language: 'sv' });
    const storage = await section('Lagring på den här enheten');
    expect(
      storage.getByText(
        'Den här webbläsaren kan inte göra Polkus lagring beständig eller visa hur mycket utrymme som används. Polkus uppgifter kan raderas när det blir ont om utrymme på enheten: gör säkerhetskopior regelbundet.',
      ),
    ).toBeInTheDocument();
    expect(storage.queryByRole('button')).toBeNull();
    expect(storage.getByRole('link', { name: 'Gör en säkerhetskopia' })).toHaveAttribute('href', '#backup');
  });

  it('says when the browser does not report the space used', async () => {
    mockStorage({ persisted: async () => false, persist: async () => false });
    await renderApp('/settings', { language: 'en' });
    const storage = await section();
    const dl = (await storage.findByText('In use')).closest('dl')!;
    expect(within(dl).getAllByText('Not reported by the browser')).toHaveLength(2);
  });
});
