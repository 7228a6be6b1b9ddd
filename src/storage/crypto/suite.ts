/**
 * The cipher suite (@noble, synchronous): everything that encrypts or decrypts inside a Dexie
 * transaction. Loaded at unlock (storage/keyring.ts) and handed to the KeySession, so that the
 * first screen does not carry it (docs/performance.md: the first-visit budget).
 */
import type { CipherSuite } from './keys';
import { blindIndex, deriveSubKeys, forgetKeys, openRecord, openText, sealRecord, sealText } from './envelope';

export const CIPHER_SUITE: CipherSuite = { deriveSubKeys, sealRecord, openRecord, blindIndex, sealText, openText, forgetKeys };
