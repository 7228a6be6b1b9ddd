/** A key session as after the passphrase was given, for databases made in tests (no side effects on import). */
import { generateDataKey, KeySession } from '../../src/storage/crypto/keys';
import { CIPHER_SUITE } from '../../src/storage/crypto/suite';

/** A session opened with a random data key (no keyring: tests that need one set a passphrase). */
export function unlockedSession(): KeySession {
  const session = new KeySession();
  session.open(generateDataKey(), CIPHER_SUITE);
  return session;
}
