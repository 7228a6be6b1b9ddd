import { KeySession } from './crypto/keys';
import { keyringHint, probeKeyring, rememberKeyring } from './key-probe';
import { setUpEncryption } from './keyring';
import { testDatabase } from '../../tests/support/db';

const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('the keyring probe (the first screen before Dexie has loaded)', () => {
  it('says false for a device without a database, and does not create one', async () => {
    const name = `polku-probe-missing-${Math.random()}`;
    expect(await probeKeyring(name)).toBe(false);
    expect(await names()).not.toContain(name);
  });

  it('says false for a database without a keyring yet, true once a passphrase is set; Dexie opens it as before', async () => {
    const db = testDatabase({ session: new KeySession() });
    await db.open();
    expect(await probeKeyring(db.name)).toBe(false);
    await setUpEncryption(db, 'otter lantern mosaic', { iterations: 1_000 });
    expect(await probeKeyring(db.name)).toBe(true);
    // The probe's connection is closed: the database can still be closed, deleted and opened again.
    db.close();
    await db.open();
    expect(await db.keyring.count()).toBe(1);
  });

  it('says false for a database an older version made (no keyring table: set-up seals its rows)', async () => {
    const name = `polku-probe-v3-${Math.random()}`;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 30);
      request.onupgradeneeded = () => request.result.createObjectStore('cases', { keyPath: 'id' });
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    expect(await probeKeyring(name)).toBe(false);
    indexedDB.deleteDatabase(name);
  });

  it('cannot tell without indexedDB.databases() (opening by name would create the database): undefined', async () => {
    const withoutList = { open: indexedDB.open.bind(indexedDB) } as unknown as IDBFactory;
    expect(await probeKeyring('polku', withoutList)).toBeUndefined();
  });
});

describe('the first screen\u2019s hint', () => {
  const stored = new Map<string, string>();
  beforeEach(() => {
    stored.clear();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
      removeItem: (key: string) => void stored.delete(key),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  // IndexedDB that fails the test if it is asked anything.
  const untouchable = new Proxy({} as IDBFactory, {
    get: () => {
      throw new Error('IndexedDB was asked');
    },
  });

  it('answers from the remembered flag without asking IndexedDB, and from the probe once the flag is removed', async () => {
    rememberKeyring('polku', true);
    expect(await keyringHint('polku', untouchable)).toBe(true);
    rememberKeyring('polku', false);
    expect(stored.size).toBe(0);
    expect(await keyringHint(`polku-hint-${Math.random()}`)).toBe(false);
  });

  it('is kept for the app\u2019s own database only: another one (a test\u2019s) neither writes nor reads it', async () => {
    rememberKeyring(`polku-hint-${Math.random()}`, true);
    expect(stored.size).toBe(0);
    rememberKeyring('polku', true);
    expect(await keyringHint(`polku-hint-${Math.random()}`)).toBe(false);
  });
});
