import {
  createKeyring,
  EncryptionError,
  fromBase64Url,
  generateDataKey,
  isKeyringRecord,
  KeySession,
  PBKDF2_ITERATIONS,
  rewrapDataKey,
  toBase64Url,
  unlockSession,
  unwrapDataKey,
  wrapDataKey,
} from './keys';
import { deriveSubKeys } from './envelope';
import { AesGcm } from './gcm';
import { CIPHER_SUITE } from './suite';

// Fast derivation for the logic; the real count is used once below (its time is in `npm run bench -- --encryption`).
const FAST = { iterations: 1_000 };

describe('the data key and its keyring', () => {
  it('wraps and unwraps the data key; the keyring holds no secret', async () => {
    const dataKey = generateDataKey();
    const keyring = await wrapDataKey(dataKey, 'correct horse battery', FAST);
    expect(isKeyringRecord(keyring)).toBe(true);
    expect(Object.keys(keyring).sort()).toEqual(['createdAt', 'iterations', 'iv', 'kdf', 'salt', 'version', 'wrappedKey']);
    expect(fromBase64Url(keyring.salt)).toHaveLength(16);
    expect(JSON.stringify(keyring)).not.toContain(toBase64Url(dataKey));
    expect(JSON.stringify(keyring)).not.toContain('correct horse');
    expect(await unwrapDataKey(keyring, 'correct horse battery')).toEqual(dataKey);
    // A fresh salt and nonce each time.
    const again = await wrapDataKey(dataKey, 'correct horse battery', FAST);
    expect(again.salt).not.toBe(keyring.salt);
    expect(again.wrappedKey).not.toBe(keyring.wrappedKey);
  });

  it('refuses a wrong passphrase and an altered keyring as wrong-passphrase, a malformed one as bad-keyring', async () => {
    const keyring = await wrapDataKey(generateDataKey(), 'secret one', FAST);
    await expect(unwrapDataKey(keyring, 'secret two')).rejects.toMatchObject({ name: 'EncryptionError', failure: 'wrong-passphrase' });
    await expect(unwrapDataKey({ ...keyring, iterations: 999 }, 'secret one')).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    await expect(unwrapDataKey({ ...keyring, wrappedKey: 'AAAA' }, 'secret one')).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    await expect(unwrapDataKey({ ...keyring, salt: '' }, 'secret one')).rejects.toMatchObject({ failure: 'bad-keyring' });
    expect(isKeyringRecord({ ...keyring, version: 2 })).toBe(false);
    // The passphrase is compared after Unicode normalisation: "ä" typed either way opens it.
    const nfc = await wrapDataKey(generateDataKey(), 'p\u00e4iv\u00e4', FAST);
    await expect(unwrapDataKey(nfc, 'pa\u0308iva\u0308')).resolves.toHaveLength(32);
  });

  it('a passphrase change re-wraps the same data key; the old passphrase stops working', async () => {
    const dataKey = generateDataKey();
    const keyring = await wrapDataKey(dataKey, 'old passphrase', { ...FAST, now: '2026-01-01T00:00:00.000Z' });
    const changed = await rewrapDataKey(keyring, 'old passphrase', 'new passphrase', { ...FAST, now: '2026-02-01T00:00:00.000Z' });
    expect(await unwrapDataKey(changed, 'new passphrase')).toEqual(dataKey);
    await expect(unwrapDataKey(changed, 'old passphrase')).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    expect(changed).toMatchObject({ createdAt: '2026-01-01T00:00:00.000Z', changedAt: '2026-02-01T00:00:00.000Z' });
    await expect(rewrapDataKey(keyring, 'not it', 'new passphrase', FAST)).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    // Without an explicit count a change never lowers it below today's default.
    expect(PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('derives separate sub-keys for records and blind indexes', () => {
    const dataKey = generateDataKey();
    const keys = deriveSubKeys(dataKey);
    expect(keys.record).toHaveLength(32);
    expect(keys.record).not.toEqual(keys.blind);
    expect(keys.record).not.toEqual(dataKey);
    expect(deriveSubKeys(dataKey)).toEqual(keys);
    expect(deriveSubKeys(generateDataKey()).record).not.toEqual(keys.record);
  });

  it('a session holds the keys until it is dropped, then says locked', async () => {
    const session = new KeySession();
    const changes: boolean[] = [];
    session.onChange((unlocked) => changes.push(unlocked));
    expect(() => session.keys()).toThrow(EncryptionError);
    const keyring = await createKeyring(session, 'passphrase', CIPHER_SUITE, FAST);
    const keys = session.keys();
    session.drop();
    expect(session.unlocked).toBe(false);
    expect(keys.record.every((b) => b === 0)).toBe(true);
    expect(() => session.keys()).toThrow(expect.objectContaining({ failure: 'locked' }) as Error);
    await expect(unlockSession(session, keyring, 'wrong', CIPHER_SUITE)).rejects.toMatchObject({ failure: 'wrong-passphrase' });
    expect(session.unlocked).toBe(false);
    await unlockSession(session, keyring, 'passphrase', CIPHER_SUITE);
    expect(session.keys().record).toEqual(deriveSubKeys(await unwrapDataKey(keyring, 'passphrase')).record);
    expect(changes).toEqual([true, false, true]);
  });

  it('dropping the session also wipes the record cipher kept for its keys (expanded key and GHASH tables)', async () => {
    const session = new KeySession();
    await createKeyring(session, 'passphrase', CIPHER_SUITE, FAST);
    const { keys, suite } = session.cipher();
    const policy = { key: 'id', clearFields: ['id'] };
    const row = suite.sealRecord(keys, 'cases', policy, { id: 'a', code: 'ZEBRA-4471' });
    expect(suite.openRecord(keys, 'cases', policy, row)).toEqual({ id: 'a', code: 'ZEBRA-4471' });
    const wipe = vi.spyOn(AesGcm.prototype, 'wipe');
    session.drop();
    expect(wipe).toHaveBeenCalledTimes(1);
    const wiped = wipe.mock.contexts[0] as unknown as { xk: Uint32Array; table: Int32Array };
    expect(wiped.xk.every((w) => w === 0) && wiped.table.every((w) => w === 0)).toBe(true);
    // The keys object is no use afterwards: its bytes are zero, and nothing derived from them is kept.
    expect(() => suite.openRecord(keys, 'cases', policy, row)).toThrow(expect.objectContaining({ failure: 'tampered' }) as Error);
    wipe.mockRestore();
  });

  it('wraps with 600,000 PBKDF2 iterations by default, and unwraps with them', async () => {
    const session = new KeySession();
    const keyring = await createKeyring(session, 'a long enough passphrase', CIPHER_SUITE);
    const opened = session.keys().record.slice();
    session.drop();
    expect(keyring.iterations).toBe(600_000);
    await unlockSession(session, keyring, 'a long enough passphrase', CIPHER_SUITE);
    expect(session.keys().record).toEqual(opened);
  });
});
