import { randomBytes } from 'node:crypto';

import type { Random } from '../core/ports.js';

/** Randomness from the OS CSPRNG, so nonces and ids are unguessable, not merely unique. */
export class NodeRandom implements Random {
  /** 48 random bits scaled into [0, 1): as fine as a double allows without bias tricks. */
  next(): number {
    return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
  }

  hex(byteCount: number): string {
    return randomBytes(byteCount).toString('hex');
  }
}
