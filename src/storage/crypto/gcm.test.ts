import { createCipheriv, createDecipheriv, randomBytes as nodeRandom } from 'node:crypto';
import { gcm } from '@noble/ciphers/aes.js';
import { AesGcm } from './gcm';

const bytes = (n: number) => new Uint8Array(nodeRandom(n));

/** OpenSSL's AES-256-GCM (node:crypto): ciphertext ‖ tag. */
function openssl(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([ct, cipher.getAuthTag()]));
}

describe('AES-256-GCM with the key schedule and GHASH tables kept per key', () => {
  it('agrees with OpenSSL and with @noble/ciphers byte for byte, for every length of text and additional data around the block size', () => {
    const key = bytes(32);
    const cipher = new AesGcm(key);
    for (const length of [0, 1, 3, 4, 15, 16, 17, 31, 32, 33, 64, 100, 255, 650, 1024, 4097]) {
      for (const aadLength of [0, 1, 16, 17, 45]) {
        const iv = bytes(12);
        const aad = bytes(aadLength);
        const plaintext = bytes(length);
        const sealed = cipher.encrypt(iv, aad, plaintext);
        expect(sealed).toEqual(openssl(key, iv, aad, plaintext));
        expect(sealed).toEqual(gcm(key, iv, aad).encrypt(plaintext));
        expect(cipher.decrypt(iv, aad, sealed)).toEqual(plaintext);
      }
    }
  });

  it('opens what OpenSSL sealed, also from a view that does not start on a 4-byte boundary (a row read back from IndexedDB)', () => {
    const key = bytes(32);
    const cipher = new AesGcm(key);
    const iv = bytes(12);
    const aad = new TextEncoder().encode('polku/record/v1\0cases\0{"id":"a"}');
    const plaintext = new TextEncoder().encode(JSON.stringify({ code: 'ZEBRA-4471', notes: 'Refuses the school bus since March.' }));
    const sealed = openssl(key, iv, aad, plaintext);
    const padded = new Uint8Array(sealed.length + 1);
    padded.set(sealed, 1);
    const unaligned = padded.subarray(1);
    expect(unaligned.byteOffset % 4).toBe(1);
    expect(cipher.decrypt(iv, aad, unaligned)).toEqual(plaintext);
    expect(cipher.decrypt(iv, aad, sealed)).toEqual(plaintext);
    // Many records with one key: the kept tables give the same answers every time.
    for (let i = 0; i < 50; i += 1) {
      const nextIv = bytes(12);
      const text = bytes(i * 13);
      expect(cipher.decrypt(nextIv, aad, openssl(key, nextIv, aad, text))).toEqual(text);
    }
  });

  it('refuses a changed ciphertext, tag, IV or additional data, and another key', () => {
    const key = bytes(32);
    const cipher = new AesGcm(key);
    const iv = bytes(12);
    const aad = bytes(20);
    const sealed = cipher.encrypt(iv, aad, bytes(100));
    const flipped = (data: Uint8Array, at: number) => {
      const copy = data.slice();
      copy[at]! ^= 1;
      return copy;
    };
    expect(() => cipher.decrypt(iv, aad, flipped(sealed, 0))).toThrow('invalid tag');
    expect(() => cipher.decrypt(iv, aad, flipped(sealed, sealed.length - 1))).toThrow('invalid tag');
    expect(() => cipher.decrypt(flipped(iv, 11), aad, sealed)).toThrow('invalid tag');
    expect(() => cipher.decrypt(iv, flipped(aad, 0), sealed)).toThrow('invalid tag');
    expect(() => new AesGcm(bytes(32)).decrypt(iv, aad, sealed)).toThrow('invalid tag');
    expect(() => cipher.decrypt(iv, aad, sealed.subarray(0, 15))).toThrow();
  });

  it('after wipe() nothing opens any more', () => {
    const key = bytes(32);
    const cipher = new AesGcm(key);
    const iv = bytes(12);
    const sealed = cipher.encrypt(iv, new Uint8Array(0), bytes(40));
    cipher.wipe();
    expect(() => cipher.decrypt(iv, new Uint8Array(0), sealed)).toThrow('invalid tag');
    // And OpenSSL agrees that what it sealed before was right.
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(sealed.subarray(-16));
    expect(() => Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()])).not.toThrow();
  });
});
