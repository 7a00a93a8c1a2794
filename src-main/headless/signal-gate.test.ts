import { describe, expect, it } from 'vitest';

import { SignalGate } from './signal-gate.js';

describe('SignalGate', () => {
  it('takes the first signal as stop and every repeat within the window as the same request', () => {
    let now = 1_000;
    const gate = new SignalGate(() => now, 1_000);
    expect(gate.receive()).toBe('stop');
    for (const at of [1_000, 1_001, 1_500, 2_000]) {
      now = at;
      expect(gate.receive()).toBe('repeat');
    }
  });

  it('takes a signal after the window as "exit now"', () => {
    let now = 0;
    const gate = new SignalGate(() => now, 1_000);
    gate.receive();
    now = 1_001;
    expect(gate.receive()).toBe('force');
  });
});
