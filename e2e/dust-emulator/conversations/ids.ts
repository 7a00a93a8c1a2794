/**
 * Identifiers in Dust's formats.
 *
 * Conversation and message sIds are 10-character random strings; action sIds start with
 * `act_`. Model ids are plain increasing numbers, which also keeps test output readable.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 string of `length` characters. */
export function randomSId(length = 10): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** Hands out model ids per emulator instance, so parallel emulators never share state. */
export class IdSequence {
  private next: number;
  constructor(start = 1) {
    this.next = start;
  }
  take(): number {
    return this.next++;
  }
}
