/**
 * The practitioner PIN that ends hand-over mode (and later unlocks the app). Stored only as a
 * PBKDF2-SHA-256 hash with a random salt; computed before any Dexie transaction.
 */
import type { PinRecord } from './settings';

export const PIN_PATTERN = /^\d{4,8}$/;
const ITERATIONS = 210_000;

const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}

export async function hashPin(pin: string, iterations = ITERATIONS): Promise<PinRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toHex(salt), iterations, hash: await derive(pin, salt, iterations) };
}

export async function verifyPin(pin: string, record: PinRecord): Promise<boolean> {
  const candidate = await derive(pin, fromHex(record.salt), record.iterations);
  // Same length always; compare without an early exit.
  let difference = 0;
  for (let i = 0; i < candidate.length; i += 1) difference |= candidate.charCodeAt(i) ^ record.hash.charCodeAt(i);
  return difference === 0 && candidate.length === record.hash.length;
}
