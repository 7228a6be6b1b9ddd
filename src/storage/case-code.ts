/**
 * Pseudonymous case codes such as "K7Q-4MF": short enough to write on a paper form, from an
 * alphabet without look-alikes (no 0/O, 1/I/L), random so they say nothing about the child.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function generateCaseCode(random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of 31).
  const chars: string[] = [];
  while (chars.length < 6) {
    for (const byte of random(8)) {
      if (byte < 248 && chars.length < 6) chars.push(ALPHABET[byte % ALPHABET.length]!);
    }
  }
  return `${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}`;
}
