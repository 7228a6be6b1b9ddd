/**
 * AES-256-GCM (NIST SP 800-38D, 96-bit IVs, 128-bit tags) for one key used for many records: the
 * same bytes in and out as @noble/ciphers' `gcm`, which every record was sealed with, but the key
 * schedule and the GHASH tables are computed once per key instead of once per record.
 *
 * Why: `gcm(key, iv, aad)` expands the AES key and builds GHASH's multiplication table (hundreds
 * of small objects) for every call. Opening the 10,000 questionnaires of a large caseload spent
 * about a second in that (docs/performance.md: the research screen, the export). Here the AES block
 * function, the key schedule and CTR mode are noble's own (`unsafe`, pinned by package-lock);
 * only GHASH is ours: a table of 16 × 256 multiples of the hash key, one lookup per byte. Every
 * output is checked against noble and against OpenSSL (node:crypto) in gcm.test.ts.
 *
 * `wipe()` overwrites the expanded key and the tables: the key session calls it when it locks.
 */
import { unsafe } from '@noble/ciphers/aes.js';

const BLOCK = 16;
const TAG = 16;
const IV = 12;

/** GHASH reduces modulo x^128 + x^7 + x^2 + x + 1: R = 0xe1 ‖ 0^120 (SP 800-38D §6.3). */
const R = 0xe1 << 24;

const swapBytes = (n: number) => ((n & 0xff) << 24) | (((n >>> 8) & 0xff) << 16) | (((n >>> 16) & 0xff) << 8) | (n >>> 24);

const aligned = (bytes: Uint8Array) => bytes.byteOffset % 4 === 0;

/** Little-endian 32-bit word of `bytes` at `i`, with zeros past `end` (the padding of a last partial block). */
function word(bytes: Uint8Array, i: number, end: number): number {
  if (i + 4 <= end) return bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
  let w = 0;
  for (let k = 0; k < 4 && i + k < end; k += 1) w |= bytes[i + k]! << (8 * k);
  return w;
}

export class AesGcm {
  private readonly xk: Uint32Array;
  /**
   * table[(w·256 + b)·4 … +3]: the product of the hash key with the byte value b at byte w of a
   * block, as four little-endian words; a block times the key is the XOR of 16 entries.
   */
  private readonly table = new Int32Array(16 * 256 * 4);
  private readonly state = new Int32Array(4);

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new TypeError('AES-256-GCM takes a 32-byte key');
    this.xk = unsafe.expandKeyLE(key);
    const h = unsafe.encryptBlock(this.xk, new Uint8Array(BLOCK));
    // H·x^i for i = 0 … 127 (big-endian words, halved with reduction), each stored as little-endian words.
    const view = new DataView(h.buffer, h.byteOffset, BLOCK);
    let k0 = view.getUint32(0);
    let k1 = view.getUint32(4);
    let k2 = view.getUint32(8);
    let k3 = view.getUint32(12);
    h.fill(0);
    const powers = new Int32Array(128 * 4);
    for (let i = 0; i < 128; i += 1) {
      powers[i * 4] = swapBytes(k0);
      powers[i * 4 + 1] = swapBytes(k1);
      powers[i * 4 + 2] = swapBytes(k2);
      powers[i * 4 + 3] = swapBytes(k3);
      const carry = k3 & 1;
      k3 = (k2 << 31) | (k3 >>> 1);
      k2 = (k1 << 31) | (k2 >>> 1);
      k1 = (k0 << 31) | (k1 >>> 1);
      k0 = (k0 >>> 1) ^ (R & -carry);
    }
    // Byte w of a block holds the coefficients of x^(8w) … x^(8w+7), its most significant bit first.
    const { table } = this;
    for (let w = 0; w < 16; w += 1) {
      for (let b = 1; b < 256; b += 1) {
        const at = (w * 256 + b) * 4;
        for (let bit = 0; bit < 8; bit += 1) {
          if (((b >>> (7 - bit)) & 1) === 0) continue;
          const p = (w * 8 + bit) * 4;
          for (let i = 0; i < 4; i += 1) table[at + i] = table[at + i]! ^ powers[p + i]!;
        }
      }
    }
    powers.fill(0);
  }

  /** The state ⊕ one block (four little-endian words), times the hash key. */
  private multiply(b0: number, b1: number, b2: number, b3: number): void {
    const { table: t, state } = this;
    let o0 = 0;
    let o1 = 0;
    let o2 = 0;
    let o3 = 0;
    // Byte w of the block (word w >> 2, bits 8·(w & 3) up) picks row w of the table.
    const x = [state[0]! ^ b0, state[1]! ^ b1, state[2]! ^ b2, state[3]! ^ b3] as const;
    for (let i = 0; i < 4; i += 1) {
      const v = x[i]!;
      const row = i << 12; // (4 rows of 256 entries of 4 words) per word
      let at = row | ((v & 0xff) << 2);
      o0 ^= t[at]!;
      o1 ^= t[at + 1]!;
      o2 ^= t[at + 2]!;
      o3 ^= t[at + 3]!;
      at = (row + 1024) | (((v >>> 8) & 0xff) << 2);
      o0 ^= t[at]!;
      o1 ^= t[at + 1]!;
      o2 ^= t[at + 2]!;
      o3 ^= t[at + 3]!;
      at = (row + 2048) | (((v >>> 16) & 0xff) << 2);
      o0 ^= t[at]!;
      o1 ^= t[at + 1]!;
      o2 ^= t[at + 2]!;
      o3 ^= t[at + 3]!;
      at = (row + 3072) | ((v >>> 24) << 2);
      o0 ^= t[at]!;
      o1 ^= t[at + 1]!;
      o2 ^= t[at + 2]!;
      o3 ^= t[at + 3]!;
    }
    state[0] = o0;
    state[1] = o1;
    state[2] = o2;
    state[3] = o3;
  }

  /** Absorbs `bytes`, zero-padded to whole blocks (GHASH pads the additional data and the ciphertext apart). */
  private absorb(bytes: Uint8Array, end = bytes.length): void {
    for (let i = 0; i < end; i += BLOCK) this.multiply(word(bytes, i, end), word(bytes, i + 4, end), word(bytes, i + 8, end), word(bytes, i + 12, end));
  }

  /** GHASH(aad, ciphertext) ⊕ E(J0): the tag. */
  private tag(aad: Uint8Array, ciphertext: Uint8Array, length: number, mask: Uint8Array): Uint8Array {
    this.state.fill(0);
    this.absorb(aad);
    this.absorb(ciphertext, length);
    // The lengths block: bit lengths of the additional data and of the ciphertext, 64-bit big-endian each.
    const lengths = new Uint8Array(BLOCK);
    const view = new DataView(lengths.buffer);
    view.setUint32(0, Math.floor(aad.length / 0x20000000));
    view.setUint32(4, (aad.length * 8) >>> 0);
    view.setUint32(8, Math.floor(length / 0x20000000));
    view.setUint32(12, (length * 8) >>> 0);
    this.absorb(lengths);
    const out = new Uint8Array(TAG);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 4; i += 1) outView.setInt32(i * 4, this.state[i]!, true);
    for (let i = 0; i < TAG; i += 1) out[i]! ^= mask[i]!;
    this.state.fill(0);
    return out;
  }

  /** J0 = IV ‖ 0^31 ‖ 1: E(J0) masks the tag; the payload's counter starts at inc32(J0). */
  private counters(iv: Uint8Array): { mask: Uint8Array; counter: Uint8Array } {
    if (iv.length !== IV) throw new TypeError('AES-GCM: a 12-byte IV');
    const j0 = new Uint8Array(BLOCK);
    j0.set(iv);
    j0[15] = 1;
    const counter = j0.slice();
    counter[15] = 2;
    return { mask: unsafe.encryptBlock(this.xk, j0), counter };
  }

  /** Ciphertext ‖ tag. */
  encrypt(iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    const { mask, counter } = this.counters(iv);
    const out = new Uint8Array(plaintext.length + TAG);
    const source = aligned(plaintext) ? plaintext : plaintext.slice();
    unsafe.ctr32(this.xk, false, counter, source, out.subarray(0, plaintext.length));
    out.set(this.tag(aad, out, plaintext.length, mask), plaintext.length);
    return out;
  }

  /** The plaintext; throws when the tag does not match (another key, IV or additional data, or changed bytes). */
  decrypt(iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
    if (sealed.length < TAG) throw new Error('aes-gcm: too short');
    const length = sealed.length - TAG;
    const { mask, counter } = this.counters(iv);
    const expected = this.tag(aad, sealed, length, mask);
    // Compared in full, whatever differs first: no early exit.
    let difference = 0;
    for (let i = 0; i < TAG; i += 1) difference |= expected[i]! ^ sealed[length + i]!;
    if (difference !== 0) throw new Error('aes-gcm: invalid tag');
    const source = aligned(sealed) ? sealed.subarray(0, length) : sealed.slice(0, length);
    return unsafe.ctr32(this.xk, false, counter, source, new Uint8Array(length));
  }

  /** Overwrites the expanded key and the tables (the key session locks). */
  wipe(): void {
    this.xk.fill(0);
    this.table.fill(0);
    this.state.fill(0);
  }
}
